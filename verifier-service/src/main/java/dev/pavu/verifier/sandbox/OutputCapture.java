package dev.pavu.verifier.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Keeps a bounded copy of a process's output: the first {@code headBytes} and the last {@code tailBytes};
 * everything in between is counted and dropped, so a candidate that prints gigabytes costs no memory.
 * Complete lines (up to 2 KB each, longer ones cut) are also handed to an optional listener as they arrive,
 * which lets a toolchain notice phase changes (e.g. the test phase starting) while the run goes on.
 *
 * <p>Thread-safe: one reader thread writes, any thread may read the result.
 */
public final class OutputCapture implements OutputSink {

    private static final int MAX_LINE = 2048;

    private final byte[] head;
    private final byte[] tail;
    private int headLen;
    private int tailPos;
    private long tailLen;
    private long total;
    private final Consumer<String> lineListener;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLen;

    /**
     * @param headBytes    bytes kept from the start (≥ 0)
     * @param tailBytes    bytes kept from the end (≥ 0)
     * @param lineListener receives each complete output line (without its newline), or {@code null}
     */
    public OutputCapture(int headBytes, int tailBytes, Consumer<String> lineListener) {
        this.head = new byte[Math.max(0, headBytes)];
        this.tail = new byte[Math.max(0, tailBytes)];
        this.lineListener = lineListener;
    }

    /**
     * Appends output bytes.
     *
     * @param b   buffer
     * @param off offset in the buffer
     * @param len number of bytes
     */
    @Override
    public synchronized void write(byte[] b, int off, int len) {
        total += len;
        int i = off;
        int end = off + len;
        if (headLen < head.length) {
            int n = Math.min(head.length - headLen, len);
            System.arraycopy(b, off, head, headLen, n);
            headLen += n;
            i += n;
        }
        for (int j = i; j < end && tail.length > 0; j++) {
            tail[tailPos] = b[j];
            tailPos = (tailPos + 1) % tail.length;
        }
        tailLen += end - i;
        if (lineListener != null) {
            for (int j = off; j < end; j++) {
                byte c = b[j];
                if (c == '\n') {
                    emitLine();
                } else if (lineLen < MAX_LINE) {
                    line[lineLen++] = c;
                }
            }
        }
    }

    /** Hands a last unterminated line to the listener; call once when the stream has ended. */
    @Override
    public synchronized void finish() {
        if (lineListener != null && lineLen > 0) {
            emitLine();
        }
    }

    private void emitLine() {
        int n = lineLen;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        String s = new String(line, 0, n, StandardCharsets.UTF_8);
        lineLen = 0;
        try {
            lineListener.accept(s);
        } catch (RuntimeException ignored) {
            // a listener must never break the capture
        }
    }

    /** @return bytes written in total, kept or not */
    public synchronized long totalBytes() {
        return total;
    }

    /** @return bytes counted but not kept (0 while the output fits) */
    public synchronized long droppedBytes() {
        return Math.max(0, tailLen - tail.length);
    }

    /**
     * @return the kept output as text (UTF-8, malformed bytes replaced): the head, then, when bytes were
     * dropped, a line {@code [… N bytes of output omitted …]}, then the tail
     */
    public synchronized String text() {
        StringBuilder sb = new StringBuilder(new String(head, 0, headLen, StandardCharsets.UTF_8));
        long dropped = droppedBytes();
        if (dropped > 0) {
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
                sb.append('\n');
            }
            sb.append("[… ").append(dropped).append(" bytes of output omitted by the verifier …]\n");
        }
        sb.append(new String(tailBytes(), StandardCharsets.UTF_8));
        return sb.toString();
    }

    private byte[] tailBytes() {
        int n = (int) Math.min(tailLen, tail.length);
        byte[] out = new byte[n];
        int start = (int) ((tailPos - n + tail.length) % Math.max(1, tail.length));
        for (int k = 0; k < n; k++) {
            out[k] = tail[(start + k) % tail.length];
        }
        return out;
    }

    /**
     * Writes the kept output (as {@link #text()}) to a stream.
     *
     * @param out the stream; not closed
     * @throws IOException when writing fails
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(text().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the kept output to a file, replacing it.
     *
     * @param file target file; its directory must exist
     * @throws IOException when writing fails
     */
    public void writeTo(Path file) throws IOException {
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }
}
