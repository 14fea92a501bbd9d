package dev.pavu.verifier.fast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Containment of the warm JVM's runs: a fresh directory per run, the runner's answers matched exactly, and what a
 * run left alive (threads it started, processes in the sandbox) so that such a JVM is not reused: nothing of one
 * candidate runs when the next one starts.
 */
final class RunContainment {

    private static final Pattern THREADS = Pattern.compile(" threads=(\\d+)");

    private RunContainment() {
    }

    /**
     * @param line   a protocol line of the runner
     * @param prefix the answer's prefix, e.g. {@code PAVU-FAST-DONE }
     * @param id     the run id
     * @return whether {@code line} is the runner's answer {@code <prefix><id>} (optionally followed by {@code  threads=N})
     */
    static boolean doneFor(String line, String prefix, long id) {
        String head = prefix + id;
        return line.equals(head) || line.startsWith(head + " ");
    }

    /**
     * What a run left alive in the warm JVM: the threads it started that are still alive (counted by the runner,
     * daemon threads included, in its answer's {@code threads=N}) and the processes of the sandbox beyond those
     * present when the JVM was ready.
     *
     * @param answer         the runner's answer line
     * @param extraProcesses live processes of the sandbox less those at the JVM's start
     * @return why the JVM must be replaced, or empty
     */
    static Optional<String> leftBehind(String answer, long extraProcesses) {
        Matcher m = THREADS.matcher(answer);
        if (!m.find()) {
            return Optional.of("the runner did not report the threads left running");
        }
        long threads = Long.parseLong(m.group(1));
        if (threads == 0 && extraProcesses <= 0) {
            return Optional.empty();
        }
        return Optional.of(threads + " thread(s) and " + Math.max(0, extraProcesses) + " process(es) it started still running");
    }

    /**
     * A new directory for one run, {@code <dir>/cand/<name>-<random>}: created here (it did not exist, so nothing was
     * planted in it), readable by the warm JVM; its name cannot be guessed by an earlier run.
     *
     * @param dir  the project's fast-path directory
     * @param name the run's name, e.g. its id
     * @return the new directory
     * @throws IOException when it cannot be created (or, against all odds, exists)
     */
    static Path freshDir(Path dir, String name) throws IOException {
        Path parent = Files.createDirectories(dir.resolve("cand"));
        return Files.createDirectory(parent.resolve(name + "-" + UUID.randomUUID()));
    }
}
