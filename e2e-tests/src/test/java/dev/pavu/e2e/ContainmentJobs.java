package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.pavu.e2e.ContainmentSuite.Result;

/**
 * The containment suite's hostile jobs: each submits a hostile repository to the running stack, waits for
 * the job's conclusion and judges containment from its audit trail (verdicts with their failing tests and
 * paths), from the host (planted files, leftover processes, process count) and from the verifier's health.
 */
final class ContainmentJobs {

    private final PlannerClient planner;
    private final String secret;
    private final String hostFileSecret;
    private final Path localRepo;

    /**
     * @param secret         the run's secret, part of the names of planted files
     * @param hostFileSecret the text inside the host file, which must never reach a job's view
     */
    ContainmentJobs(PlannerClient planner, String secret, String hostFileSecret, Path localRepo) {
        this.planner = planner;
        this.secret = secret;
        this.hostFileSecret = hostFileSecret;
        this.localRepo = localRepo;
    }

    private static Map<String, Object> job(int maxCandidates) {
        return Map.of("task", "make the failing tests pass", "budget", Map.of("maxIterations", 3, "maxCandidates", maxCandidates,
                "candidateTimeoutMs", 60_000, "jobTimeoutMs", 600_000));
    }

    /**
     * The containment fixture through prefetch, cold path (baseline) and fast path (candidates): one result per
     * escape test and path, the shared cache, the build step's network, and whether the genuine bug was repaired.
     */
    List<Result> hostileRepository(Path dir, Canary canary) throws Exception {
        String id = planner.submitProject(dir, job(40)).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(10));
        List<JsonNode> verdicts = verdicts(id);
        List<Result> out = new ArrayList<>();
        List<String> hits = canary.hits().stream().filter(h -> h.contains("/build-step") || h.contains("/repository")).toList();
        out.add(new Result("prefetch and build steps: network to the host (a pom step and a pom <repository> on loopback)",
                hits.isEmpty(), hits.isEmpty() ? "the canary got no request from a build step or the pom's repository" : "canary got " + hits));
        List<String> planted;
        try (Stream<Path> files = Files.list(localRepo)) {
            planted = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(secret)).toList();
        }
        out.add(new Result("build steps and tests: writing into the shared Maven cache", planted.isEmpty(),
                planted.isEmpty() ? "nothing planted in " + localRepo : "planted " + planted));
        for (boolean fast : new boolean[]{false, true}) {
            for (String[] t : ContainmentSuite.ESCAPE_TESTS) {
                out.add(judge((fast ? "fast path (warm JVM): " : "cold path: ") + t[1], verdicts, fast, t[0]));
            }
        }
        String outcome = done.get("outcome").asText();
        String patch = "SUCCEEDED".equals(outcome) ? planner.patch(id) : "";
        boolean onFast = verdicts.stream().anyMatch(v -> "PASS".equals(v.get("verdict").asText()) && fast(v));
        boolean repaired = "SUCCEEDED".equals(outcome) && patch.contains("Calc.java") && !patch.contains("Test.java") && onFast;
        out.add(new Result("the genuine bug is still repaired, its fix verified on the fast path", repaired,
                outcome + (onFast ? ", the fix verified on the fast path" : ", no PASS on the fast path") + "; " + done.path("reason").asText()));
        return out;
    }

    /** The fixture with a forged classpath file: contained when no escape test ever failed and the bug is still repaired. */
    Result forgedClasspath(Path dir) throws Exception {
        String id = planner.submitProject(dir, job(40)).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(10));
        List<JsonNode> verdicts = verdicts(id);
        List<String> escaped = new ArrayList<>();
        for (String[] t : ContainmentSuite.ESCAPE_TESTS) {
            verdicts.stream().filter(v -> failed(v, t[0])).findFirst().ifPresent(v -> escaped.add(t[0] + (fast(v) ? " (fast path)" : "")));
        }
        String outcome = done.get("outcome").asText();
        boolean onFast = verdicts.stream().anyMatch(v -> "PASS".equals(v.get("verdict").asText()) && fast(v));
        return new Result("fast path: a forged classpath file (/, /var/tmp, /root) from the project's build",
                escaped.isEmpty() && "SUCCEEDED".equals(outcome), escaped.isEmpty()
                ? outcome + ", no escape test failed; the fix was verified " + (onFast ? "on the fast path" : "on the cold path")
                : "escape tests failed: " + escaped);
    }

    /**
     * A bomb that goes off in the candidates' runs: contained when the job still concludes, the host's process
     * count stays bounded, nothing of the bomb is alive 15 s after the conclusion and the verifier is still ready.
     */
    Result bomb(String name, Path dir) throws Exception {
        int before = processCount();
        AtomicInteger peak = new AtomicInteger(before);
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(processCount(), Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        JsonNode done;
        List<JsonNode> verdicts;
        try {
            String id = planner.submitProject(dir, job(12)).get("id").asText();
            done = planner.awaitConclusion(id, Duration.ofMinutes(10));
            verdicts = verdicts(id);
        } finally {
            sampler.interrupt();
        }
        Thread.sleep(15_000);
        List<String> left = leftovers("987653");
        int ready = verifierReady();
        String went = verdicts.stream().filter(v -> !v.path("diff").asText().isBlank())
                .filter(v -> failed(v, "bomb") || "ERROR".equals(v.get("verdict").asText()))
                .map(v -> v.get("verdict").asText() + " " + v.path("reason").asText()).findFirst().orElse("the bomb never went off");
        boolean ok = left.isEmpty() && ready == 200 && peak.get() - before < 3000;
        return new Result(name, ok, done.get("outcome").asText() + "; the bomb's verdict: " + ContainmentRequests.excerpt(went)
                + "; host processes " + before + " -> peak " + peak.get() + "; alive after: " + left.size() + (left.isEmpty() ? "" : " (" + left.getFirst() + ")") + "; verifier ready: " + ready);
    }

    /** After every hostile case: the stack still repairs a plain project (no hostile job left the verifier broken). */
    Result stillWorks(Path dir) throws Exception {
        String id = planner.submitProject(dir, job(40)).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(10));
        String outcome = done.get("outcome").asText();
        // repaired: a patch of Calc.java, not "nothing to repair" (a verifier that lost its runs' output once said that)
        boolean repaired = "SUCCEEDED".equals(outcome) && planner.patch(id).contains("Calc.java");
        return new Result("after all hostile cases: a plain job is still repaired", repaired,
                outcome + ": " + ContainmentRequests.excerpt(done.path("reason").asText()));
    }

    /** A symbolic link to a host file among the sources: contained when the file's secret appears nowhere. */
    Result symlink(Path dir) throws Exception {
        String id = planner.submitProject(dir, job(10)).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(10));
        StringBuilder all = new StringBuilder(done.toString()).append(ContainmentSuite.events(planner, id).toString());
        HttpResponse<String> report = HttpClient.newHttpClient().send(LocalStackExtension.authorized(HttpRequest.newBuilder(
                URI.create(LocalStackExtension.plannerUrl() + "/jobs/" + id + "/report"))).build(), HttpResponse.BodyHandlers.ofString());
        all.append(report.body());
        boolean leaked = all.indexOf(hostFileSecret) >= 0;
        return new Result("sources: a symlink to a host file (src/main/java/demo/Leak.java)", !leaked,
                (leaked ? "the host file's content appears in the job's events or report" : "its content appears nowhere in the job's view, events and report")
                        + "; " + done.get("outcome").asText());
    }

    /** Two git bombs (300,000 files; a 300 MiB blob deflated to kilobytes): refused or failed, naming a limit. */
    List<Result> gitBombs() throws Exception {
        List<Result> out = new ArrayList<>();
        Path work = Files.createTempDirectory("pavu-containment-bombs");
        try {
            out.add(gitBomb("sources: a git bomb of 300,000 files", HostileRepos.gitBomb(work.resolve("files.bundle"), 300, 1000, 0)));
            out.add(gitBomb("sources: a git bomb with a 300 MiB blob", HostileRepos.gitBomb(work.resolve("blob.bundle"), 1, 1, 300L << 20)));
        } finally {
            Projects.deleteQuietly(work);
        }
        return out;
    }

    private Result gitBomb(String name, Path bundle) throws Exception {
        long size = Files.size(bundle);
        HttpResponse<String> r = planner.postBundle(bundle, job(5));
        if (r.statusCode() >= 400) {
            return new Result(name, r.statusCode() < 500, "bundle of " + size + " bytes refused at upload: " + r.statusCode() + " "
                    + ContainmentRequests.excerpt(r.body()));
        }
        String id = PlannerClient.acceptedJob(r).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(5));
        String reason = done.path("reason").asText();
        boolean ok = "FAILED".equals(done.get("outcome").asText()) && reason.toLowerCase().contains("limit");
        return new Result(name, ok, "bundle of " + size + " bytes; " + done.get("outcome").asText() + ": " + ContainmentRequests.excerpt(reason));
    }

    private Result judge(String name, List<JsonNode> verdicts, boolean fastPath, String test) {
        List<JsonNode> runs = verdicts.stream().filter(v -> fast(v) == fastPath)
                .filter(v -> "PASS".equals(v.get("verdict").asText()) || v.path("diff").asText().isBlank()).toList();
        List<JsonNode> failures = verdicts.stream().filter(v -> fast(v) == fastPath && failed(v, test)).toList();
        if (!failures.isEmpty()) {
            JsonNode f = failures.getFirst();
            String msg = "";
            for (JsonNode t : f.path("failingTests")) {
                if (t.path("testId").asText().endsWith("#" + test)) {
                    msg = t.path("message").asText();
                }
            }
            return new Result(name, false, "failed in " + failures.size() + " run(s): " + ContainmentRequests.excerpt(msg));
        }
        if (runs.isEmpty()) {
            return new Result(name, false, "not exercised: no complete run on this path");
        }
        return new Result(name, true, "held in " + runs.size() + " complete run(s)");
    }

    private static boolean failed(JsonNode verdict, String test) {
        for (JsonNode t : verdict.path("failingTests")) {
            if (t.path("testId").asText().endsWith("#" + test) || test.equals(t.path("methodName").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean fast(JsonNode verdict) {
        for (JsonNode g : verdict.path("gates")) {
            if (g.path("detail").asText().contains("(fast path)")) {
                return true;
            }
        }
        return false;
    }

    private List<JsonNode> verdicts(String id) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : ContainmentSuite.events(planner, id)) {
            if ("pavu.verdict.issued.v1".equals(e.path("type").asText()) && !"SKIPPED".equals(e.path("payload").path("verdict").asText())) {
                out.add(e.get("payload"));
            }
        }
        return out;
    }

    private static int processCount() {
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            return (int) s.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        } catch (Exception e) {
            return -1;
        }
    }

    private static List<String> leftovers(String marker) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains(marker)) {
                        out.add(p.getFileName() + " " + cmd.replace('\0', ' ').strip());
                    }
                } catch (Exception e) {
                    // gone meanwhile
                }
            }
        } catch (Exception e) {
            out.add("cannot list /proc: " + e);
        }
        return out;
    }

    private static int verifierReady() {
        String url = ContainmentSuite.env("PAVU_VERIFIER_URL", "http://localhost:" + ContainmentSuite.env("PAVU_VERIFIER_PORT", "8083"));
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
