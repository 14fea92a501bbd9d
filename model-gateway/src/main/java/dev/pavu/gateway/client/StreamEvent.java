package dev.pavu.gateway.client;

/** What a backend stream yields: text fragments, then one {@link Done} or one {@link Failed}. */
public sealed interface StreamEvent {

    /**
     * A text fragment.
     *
     * @param text the fragment (never empty)
     */
    record Token(String text) implements StreamEvent {
    }

    /**
     * The stream ended well.
     *
     * @param answer the whole answer with its usage
     */
    record Done(BackendAnswer answer) implements StreamEvent {
    }

    /**
     * The stream broke.
     *
     * @param failure why
     */
    record Failed(BackendFailure failure) implements StreamEvent {
    }
}
