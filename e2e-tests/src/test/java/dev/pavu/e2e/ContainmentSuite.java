package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The containment suite of issue "untrusted repositories stay contained": every hostile case as a small
 * repository or request, run through the running stack (planner on {@code PAVU_PLANNER_URL}), each judged
 * {@code contained} or {@code ESCAPED} with what was seen. Run by {@code bench/security/run} (which prints one line
 * per case and last {@code contained: N/N}) and by {@link ContainmentIT} in CI.
 *
 * <p>The witnesses: a {@link Canary} listener on a loopback port of the host (any connection is an escape), a
 * host file outside every workspace holding a secret, marker files a build step or a test tries to plant in
 * the shared Maven cache, and the fixture's own tests, which pass only when the sandbox holds; their verdicts
 * are read from the job's audit trail ({@code GET /jobs/{id}/events}) and told apart by path (a gate detail
 * ending in {@code (fast path)} is the warm JVM's).
 */
public final class ContainmentSuite {

    /**
     * One case's result.
     *
     * @param name      what was tried, e.g. {@code fast path: loopback ports of the host}
     * @param contained true when the hostile side got nowhere
     * @param detail    what was seen
     */
    public record Result(String name, boolean contained, String detail) {
        /** @return the printed line: {@code contained  <name>: <detail>} or {@code ESCAPED    <name>: <detail>} */
        public String line() {
            return (contained ? "contained  " : "ESCAPED    ") + name + ": " + detail;
        }
    }

    static final List<String[]> ESCAPE_TESTS = List.of(
            new String[]{"reachesNoLoopbackPortOfTheHost", "loopback ports of the host (Pavu's services, PostgreSQL, Kafka, a canary)"},
            new String[]{"seesNoHostFile", "a host file outside the workspace and /etc/shadow"},
            new String[]{"seesNoOtherWorkspaceNorPavuData", "Pavu's data directory and other jobs' workspaces"},
            new String[]{"readsNoOtherProcessEnvironment", "other processes' /proc/*/environ"},
            new String[]{"cannotWriteTheSharedMavenCache", "writing into the shared Maven cache"},
            new String[]{"nothingOfAnEarlierRunIsStillAlive", "threads and processes left by an earlier run"});

    private static final String FORK_BOMB = """
            for (int i = 0; i < 100_000; i++) {
                try {
                    held.add(new ProcessBuilder("sleep", "987653").start());
                } catch (java.io.IOException e) {
                    break;
                }
            }
            for (int i = 0; i < 100_000; i++) {
                Thread t = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } });
                t.setDaemon(true);
                t.start();
                held.add(t);
            }""";
    private static final String MEMORY_BOMB = """
            for (int i = 0; i < 1_000_000; i++) {
                held.add(new byte[16 << 20]);
            }""";

    private final PlannerClient planner = new PlannerClient();
    private final String secret = "pavu-secret-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path localRepo;
    private final Path pavuHome;
    private final List<Integer> ports;

    ContainmentSuite() {
        Path root = LocalStackExtension.root();
        this.pavuHome = Path.of(env("PAVU_HOME", env("PAVU_STACK_DIR", root.resolve(".pavu/stack").toString()) + "/home"));
        this.localRepo = Path.of(env("PAVU_VERIFIER_MAVEN_LOCAL_REPOSITORY", System.getProperty("user.home") + "/.m2/repository"));
        this.ports = Stream.of("PAVU_PLANNER_PORT:8081", "PAVU_ACTUATOR_PORT:8082", "PAVU_VERIFIER_PORT:8083", "PAVU_UPDATER_PORT:8084",
                "PAVU_GATEWAY_PORT:8085", "PAVU_PG_PORT:55432", "PAVU_KAFKA_PORT:9092")
                .map(s -> Integer.parseInt(env(s.split(":")[0], s.split(":")[1]))).toList();
    }

    /**
     * Runs every case against the running stack.
     *
     * @return one result per case, in a stable order
     */
    public List<Result> run() throws Exception {
        List<Result> out = new ArrayList<>();
        Path hostFile = Path.of("/var/tmp/pavu-containment-" + secret + ".txt");
        // the file's content carries a secret of its own: the path (named in escape tests' messages) does not
        String contentSecret = "pavu-content-" + UUID.randomUUID();
        Files.writeString(hostFile, "package demo; class Leak { String s = \"" + contentSecret + "\"; }\n");
        try (Canary canary = new Canary()) {
            List<Integer> all = new ArrayList<>(ports);
            all.add(canary.port());
            HostileRepos repos = new HostileRepos(Map.of("PORTS", String.join(", ", all.stream().map(String::valueOf).toList()),
                    "CANARY_PORT", String.valueOf(canary.port()), "HOST_FILE", hostFile.toString(), "SECRET", secret,
                    "PAVU_HOME", pavuHome.toString(), "LOCAL_REPO", localRepo.toString()));
            ContainmentJobs jobs = new ContainmentJobs(planner, secret, contentSecret, localRepo);
            if (selected("requests")) {
                out.addAll(new ContainmentRequests(planner).run());
            }
            if (selected("repository")) {
                out.addAll(jobs.hostileRepository(repos.containment(), canary));
                out.add(jobs.forgedClasspath(repos.forgedClasspath()));
            }
            if (selected("bombs")) {
                out.add(jobs.bomb("fast path: a fork bomb (processes and threads) in the warm JVM", repos.bomb(
                        "processes and threads without end", FORK_BOMB)));
                out.add(jobs.bomb("fast path: a memory bomb in the warm JVM", repos.bomb("memory without end", MEMORY_BOMB)));
            }
            if (selected("sources")) {
                out.add(jobs.symlink(repos.symlinkTo(hostFile)));
                out.addAll(jobs.gitBombs());
            }
            out.add(jobs.stillWorks(repos.plain()));
            List<String> hits = canary.hits();
            out.add(new Result("any path: the canary on the host's loopback", hits.isEmpty(),
                    hits.isEmpty() ? "no connection in the whole run" : hits.size() + " connection(s): " + hits));
        } finally {
            Files.deleteIfExists(hostFile);
        }
        return out;
    }

    /** @return true when {@code PAVU_SECURITY_ONLY} (comma-separated groups: requests, repository, bombs, sources) is unset or names it */
    private static boolean selected(String group) {
        String only = env("PAVU_SECURITY_ONLY", "");
        return only.isBlank() || List.of(only.split(",")).contains(group);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /**
     * Runs the suite, prints one line per case and last {@code contained: N/N}, saves the lines under
     * {@code args[0]} (a results folder) when given.
     *
     * @param args optional: the results folder
     */
    public static void main(String[] args) throws Exception {
        Instant start = Instant.now();
        List<Result> results = new ContainmentSuite().run();
        List<String> lines = new ArrayList<>();
        results.forEach(r -> lines.add(r.line()));
        long ok = results.stream().filter(Result::contained).count();
        lines.add("took " + Duration.between(start, Instant.now()).toSeconds() + " s");
        lines.add("contained: " + ok + "/" + results.size());
        lines.forEach(System.out::println);
        if (args.length > 0) {
            Path dir = Files.createDirectories(Path.of(args[0]));
            String commit = env("PAVU_COMMIT", "unknown");
            Path file = dir.resolve(start.toString().replace(':', '-').substring(0, 19) + "-" + commit + ".txt");
            Files.write(file, lines);
            System.out.println("saved " + file);
        }
        System.exit(ok == results.size() ? 0 : 1);
    }

    static JsonNode events(PlannerClient planner, String id) throws Exception {
        return planner.get("/jobs/" + id + "/events");
    }
}
