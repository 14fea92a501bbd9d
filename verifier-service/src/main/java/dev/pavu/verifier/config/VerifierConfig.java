package dev.pavu.verifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.quarkus.runtime.configuration.MemorySize;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the verifier (prefix {@code pavu.verifier}). Every value has a default that works on a
 * developer machine; the environment variables named below override them in deploy/local,
 * docker-compose.yml and helm/.
 */
@ConfigMapping(prefix = "pavu.verifier")
public interface VerifierConfig {

    /**
     * Base URL of the planner, which serves source bundles at {@code GET /sources/{sha}}.
     * Environment: {@code PAVU_PLANNER_URL}.
     */
    @WithDefault("http://localhost:8081")
    String plannerUrl();

    /**
     * Base URL under which this verifier is reached; verdicts link logs as
     * {@code <public-url>/runs/{candidateId}/log}. Environment: {@code PAVU_VERIFIER_URL}.
     */
    @WithDefault("http://localhost:8083")
    String publicUrl();

    /**
     * Data directory ({@code PAVU_HOME}); the verifier uses {@code <home>/verifier/work} (private copies
     * per candidate, deleted after the run), {@code <home>/verifier/logs} (one log per candidate) and
     * {@code <home>/verifier/sources} (the bundle cache).
     */
    @WithDefault("${user.home}/.pavu")
    String home();

    /**
     * Stable name of this worker, written on the runs it claims. Empty = {@code <hostname>:<pid>}.
     */
    Optional<String> workerId();

    /**
     * Whether a PASS verdict marks its job as having a plausible patch, so that every worker skips the job's other
     * candidates before the planner's conclusion arrives. Off by default: the planner ranks plausible patches and goes
     * on verifying a few more candidates after the first one ({@code pavu.planner.ranking.*}); the job's conclusion on
     * {@code pavu.jobs} still stops the rest. Turn it on only with the planner's ranking off
     * ({@code pavu.planner.ranking.extra-candidates=0}).
     */
    @WithDefault("false")
    boolean skipAfterPlausible();

    /** Wall-clock limit per candidate when the candidate's {@code VerifySpec} gives none (it always does in v1). */
    @WithDefault("60s")
    Duration defaultTimeout();

    /**
     * A run whose worker has not written a heartbeat for this long is considered abandoned (its worker
     * died) and may be taken over when its candidate is delivered again.
     */
    @WithDefault("30s")
    Duration staleAfter();

    /**
     * Claims of one candidate's run after which, when that run too was abandoned (its worker died or stalled: the
     * candidate may crash the JVM), the candidate is not run again but gets an ERROR verdict naming the cause.
     */
    @WithDefault("3")
    int maxAttempts();

    /**
     * Worker threads of this process: each takes the next queued candidate ({@code dev.pavu.verifier.queue}) and
     * verifies it. Scale out with more processes (one is the default: a candidate's build uses the cores it finds).
     */
    @WithDefault("1")
    int workerThreads();

    /** Keep each candidate's private workspace after the run (debugging only; they are deleted by default). */
    @WithDefault("false")
    boolean keepWorkspaces();

    /** Output and report limits. */
    Limits limits();

    /** The Maven toolchain. */
    Maven maven();

    /** The sandbox every build and test run goes through. */
    Sandbox sandbox();

    /** Defaults of the per-job gate policy (linters, tests first, probe). */
    GatesSettings gates();

    /** The Python toolchain (pytest). */
    PythonSettings python();

    /** The Node toolchain (npm test). */
    NodeSettings node();

    /** The Gradle toolchain. */
    GradleSettings gradle();

    /** The fast path for JVM projects. */
    FastPath fastPath();

    /** The fast path for JVM projects (see {@code dev.pavu.verifier.fast}). */
    interface FastPath {
        /**
         * Verify Maven candidates that change only Java sources through the fast path: the baseline built once
         * per source, the changed sources compiled alone, the tests in a warm sandboxed JVM (same verdicts as the
         * cold path: {@code FastPathEquivalenceTest}, {@code bench/verifier/run}). Candidates it cannot take
         * (other files changed or deleted, multi-module or non-jar builds, tests neither on the JUnit Platform nor
         * on JUnit 4.12+, coverage runs) always go the cold path.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The shortest per-test limit on the fast path (an opt-in shortcut); a test then runs at most
         * {@code max(this, test-limit-factor × the slowest baseline test in the warm JVM)}, never longer than the
         * cold path's per-test limit, and a test over it is taken to loop and judged as if it had run the cold path's
         * limit. {@code 0} (the default) = the cold path's per-test limit, so that a passing test is never stricter
         * judged than on the cold path: with 1 s, a correct candidate whose test took ~2 s (well within the cold path's
         * limit) got FAIL here and PASS there ({@code bench/verifier/run}'s one disagreement). With 0 the baseline's
         * tests are not timed in the warm JVM when the project opens.
         */
        @WithDefault("0s")
        java.time.Duration testLimitFloor();

