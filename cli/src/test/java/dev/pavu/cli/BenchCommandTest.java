package dev.pavu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pavu bench DIR} against a planner played by the test that repairs several programs at once. */
class BenchCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "src/main/java/demo/Calc.java";
    static final String BUGGY = """
            package demo;

            public final class Calc {
                public static int add(int a, int b) {
                    return a - b;
                }
            }
            """;
    static final String REFERENCE = """
            diff --git a/src/main/java/demo/Calc.java b/src/main/java/demo/Calc.java
            --- a/src/main/java/demo/Calc.java
            +++ b/src/main/java/demo/Calc.java
            @@ -3,5 +3,5 @@
             public final class Calc {
                 public static int add(int a, int b) {
            -        return a - b;
            +        return a + b;
                 }
             }
            """;
    /** The reference change, written as another tool would: no context, no git header. */
    static final String SAME_FIX = "--- a/" + FILE + "\n+++ b/" + FILE + "\n@@ -5 +5 @@\n-        return a - b;\n+        return a + b;\n";
    static final String OTHER_FIX = "--- a/" + FILE + "\n+++ b/" + FILE + "\n@@ -5 +5 @@\n-        return a - b;\n+        return b + a;\n";

    @TempDir
    Path tmp;

    @Test
    void everyProgramIsRunAndTheTableIsPrintedAndSavedWithTheSummaryLast() throws Exception {
        Path bugs = corpus("alpha", "beta", "gamma");
        Files.createDirectories(bugs.resolve("not-a-program"));
        try (BenchPlanner planner = new BenchPlanner()) {
            planner.script("alpha", "SUCCEEDED", SAME_FIX, "arithmetic-operator-replacement", 4, 12_300);
            planner.script("beta", "SUCCEEDED", OTHER_FIX, "swapped-operands", 9, 65_000);
            planner.script("gamma", "EXHAUSTED", null, null, 200, 600_000);

            Cli.Run r = Cli.run(Map.of("PAVU_PLANNER_URL", planner.url()), tmp, "bench", "bugs");

            assertEquals(0, r.code(), r.toString());
            String[] lines = r.out().split("\n");
            assertEquals("fixed: 2/3 plausible, 1 equal to the reference", lines[lines.length - 1], r.out());
            assertTrue(r.out().contains("| alpha | arithmetic-operator | **SUCCEEDED** | 4 | 12.3 s | equal | `arithmetic-operator-replacement` | `"
                    + planner.jobOf("alpha") + "` |"), r.out());
            assertTrue(r.out().contains("| beta | arithmetic-operator | **SUCCEEDED** | 9 | 1 min 05 s | different | `swapped-operands` |"), r.out());
            assertTrue(r.out().contains("| gamma | arithmetic-operator | EXHAUSTED | 200 | — | — | — |"), r.out());
            assertFalse(r.out().contains("not-a-program"), r.out());
            assertTrue(r.out().indexOf("| alpha |") < r.out().indexOf("| beta |") && r.out().indexOf("| beta |") < r.out().indexOf("| gamma |"));
            assertTrue(r.err().contains("bench: 3 programs from " + bugs), r.err());
            assertTrue(r.err().matches("(?s).*\\[1/3] alpha: SUCCEEDED in 12\\.3 s, 4 candidates, arithmetic-operator-replacement, equal to the reference\n.*"), r.err());
            assertTrue(r.err().contains("] gamma: EXHAUSTED in 10 min 00 s, 200 candidates — none made all tests pass"), r.err());

            // saved: the same Markdown, and the raw rows as JSON
            List<Path> saved;
            try (Stream<Path> s = Files.list(bugs.resolve("results"))) {
                saved = s.sorted().toList();
            }
            assertEquals(2, saved.size(), saved.toString());
            Path json = saved.get(0);
            Path md = saved.get(1);
            assertTrue(md.getFileName().toString().matches("\\d{8}T\\d{6}Z\\.md"), md.toString());
            assertEquals(md.getFileName().toString().replace(".md", ".json"), json.getFileName().toString());
            assertEquals(r.out(), Files.readString(md));
            JsonNode saved0 = JSON.readTree(json.toFile());
            assertEquals("fixed: 2/3 plausible, 1 equal to the reference", saved0.at("/summary/line").asText());
            assertEquals(2, saved0.at("/options/parallel").asInt());
            JsonNode rows = saved0.get("rows");
            assertEquals(3, rows.size());
            assertEquals("alpha", rows.get(0).get("program").asText());
            assertTrue(rows.get(0).get("equalsReference").asBoolean());
            assertEquals(SAME_FIX, rows.get(0).get("patch").asText());
            assertEquals(12_300, rows.get(0).get("timeToPlausibleMs").asLong());
            assertTrue(rows.get(2).get("equalsReference").isNull());
            assertTrue(rows.get(2).get("timeToPlausibleMs").isNull());

            // what was uploaded: the program without its answer, with the default limits of a bench
            for (String name : List.of("alpha", "beta", "gamma")) {
                List<String> files = planner.uploadedFiles.get(name);
                assertTrue(files.contains("pom.xml") && files.contains(FILE), files.toString());
                assertFalse(files.contains("bug.json") || files.contains("reference.diff"), "the answer stays home: " + files);
                JsonNode job = planner.jobRequests.get(name);
                assertEquals(20_000, job.at("/budget/candidateTimeoutMs").asLong());
                assertFalse(job.get("budget").has("maxCandidates"), "the planner's default");
                assertFalse(job.get("budget").has("maxIterations"), "the planner's default");
            }
            assertTrue(planner.maxInFlight.get() <= 2, "at most 2 jobs in flight: " + planner.maxInFlight.get());
        }
    }

    @Test
    void onlyAndTheLimitsAreHonouredOneJobAtATime() throws Exception {
        corpus("alpha", "beta", "gamma");
        try (BenchPlanner planner = new BenchPlanner()) {
            planner.script("alpha", "SUCCEEDED", SAME_FIX, "arithmetic-operator-replacement", 4, 12_300);
            planner.script("gamma", "FAILED", null, null, 0, 2_000);
            Cli.Run r = Cli.run(Map.of(), tmp, "bench", tmp.resolve("bugs").toString(), "--planner", planner.url(),
                    "--only", "gamma,alpha", "--parallel", "1", "--max-candidates", "7", "--timeout-per-candidate", "5",
                    "--job-timeout", "300", "--max-iterations", "12");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().endsWith("\nfixed: 1/2 plausible, 1 equal to the reference\n"), r.out());
            assertFalse(r.out().contains("| beta |"), r.out());
            assertEquals(java.util.Set.of("alpha", "gamma"), planner.jobs.keySet());
            assertEquals(1, planner.maxInFlight.get(), "--parallel 1");
            JsonNode job = planner.jobRequests.get("gamma");
            assertEquals(7, job.at("/budget/maxCandidates").asInt());
            assertEquals(5_000, job.at("/budget/candidateTimeoutMs").asLong());
            assertEquals(300_000, job.at("/budget/jobTimeoutMs").asLong());
            assertEquals(12, job.at("/budget/maxIterations").asInt());
        }
    }

    @Test
    void aProgramThatCannotBeSubmittedIsAnErrorRowAndTheOthersStillRun() throws Exception {
        corpus("alpha", "broken");
        try (BenchPlanner planner = new BenchPlanner()) {
            planner.script("alpha", "SUCCEEDED", SAME_FIX, null, 1, 900);
            planner.refused.add("broken");
            Cli.Run r = Cli.run(Map.of(), tmp, "bench", "bugs", "--planner", planner.url());
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.out().contains("| alpha | arithmetic-operator | **SUCCEEDED** | 1 | 900 ms | equal | ? |"), r.out());
            assertTrue(r.out().contains("| broken | arithmetic-operator | ERROR | — | — | — | — | — |"), r.out());
            assertTrue(r.out().contains("- broken: cannot submit the job: the planner answered 500 — disk full"), r.out());
            assertTrue(r.out().endsWith("\nfixed: 1/2 plausible, 1 equal to the reference\n"), r.out());
        }
    }

    @Test
    void aSampleIsStableAndSpreadAndARunIsComparedWithAnEarlierOne() throws Exception {
        corpus("a1", "a2", "b1", "b2", "c1", "c2");
        Path previous = tmp.resolve("earlier.json");
        Files.writeString(previous, """
                {"summary": {"line": "fixed: 2/3 plausible, 2 equal to the reference"},
                 "rows": [{"program": "a1", "plausible": true, "equalsReference": true},
                          {"program": "b1", "plausible": false, "equalsReference": null},
                          {"program": "c1", "plausible": true, "equalsReference": true}]}
                """);
        try (BenchPlanner planner = new BenchPlanner()) {
            planner.script("a1", "SUCCEEDED", OTHER_FIX, null, 3, 4_000);
            planner.script("b1", "SUCCEEDED", SAME_FIX, null, 2, 3_000);
            planner.script("c1", "EXHAUSTED", null, null, 50, 300_000);
            Cli.Run r = Cli.run(Map.of(), tmp, "bench", "bugs", "--planner", planner.url(), "--sample", "3",
                    "--compare", "earlier.json", "--results", "out/results");
            assertEquals(0, r.code(), r.toString());
            // positions 0, 2, 4 of the name-sorted six: one of each letter, the same on every run
            assertEquals(java.util.Set.of("a1", "b1", "c1"), planner.jobs.keySet());
            assertTrue(r.out().contains("## Compared with earlier.json"), r.out());
            assertTrue(r.out().contains("- newly plausible (fixed): 1 (b1)"), r.out());
            assertTrue(r.out().contains("- no longer plausible (lost): 1 (c1)"), r.out());
            assertTrue(r.out().contains("- no longer equal to the reference: 2 (a1, c1)"), r.out());
            assertTrue(r.out().endsWith("\nfixed: 2/3 plausible, 1 equal to the reference\n"), r.out());
            assertTrue(r.err().contains("bench: compared with earlier.json: +1 fixed, -1 lost"), r.err());
            assertFalse(Files.exists(tmp.resolve("bugs/results")), "--results moves them");
            Path json;
            try (Stream<Path> s = Files.list(tmp.resolve("out/results"))) {
                json = s.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
            }
            JsonNode saved = JSON.readTree(json.toFile());
            assertEquals(3, saved.at("/options/sample").asInt());
            assertEquals("[\"b1\"]", saved.at("/comparison/fixed").toString());
            assertEquals("[\"c1\"]", saved.at("/comparison/lost").toString());
            assertTrue(saved.get("commit").asText().matches("[0-9a-f]{40}(-dirty)?|unknown"), saved.get("commit").asText());
        }
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        corpus("alpha");
        try (BenchPlanner planner = new BenchPlanner()) {
            Cli.Run r = Cli.run(Map.of(), tmp, "bench", "bugs", "--planner", planner.url(), "--only", "alpha,nope");
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("--only names nope, not a program of " + tmp.resolve("bugs") + " (programs: alpha)"), r.err());

            r = Cli.run(Map.of(), tmp, "bench", "no-such-dir", "--planner", planner.url());
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("is not a directory"), r.err());

            r = Cli.run(Map.of(), tmp, "bench", "bugs", "--planner", planner.url(), "--compare", "missing.json");
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("--compare: " + tmp.resolve("missing.json") + " is not a file"), r.err());

            r = Cli.run(Map.of(), tmp, "bench", "bugs", "--planner", planner.url(), "--sample", "0");
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("--sample must be at least 1, was 0"), r.err());

            r = Cli.run(Map.of(), tmp, "bench", "bugs", "--planner", planner.url(), "--parallel", "0");
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("--parallel must be at least 1, was 0"), r.err());
            assertTrue(planner.jobs.isEmpty());
        }
        Cli.Run r = Cli.run(Map.of(), tmp, "bench", "bugs", "--planner", "http://127.0.0.1:9");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("cannot reach the planner at http://127.0.0.1:9"), r.err());
        assertFalse(Files.exists(tmp.resolve("bugs/results")), "nothing saved when nothing ran");
    }

    // ---------------------------------------------------------------------------------------------

    private Path corpus(String... names) throws IOException {
        Path bugs = Files.createDirectories(tmp.resolve("bugs"));
        for (String name : names) {
            Path dir = Files.createDirectories(bugs.resolve(name));
            Files.writeString(dir.resolve("pom.xml"), "<project><artifactId>" + name + "</artifactId></project>\n");
            Files.createDirectories(dir.resolve("src/main/java/demo"));
            Files.writeString(dir.resolve(FILE), BUGGY);
            Files.writeString(dir.resolve("reference.diff"), REFERENCE);
            Files.writeString(dir.resolve("bug.json"), """
                    {"name": "%s", "defectClass": "arithmetic-operator", "file": "%s", "line": 5,
                     "description": "adds with -", "loopsForever": false}
                    """.formatted(name, FILE));
            Files.createDirectories(dir.resolve("target"));
            Files.writeString(dir.resolve("target/junk.class"), "junk");
        }
        return bugs;
    }

    /**
     * A planner for many jobs: tells the programs apart by the artifactId of the uploaded pom.xml, concludes each
     * job on its third poll as scripted, and counts how many jobs are in flight at once.
     */
    static final class BenchPlanner implements AutoCloseable {

        record Script(String outcome, String patch, String pattern, int tried, long durationMs) {
        }

        private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");
        private final HttpServer server;
        final Map<String, Script> scripts = new ConcurrentHashMap<>();
        /** program → job id. */
        final Map<String, String> jobs = new ConcurrentHashMap<>();
        final Map<String, String> programOf = new ConcurrentHashMap<>();
        final Map<String, List<String>> uploadedFiles = new ConcurrentHashMap<>();
        final Map<String, JsonNode> jobRequests = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
        final List<String> refused = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final Map<String, Boolean> done = new ConcurrentHashMap<>();

        BenchPlanner() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void script(String program, String outcome, String patch, String pattern, int tried, long durationMs) {
            scripts.put(program, new Script(outcome, patch, pattern, tried, durationMs));
        }

        String jobOf(String program) {
            return jobs.get(program);
        }

        private void handle(HttpExchange x) throws IOException {
            try {
                byte[] body = x.getRequestBody().readAllBytes();
                String path = x.getRequestURI().getPath();
                String method = x.getRequestMethod();
                if (method.equals("GET") && path.equals("/jobs")) {
                    send(x, 200, "application/json", "[]");
                } else if (method.equals("POST") && path.equals("/jobs")) {
                    submit(x, body);
                } else {
                    Matcher m = Pattern.compile("^/jobs/([0-9a-f-]{36})(/[a-z]+)?$").matcher(path);
                    String program = m.matches() ? programOf.get(m.group(1)) : null;
                    if (program == null) {
                        send(x, 404, "application/json", "{\"status\":404,\"detail\":\"no job " + path + "\"}");
                        return;
                    }
                    Script s = scripts.get(program);
                    String tail = m.group(2) == null ? "" : m.group(2);
                    switch (method + " " + tail) {
                        case "GET " -> send(x, 200, "application/json", JSON.writeValueAsString(view(m.group(1), program, s)));
                        case "GET /patch" -> {
                            if (s.patch() != null) {
                                send(x, 200, "text/x-diff", s.patch());
                            } else {
                                send(x, 404, "application/json", "{\"status\":404,\"detail\":\"no patch\"}");
                            }
                        }
                        case "GET /events" -> send(x, 200, "application/json", JSON.writeValueAsString(List.of(
                                Map.of("seq", 1, "type", "pavu.verdict.issued.v1", "payload",
                                        Map.of("verdict", "FAIL", "diff", "--- a/x", "pattern", "decoy")),
                                Map.of("seq", 2, "type", "pavu.verdict.issued.v1", "payload",
                                        s.pattern() == null ? Map.of("verdict", "PASS", "diff", String.valueOf(s.patch()))
                                                : Map.of("verdict", "PASS", "diff", String.valueOf(s.patch()), "pattern", s.pattern())))));
                        default -> send(x, 404, "application/json", "{\"status\":404,\"detail\":\"no such call\"}");
                    }
                }
            } catch (Exception e) {
                send(x, 500, "application/json", JSON.writeValueAsString(Map.of("status", 500, "detail", String.valueOf(e))));
            } finally {
                x.close();
            }
        }

        private void submit(HttpExchange x, byte[] body) throws Exception {
            Map<String, Multiparts.Part> parts = Multiparts.parse(x.getRequestHeaders().getFirst("Content-Type"), body);
            Path dir = Files.createTempDirectory("bench-upload-");
            Path bundle = dir.resolve("upload.bundle");
            Files.write(bundle, parts.get("bundle").content());
            Path clone = dir.resolve("clone");
            List<String> files = new ArrayList<>();
            String program;
            try (Git ignored = Git.cloneRepository().setURI(bundle.toUri().toString()).setDirectory(clone.toFile()).call();
                 Stream<Path> walk = Files.walk(clone)) {
                walk.filter(Files::isRegularFile).map(p -> clone.relativize(p).toString())
                        .filter(p -> !p.startsWith(".git/")).forEach(files::add);
                Matcher m = ARTIFACT.matcher(Files.readString(clone.resolve("pom.xml")));
                program = m.find() ? m.group(1) : "?";
            }
            if (refused.contains(program)) {
                send(x, 500, "application/json", "{\"status\":500,\"detail\":\"disk full\"}");
                return;
            }
            String id = UUID.randomUUID().toString();
            jobs.put(program, id);
            programOf.put(id, program);
            uploadedFiles.put(program, files);
            jobRequests.put(program, JSON.readTree(parts.get("job").content()));
            polls.put(id, new AtomicInteger());
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            send(x, 202, "application/json", JSON.writeValueAsString(Map.of("id", id, "state", "QUEUED")));
        }

        private Map<String, Object> view(String id, String program, Script s) {
            boolean concluded = polls.get(id).incrementAndGet() >= 3;
            if (concluded && done.putIfAbsent(id, true) == null) {
                inFlight.decrementAndGet();
            }
            Map<String, Object> v = new java.util.LinkedHashMap<>();
            v.put("id", id);
            v.put("state", concluded ? "CONCLUDED" : "REPAIRING");
            v.put("outcome", concluded ? s.outcome() : null);
            v.put("reason", concluded ? (s.patch() == null ? "none made all tests pass" : "a plausible patch") : null);
            v.put("candidatesVerified", concluded ? s.tried() : 0);
            v.put("durationMs", concluded ? s.durationMs() : 10);
            v.put("hasPatch", concluded && s.patch() != null);
            v.put("task", Map.of("text", "program " + program));
            return v;
        }

        private static void send(HttpExchange x, int status, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", type);
            x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = x.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
