package dev.pavu.verifier.fast;

import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.sandbox.SandboxedProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One started warm JVM ({@code dev.pavu.fastrunner.PavuFastRunner} in the sandbox): its sandboxed process, its protocol
 * lines ({@code PAVU-FAST-…}, read by a platform thread), the rest of its output, and the number of processes of its
 * sandbox once it was ready ({@link SandboxedProcess#liveDescendants}: what a run leaves behind is counted against it).
 * Started by {@link #launch}, made ready by {@link #awaitReady}; {@link WarmJvms} decides which JVM runs what.
 */
record WarmJvm(SandboxedProcess sandboxed, BlockingQueue<String> protocol, OutputCapture log, AtomicLong baseline, Thread reader) {

    /**
     * What every warm JVM of one fast-path project is started from.
     *
     * @param dir         the project's fast-path directory (runs' scratch under {@code cand/})
     * @param base        the built baseline
     * @param classpath   the project's test classpath (read-only in the sandbox)
     * @param junitJars   the runner's own class path after its classes ({@link TestPlatform#runnerJars})
     * @param depsFile    the dependencies' jars, one a line (the runner's child class loader)
     * @param runnerDir   the runner's classes
     * @param javaHome    the JDK the JVMs run on
     * @param sandbox     where they run
     * @param spareJvm    keep a spare JVM once the baseline's timing is over
     * @param memoryBytes the run's memory limit (the cold path's cgroup), bytes; 0 = none. The JVM sizes its heap from it
     * @param runLimits   the sandbox's caps of each warm JVM for its whole life (memory, processes, CPU time, file size)
     */
    record Setup(Path dir, Path base, List<Path> classpath, List<Path> junitJars, Path depsFile, Path runnerDir, Path javaHome,
                 Sandbox sandbox, boolean spareJvm, long memoryBytes, Limits runLimits) {
        Setup {
            classpath = List.copyOf(classpath);
            junitJars = List.copyOf(junitJars);
        }
    }

    Process process() {
        return sandboxed.process();
    }

    /**
     * Waits until the JVM's output is read to its end (the process has exited).
     *
     * @param ms the longest wait, milliseconds
     * @return whether the reader reached the end of the output
     */
    boolean drained(long ms) {
        try {
            reader.join(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !reader.isAlive();
    }

    /** @return the processes its runs left behind in its sandbox (those above the count when it was ready) */
    long leftBehind() {
        return sandboxed.liveDescendants() - baseline.get();
    }

    /** Kills its whole process tree; safe to call more than once. */
    void kill() {
        sandboxed.close();
    }

    /**
     * Starts a warm JVM without waiting for it, in the sandbox ({@link Sandbox#start}) with the cold path's caps: the
     * JVM sees the baseline, the runner, the JDK and the dependencies read-only and only {@code cand/} writable (each
     * run's own fresh directory below it, see {@link RunContainment#freshDir}).
     *
     * @param s what to start it from
     * @return the JVM, starting
     * @throws IOException when the sandbox cannot start it
     */
    static WarmJvm launch(Setup s) throws IOException {
        Path work = Files.createDirectories(s.dir().resolve("cand"));
        // the cold path runs surefire's JVM under the run's cgroup memory cap, which that JVM does not see (no /sys in
        // the sandbox: it sizes its heap from the machine's memory), so a runaway allocation there ends when the
        // kernel kills the run at the cap (ERROR). The warm JVM's heap is capped that much, less what Maven's own JVM
        // and the test JVM's non-heap take on the cold path, and its memory watch (fast-runner's Memory) decides the
        // run as soon as the heap stays full after a collection; MaxRAM sizes the rest of its ergonomics alike.
        List<String> jvm = new ArrayList<>(List.of(s.javaHome().resolve("bin/java").toString(),
                "-XX:+UseSerialGC", "-Djava.awt.headless=true"));
        if (s.memoryBytes() > 0) {
            jvm.add("-XX:MaxRAM=" + s.memoryBytes());
            jvm.add("-Xmx" + heapBytes(s.memoryBytes()));
        }
        List<String> cp = new ArrayList<>(List.of(s.runnerDir().toString()));
        s.junitJars().forEach(p -> cp.add(p.toString()));
        jvm.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, cp),
                FastPath.RUNNER_CLASS, s.depsFile().toString(), s.base().resolve("target/classes").toString(),
                s.base().resolve("target/test-classes").toString()));
        List<Path> ro = new ArrayList<>(List.of(s.base(), s.runnerDir(), s.depsFile(), s.javaHome()));
        ro.addAll(s.classpath());
        ro.addAll(s.junitJars());
        SandboxedProcess sp = s.sandbox().start(new ExecRequest(jvm, work, Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8",
                "HOME", "/tmp", "JAVA_HOME", s.javaHome().toString()), Duration.ofDays(1), false, List.of(), ro,
                new OutputCapture(0, 0, null), null, s.runLimits()));
        Process p = sp.process();
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        OutputCapture rl = new OutputCapture(64 * 1024, 64 * 1024, null);
        // a platform thread, as ProcessRunner's: the protocol's answers must be read even when the verifier is busy
        Thread reader = Thread.ofPlatform().daemon().name("fast-runner-" + p.pid()).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    if (l.startsWith("PAVU-FAST-")) {
                        q.add(l);
                    } else {
                        byte[] b = (l + "\n").getBytes(StandardCharsets.UTF_8);
                        rl.write(b, 0, b.length);
                    }
                }
            } catch (IOException e) {
                // the JVM is gone
            }
        });
        return new WarmJvm(sp, q, rl, new AtomicLong(), reader);
    }

    /**
     * Waits (at most 60 s) for the JVM's {@code PAVU-FAST-READY}; kills it and throws when it does not come (a JVM that
     * exits at once, e.g. its runner classes are damaged, is given up as soon as its output is read to the end).
     *
     * @throws IOException {@code the warm JVM did not start: …} with how it ended and what it printed
     */
    void awaitReady() throws IOException {
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String ready = null;
            while (ready == null && System.nanoTime() < until) {
                ready = protocol.poll(100, TimeUnit.MILLISECONDS);
                if (ready == null && !process().isAlive() && drained(2_000) && protocol.isEmpty()) {
                    break;
                }
            }
            if (!"PAVU-FAST-READY".equals(ready)) {
                String out = log.text().strip();
                String how = ready != null ? ready : process().isAlive() ? "no answer within 60 s"
                        : "it exited with code " + process().exitValue();
                kill();
                throw new IOException("the warm JVM did not start: " + how + (out.isEmpty() ? "" : ": " + out));
            }
            baseline.set(sandboxed.liveDescendants());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IOException("interrupted while starting the warm JVM");
        }
    }

    /**
     * The warm JVM's heap cap for a run memory limit: the limit less what the cold path spends beside the tests'
     * heap under the same cgroup (Maven's JVM, about 300–450 MB resident here, and the test JVM's non-heap), i.e.
     * {@code limit - min(512 MB, limit / 4)}.
     *
     * @param memoryBytes the run's memory limit, bytes (&gt; 0)
     * @return the heap cap, bytes
     */
    static long heapBytes(long memoryBytes) {
        return memoryBytes - Math.min(512L * 1024 * 1024, memoryBytes / 4);
    }
}