        /**
         * Open a project's fast path without a Maven process when its build is the plain one (the classpath resolved
         * offline from the local repository, main and test sources compiled with {@code javax.tools}, no annotation
         * processing): about 5 s less per source. Projects with plugins, processors, filtered resources, non-default
         * directories or symbolic links under {@code src/} open with Maven in the sandbox as before (said in the log).
         */
        @WithDefault("true")
        boolean inProcessOpen();

        /** See {@link #testLimitFloor()}: how many times its slowest baseline test a candidate's test may take. */
        @WithDefault("20")
        int testLimitFactor();

        /**
         * Keep one spare warm JVM per source, started in the background, so that replacing a killed JVM (a test
         * abandoned at its limit, memory exhausted, threads left running, a hang) does not wait for a JVM start
         * (about 1–2 s here). Costs one idle JVM per kept source (evicted with it, see {@link #maxProjects()}).
         */
        @WithDefault("true")
        boolean spareJvm();

        /**
         * The JUnit Vintage engine version that runs JUnit 3/4 projects (junit:junit 4.12 or later on the test
         * classpath, no junit-platform-engine) in the warm JVM; the JUnit Platform launcher, engine and commons
         * are the matching platform version (Vintage 5.x.y goes with Platform 1.x.y, 6.x with 6.x). The prefetch
         * puts {@code org.junit.vintage:junit-vintage-engine} and {@code junit-platform-launcher} of that version in
         * the local repository; when they are not there the project's candidates take the cold path, saying so.
         */
        @WithDefault("5.11.4")
        String vintageVersion();

        /** Sources whose built baseline and warm JVMs (the one in use and its spare) are kept at once (least recently used goes first). */
        @WithDefault("4")
        int maxProjects();

    }

    /** Output and report limits. */
    interface Limits {
        /** Bytes kept from the start of a run's output (the rest is counted, not kept, up to {@link #tailBytes()}). */
        @WithDefault("262144")
        int headBytes();

        /** Bytes kept from the end of a run's output. */
        @WithDefault("262144")
        int tailBytes();

        /** Bytes of the end of the log copied into the verdict ({@code logExcerpt}). */
        @WithDefault("4096")
        int excerptBytes();

        /** Characters kept of each failing test's stack trace. */
        @WithDefault("4096")
        int stackTraceChars();

        /** Characters kept of each failing test's message. */
        @WithDefault("2048")
        int messageChars();

        /** Failing tests listed in a verdict at most (the count is always complete). */
        @WithDefault("50")
        int maxFailingTests();
    }

    /** The Maven toolchain. */
    interface Maven {
        /** The Maven command: a name looked up on {@code PATH} or an absolute path. */
        @WithDefault("mvn")
        String command();

        /** JDK the target project builds and tests with. Empty = the verifier's own JDK ({@code java.home}). */
        Optional<String> javaHome();

        /** Local Maven repository the offline runs read (read-only inside the sandbox). */
        @WithDefault("${user.home}/.m2/repository")
        String localRepository();

        /**
         * Before the first offline run of a source, resolve its dependencies and plugins WITH network, in the
         * verifier's own JVM with Maven Resolver as a library ({@code dev.pavu.verifier.prefetch}): the project's
         * poms are read as data, none of its build runs. Downloads go to a per-source staging repository (checksums
         * verified, a mismatch fails), then are added to {@link #localRepository()} without overwriting a file.
         */
        @WithDefault("true")
        boolean prefetch();

        /**
         * The remote repositories the prefetch downloads from, each {@code id=url}; the only ones used (repositories
         * declared in a project's poms are ignored). The id should be the one the offline runs know the repository
         * by ({@code central} for Maven Central), since Maven records where each file came from.
         */
        @WithDefault("central=https://repo.maven.apache.org/maven2/")
        List<String> repositories();

