package dev.pavu.verifier.fast;

import dev.pavu.verifier.gate.GateOutcome;

/**
 * What the fast path made of one candidate: a verdict of its own ({@link Judged}), a candidate it does not take by
 * design ({@link NotTaken}: the cold path verifies it, as always), or a failure of the fast path's own machinery
 * ({@link Failed}: the warm JVM crashed or did not start, the runner reported an internal error, the fast build of
 * the project failed, javac broke down, a result could not be read). A {@code Failed} candidate is verified on the
 * cold path in the same sandbox, and its verdict says {@code fast path failed (<cause>); verified on the cold path}.
 * A failing, timed-out or non-compiling candidate is {@link Judged}, never {@code Failed}.
 */
public sealed interface FastAttempt {

    /** @param outcome the fast path's verdict, in the cold path's terms */
    record Judged(GateOutcome outcome) implements FastAttempt {
    }

    /** @param why why the candidate takes the cold path (a coverage run, a non-Java change, an ineligible project …) */
    record NotTaken(String why) implements FastAttempt {
    }

    /** @param cause what failed, one line (at most {@value #MAX_CAUSE} characters) */
    record Failed(String cause) implements FastAttempt {
        /** The longest cause kept, characters. */
        public static final int MAX_CAUSE = 300;

        public Failed {
            String line = cause == null || cause.isBlank() ? "unknown cause" : cause.strip().replaceAll("\\s+", " ");
            cause = line.length() > MAX_CAUSE ? line.substring(0, MAX_CAUSE) + "…" : line;
        }
    }
}
