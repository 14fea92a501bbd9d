package dev.pavu.gateway.bench;

import dev.pavu.gateway.scripted.Script;
import dev.pavu.gateway.scripted.ScriptRule;
import dev.pavu.gateway.scripted.ScriptedBackend;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gateway overhead and throughput against the scripted backend, all on loopback.
 *
 * <p>Starts a {@link ScriptedBackend} (OpenAI wire format) in this JVM, starts the packaged gateway
 * ({@code quarkus-run.jar}) as a child process with a models file whose alias {@code bench} points at it, then
 * for 1, 8 and 32 concurrent clients sends the same kind of non-streaming, non-cacheable request
 * (temperature 0.7, unique text) first straight to the scripted backend, then through the gateway. Overhead
 * = gateway latency − direct latency at the same percentile and concurrency. Request counts are bounded.
 * Prints a table, writes it to {@code <out>/<timestamp>.txt}; the last line is {@code overhead p50: <ms> ms}
 * (one client, where the difference is the gateway's own cost per call). A last row sends one deterministic
 * request repeatedly, answered from the gateway's cache: the cost of the gateway's HTTP layer alone.
 *
 * <p>Arguments: {@code --gateway-jar <quarkus-run.jar> --out <dir> [--scale <factor>]}.
 */
public final class GatewayBench {

    private static final int[] CLIENTS = {1, 8, 32};

    private GatewayBench() {
    }

    /** Latencies of one run, milliseconds. */
    record Run(double[] latenciesMs, double seconds, int errors) {
        double percentile(double p) {
            double[] sorted = latenciesMs.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        double throughput() {
            return latenciesMs.length / seconds;
        }
    }

    /**
     * @param args {@code --gateway-jar <jar> --out <dir> [--scale <factor>]}
     * @throws Exception when the gateway does not start or a run fails
     */
    public static void main(String[] args) throws Exception {
        Path jar = null;
        Path out = Path.of("bench/gateway/results");
        double scale = 1.0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway-jar" -> jar = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--gateway-jar must name the packaged gateway (quarkus-run.jar), was " + jar);
        }
        String answer = "--- a/src/main/java/Foo.java\n+++ b/src/main/java/Foo.java\n@@ -1,3 +1,3 @@\n-  return x > 0;\n+  return x >= 0;\n";
        try (ScriptedBackend backend = ScriptedBackend.start(new Script(List.of(), List.of(ScriptRule.answer(null, answer)), null))) {
            Path models = Files.createTempFile("pavu-bench-models-", ".yaml");
            Files.writeString(models, """
                    aliases:
                      bench:
                        backends:
                          - {type: openai, base-url: "%s", model: bench-model, context-window: 32768, max-output-tokens: 512, max-concurrency: 256}
                    """.formatted(backend.openAiUrl()));
            int port = freePort();
            Path log = Files.createTempFile("pavu-bench-gateway-", ".log");
            Process gateway = startGateway(jar, port, models, log);
            try {
                String gatewayUrl = "http://127.0.0.1:" + port;
                awaitReady(gatewayUrl, gateway, log);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                URI direct = URI.create(backend.openAiUrl() + "/chat/completions");
                URI viaGateway = URI.create(gatewayUrl + "/v1/chat/completions");
                // warm both paths (JIT, connection pools)
                run(http, direct, "bench-model", 4, (int) (1000 * scale));
                run(http, viaGateway, "bench", 4, (int) (1500 * scale));
                run(http, viaGateway, "bench", 1, (int) (300 * scale), true);
                // the gateway's own cost with no backend call at all: the same deterministic request, answered from its cache
                int cachedRequests = (int) Math.max(1, Math.round(300 * scale));
                Run cached = run(http, viaGateway, "bench", 1, cachedRequests, true);

                StringBuilder table = new StringBuilder();
                String when = DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                table.append("Pavu model-gateway bench ").append(when)
                        .append(" — scripted OpenAI backend on loopback, non-streaming, temperature 0.7 (no cache), ")
                        .append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
                table.append(String.format(Locale.ROOT, "%7s %8s %10s %10s %11s %11s %12s %12s %10s %11s %6s%n",
                        "clients", "requests", "direct p50", "direct p95", "gateway p50", "gateway p95",
                        "overhead p50", "overhead p95", "direct rps", "gateway rps", "errors"));
                double overheadP50AtOne = Double.NaN;
                for (int clients : CLIENTS) {
                    int requests = (int) Math.max(clients, Math.round(Math.max(300, 50 * clients) * scale));
                    Run d = run(http, direct, "bench-model", clients, requests);
                    Run g = run(http, viaGateway, "bench", clients, requests);
                    double o50 = g.percentile(50) - d.percentile(50);
                    double o95 = g.percentile(95) - d.percentile(95);
                    if (clients == 1) {
                        overheadP50AtOne = o50;
                    }
                    table.append(String.format(Locale.ROOT, "%7d %8d %7.2f ms %7.2f ms %8.2f ms %8.2f ms %9.2f ms %9.2f ms %10.0f %11.0f %6d%n",
                            clients, requests, d.percentile(50), d.percentile(95), g.percentile(50), g.percentile(95),
                            o50, o95, d.throughput(), g.throughput(), d.errors() + g.errors()));
                }
                table.append(String.format(Locale.ROOT, "cache hits through the gateway, 1 client, %d requests: p50 %.2f ms, p95 %.2f ms, %.0f rps%n",
                        cachedRequests, cached.percentile(50), cached.percentile(95), cached.throughput()));
                table.append(String.format(Locale.ROOT, "load average during the run: %.2f%n",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
                table.append(String.format(Locale.ROOT, "overhead p50: %.2f ms%n", overheadP50AtOne));
                Files.createDirectories(out);
                Path file = out.resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()) + ".txt");
                Files.writeString(file, table.toString());
                System.err.println("saved to " + file);
                System.out.print(table);
            } finally {
                gateway.destroy();
                gateway.waitFor();
                Files.deleteIfExists(models);
            }
        }
    }

    private static Run run(HttpClient http, URI uri, String model, int clients, int requests) throws Exception {
        return run(http, uri, model, clients, requests, false);
    }

    private static Run run(HttpClient http, URI uri, String model, int clients, int requests, boolean sameRequest) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        double[] latencies = new double[requests];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    String body = "{\"model\":\"" + model + "\",\"temperature\":" + (sameRequest ? "0" : "0.7") + ",\"messages\":["
                            + "{\"role\":\"system\",\"content\":\"You repair Java code. Answer with a unified diff.\"},"
                            + "{\"role\":\"user\",\"content\":\"Test FooTest.positive fails: expected true for x = 0. Request "
                            + (sameRequest ? "cached" : Integer.toString(i)) + "\"}]}";
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json").header("X-Pavu-Team", "bench")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().contains("x >= 0")) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = (System.nanoTime() - s) / 1e6;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return new Run(latencies, seconds, errors.get());
    }

    private static Process startGateway(Path jar, int port, Path models, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.level=WARN", "-jar", jar.toString());
        pb.environment().put("PAVU_GATEWAY_MODELS_FILE", models.toString());
        pb.environment().put("PAVU_GATEWAY_PORT", Integer.toString(port));
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private static void awaitReady(String url, Process gateway, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("gateway exited with " + gateway.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("gateway not ready within 60 s, log: " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