        /**
         * The plugins of the jar lifecycle up to {@code test} (resources, compiler, surefire) and the
         * maven-dependency-plugin, as {@code groupId:artifactId:version}, when a project pins no version. Empty = read
         * them from the installed Maven ({@link #command()}'s {@code lib/maven-core*.jar} lifecycle bindings and its
         * super POM, e.g. resources 2.6, compiler 3.1, surefire 2.12.4, dependency 2.8 for Maven 3.8.7); when that
         * cannot be read, Maven 3.9.11's (resources 3.3.1, compiler 3.13.0, surefire 3.2.5, dependency 3.7.0).
         */
        Optional<List<String>> lifecyclePlugins();

        /** Wall-clock limit of the prefetch of one source. */
        @WithDefault("10m")
        Duration prefetchTimeout();

        /** Extra arguments added to every Maven run (e.g. {@code -T1}), empty by default. */
        Optional<List<String>> extraArgs();

        /** {@code MAVEN_OPTS} of the Maven JVM. */
        @WithDefault("-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
        String mavenOpts();
    }

    /** The sandbox. */
    interface Sandbox {
        /**
         * {@code auto} (bubblewrap; where it does not work, candidates are refused unless {@link #allowUnsandboxed()}),
         * {@code bubblewrap} (required: where it does not work candidates are refused), {@code docker} (a container per
         * run through docker-java; without an engine candidates are refused) or {@code none} (explicitly unsandboxed:
         * every verdict says so). A refusing verifier gives each candidate an ERROR verdict saying why and what to set,
         * and its {@code /q/health/ready} is DOWN.
         */
        @WithDefault("auto")
        String kind();

        /**
         * With {@code kind=auto}: run candidates unsandboxed (plain processes, every verdict and log says
         * {@code unsandboxed}) when bubblewrap does not work here, instead of refusing them. Only for a machine or pod
         * that is itself the sandbox (e.g. a gVisor or Kata runtime class).
         */
        @WithDefault("false")
        boolean allowUnsandboxed();

        /**
         * Load Pavu's seccomp filter into bubblewrap ({@code ptrace}, {@code mount}, {@code unshare}, {@code setns},
         * keyrings, {@code bpf}, {@code perf_event_open}, modules … denied). Turned off (with a WARN) where the kernel
         * refuses it.
         */
        @WithDefault("true")
        boolean seccomp();

        /** The bubblewrap binary. */
        @WithDefault("bwrap")
        String bwrap();

        /**
         * System directories visible (read-only) inside the bubblewrap sandbox; symbolic links among them
         * (e.g. {@code /bin -> usr/bin}) are recreated. Nothing else of the machine is visible besides the
         * JDK, Maven, the local repository (read-only) and the candidate's own workspace.
         */
        @WithDefault("/usr,/bin,/sbin,/lib,/lib32,/lib64,/libx32,/etc,/opt")
        List<String> systemPaths();

        /** Files and directories below the system paths that candidates must not read (replaced by empty ones). */
        @WithDefault("/etc/shadow,/etc/gshadow,/etc/shadow-,/etc/gshadow-,/etc/ssh,/etc/sudoers,/etc/sudoers.d")
        List<String> hiddenPaths();

        /** Cap memory and processes of each run with a cgroup (v2 or v1, whichever is mounted) when it is writable here. */
        @WithDefault("true")
        boolean cgroups();

        /** Memory of a run's whole process tree (Maven and the test JVM together). */
        @WithDefault("3G")
        MemorySize memory();

        /** Processes and threads of a run's whole process tree. */
        @WithDefault("1024")
        int maxProcesses();

        /** CPU time per process (RLIMIT_CPU), seconds; 0 = four times the run's wall-clock limit. */
        @WithDefault("0")
        long cpuSeconds();

        /** CPU bandwidth of a run in cores (cgroup CFS quota); 0 = not capped. */
        @WithDefault("0")
        double cpuCores();

        /** Largest file a run may write (RLIMIT_FSIZE). */
        @WithDefault("1G")
        MemorySize maxFileSize();

        /** Output after which a run is killed (only the first and last 256 KB are ever kept). */
        @WithDefault("1G")
        MemorySize maxOutput();

        /** The container sandbox ({@code kind=docker}). */
        Docker docker();
    }

    /** The container sandbox. */
    interface Docker {
        /** Docker engine, e.g. {@code unix:///var/run/docker.sock}; empty = {@code DOCKER_HOST} or the default socket. */
        Optional<String> host();

        /** Image with the JDK and Maven the runs use. */
        @WithDefault("maven:3.9-eclipse-temurin-21")
        String image();

        /** {@code uid:gid} the runs use inside the container (non-root). */
        @WithDefault("65534:65534")
        String user();
    }
}
