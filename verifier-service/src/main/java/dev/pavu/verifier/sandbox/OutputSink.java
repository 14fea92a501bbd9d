package dev.pavu.verifier.sandbox;

/** Receives a process's merged stdout and stderr as it streams in. Implementations must be thread-safe. */
public interface OutputSink {

    /**
     * @param b   buffer
     * @param off offset
     * @param len bytes
     */
    void write(byte[] b, int off, int len);

    /** The stream has ended (called once). */
    default void finish() {
    }

    /**
     * @param sinks where to copy the output
     * @return a sink that writes to each of {@code sinks} in turn
     */
    static OutputSink tee(OutputSink... sinks) {
        return new OutputSink() {
            @Override
            public void write(byte[] b, int off, int len) {
                for (OutputSink s : sinks) {
                    s.write(b, off, len);
                }
            }

            @Override
            public void finish() {
                for (OutputSink s : sinks) {
                    s.finish();
                }
            }
        };
    }
}
