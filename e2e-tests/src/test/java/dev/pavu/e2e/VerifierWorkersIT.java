package dev.pavu.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.LocalStack;
import dev.pavu.workspace.diff.UnifiedDiffs;
import dev.pavu.workspace.source.GitSources;
import dev.pavu.workspace.source.ResolvedSource;
import dev.pavu.testsupport.KafkaSecurity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifier workers scale as a Kafka consumer group: two packaged verifier processes
 * ({@code verifier-service/target/quarkus-app/quarkus-run.jar}, each with its own HTTP port, {@code PAVU_HOME} and
 * worker id, both in one consumer group of this run's own, on the same PostgreSQL) share one job's candidates:
 * twelve diffs keyed by candidate id on a topic of four partitions. Both workers' ids appear on the {@code runs}
 * table and every candidate gets exactly one verdict.
 *
 * <p>Needs the broker and PostgreSQL of the local stack (not its services: the workers are started here). The
 * topics are this run's own ({@code pavu.diffs.workers-it-…}, four partitions) so that no other verifier in the
 * group takes these candidates and no planner sees these verdicts; the bundle is served by a small HTTP server
 * standing in for the planner's {@code GET /sources/{sha}}. A verifier of the running stack, if any, is stopped for
 * the test and started again after it: it shares the {@code verifier} schema, and its outbox relay would send the
 * workers' verdicts through its own channel (the stack's verdict topic), where the test does not look.
 */
class VerifierWorkersIT {

    private static final String BOOTSTRAP = env("PAVU_KAFKA_BOOTSTRAP", "localhost:9092");
    private static final String DB_URL = env("PAVU_DB_URL", "jdbc:postgresql://localhost:55432/pavu");
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    /**
     * The workers' consumer group: this run's own, like its topics. In the stack's group ({@code verifier-service}) the
     * first rebalance could also wait for the stack's verifier, stopped for the test: a member that did not leave
     * the group cleanly is waited for until its session times out. It once did not finish within 90 s.
     */
    private static final String GROUP = "verifier-workers-it-" + RUN;
    private static final String DIFFS = "pavu.diffs.workers-it-" + RUN;
    private static final String JOBS = "pavu.jobs.workers-it-" + RUN;
    private static final String VERDICTS = "pavu.verdicts.workers-it-" + RUN;
    private static final int CANDIDATES = 12;

    private static final List<Process> workers = new ArrayList<>();
    private static HttpServer planner;

    private static final String STACK_VERIFIER = "verifier-service";
    private static boolean stackVerifierWasUp;

    @BeforeAll
    static void stopTheStacksVerifier() {
        int port = Integer.parseInt(env("PAVU_VERIFIER_PORT", "8083"));
        try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
            stackVerifierWasUp = true;
        } catch (IOException down) {
            stackVerifierWasUp = false;
        }
        if (stackVerifierWasUp) {
            LocalStackExtension.run(Map.of(), "down", STACK_VERIFIER);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            stopWorkers();
        } finally {
            if (stackVerifierWasUp) {
                LocalStackExtension.run(Map.of(), "up", STACK_VERIFIER);
            }
        }
    }

    private static void stopWorkers() throws Exception {
        for (Process p : workers) {
            p.destroy();
        }
        for (Process p : workers) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (planner != null) {
            planner.stop(0);
        }
        try (Admin admin = Admin.create(operator(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP)))) {
            admin.deleteTopics(List.of(DIFFS, JOBS, VERDICTS)).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoWorkersShareAJobsCandidatesAndEachGetsOneVerdict() throws Exception {
        Path jar = LocalStackExtension.root().resolve("verifier-service/target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), "the packaged verifier is needed (mvn package -pl verifier-service): " + jar);
        Path work = Files.createDirectories(LocalStackExtension.root().resolve("e2e-tests/target/workers-it-" + RUN));

        // the project, as the planner would serve it
        Path project = Projects.freshCopy(Projects.named("gcd"));
        // the snapshot and bundle the planner makes of an uploaded tree (JGit; content-addressed by SHA-256)
        ResolvedSource snap = GitSources.snapshot(project, Files.createDirectories(work.resolve("bundles")));
        String commit = snap.commit();
        Path bundle = snap.bundle();
        String sha = snap.sha256();
        planner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        planner.createContext("/sources/", ex -> {
            boolean ours = ex.getRequestURI().getPath().equals("/sources/" + sha);
            ex.sendResponseHeaders(ours ? 200 : 404, ours ? Files.size(bundle) : -1);
            if (ours) {
                try (OutputStream out = ex.getResponseBody()) {
                    Files.copy(bundle, out);
                }
            }
            ex.close();
        });
        planner.start();

        try (Admin admin = Admin.create(operator(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP)))) {
            admin.createTopics(List.of(new NewTopic(DIFFS, 4, (short) 1), new NewTopic(JOBS, 4, (short) 1),
                    new NewTopic(VERDICTS, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);

            List<String> ids = List.of("workers-it-" + RUN + "-a", "workers-it-" + RUN + "-b");
            List<Integer> ports = new ArrayList<>();
            for (String id : ids) {
                int port = freePort();
                ports.add(port);
                workers.add(startWorker(jar, id, port, work.resolve(id), "http://127.0.0.1:" + planner.getAddress().getPort()));
            }
            for (int i = 0; i < 2; i++) {
                awaitReady(workers.get(i), ports.get(i), work.resolve(ids.get(i) + ".log"));
            }
            awaitGroupShares(admin);

            // one job's candidates, keyed by candidate id
            UUID job = UUID.randomUUID();
            String file = "src/main/java/demo/Numbers.java";
            String text = Files.readString(project.resolve(file));
            List<DiffProposed> diffs = new ArrayList<>();
            for (int i = 0; i < CANDIDATES; i++) {
                String diff = i == 0 ? "" : UnifiedDiffs.create(file, text, text + "// candidate " + i + "\n");
                Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, job, i == 0 ? 0 : 1, UUID.randomUUID(), "actuator-service");
                diffs.add(new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(), new SourceRef("bundle", null, null, commit, sha),
                        diff, i == 0 ? "baseline" : "template", i == 0 ? "empty-patch" : "comment", "candidate " + i, 1.0, i,
                        new VerifySpec(null, 60_000, List.of(), false)));
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(operator(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class)))) {
                for (DiffProposed d : diffs) {
                    producer.send(new ProducerRecord<>(DIFFS, d.candidateId().toString(), EventCodec.write(d))).get(30, TimeUnit.SECONDS);
                }
            }

            Map<UUID, Integer> verdicts = awaitVerdicts(diffs.stream().map(DiffProposed::candidateId).collect(java.util.stream.Collectors.toSet()));
            for (DiffProposed d : diffs) {
                assertEquals(1, verdicts.getOrDefault(d.candidateId(), 0), "verdicts for candidate " + d.candidateId() + ": " + verdicts);
            }
            assertEquals(CANDIDATES, verdicts.values().stream().mapToInt(Integer::intValue).sum(), "no verdict for another candidate");

            Map<String, Integer> byWorker = new HashMap<>();
            LocalStack.DbLogin verifier = LocalStack.dbLogin("verifier");   // verifier.runs is the verifier's own
            try (Connection c = DriverManager.getConnection(DB_URL, verifier.user(), verifier.password());
                 PreparedStatement q = c.prepareStatement("select worker, state from verifier.runs where job_id = ?")) {
                q.setObject(1, job);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        assertEquals("DONE", rs.getString(2));
                        byWorker.merge(rs.getString(1), 1, Integer::sum);
                    }
                }
            }
            assertEquals(CANDIDATES, byWorker.values().stream().mapToInt(Integer::intValue).sum(), "one run per candidate: " + byWorker);
            assertEquals(new TreeSet<>(ids), new TreeSet<>(byWorker.keySet()), "both workers verified candidates: " + byWorker);
        }
    }

    /** @return the settings with the stack operator's Kafka login added */
    private static Map<String, Object> operator(Map<String, ?> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putAll(KafkaSecurity.operator());
        return all;
    }

    private static Process startWorker(Path jar, String id, int port, Path home, String plannerUrl) throws IOException {
        Files.createDirectories(home);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dpavu.verifier.home=" + home,
                "-Dpavu.verifier.worker-id=" + id,
                "-Dpavu.verifier.planner-url=" + plannerUrl,
                "-Dpavu.verifier.public-url=http://127.0.0.1:" + port,
                "-Dmp.messaging.incoming.diffs-in.topics=" + DIFFS,
                "-Dmp.messaging.incoming.jobs-in.topics=" + JOBS,
                "-Dmp.messaging.outgoing.verdicts-out.topic=" + VERDICTS,
                "-Dmp.messaging.incoming.diffs-in.group.id=" + GROUP,
                "-Dmp.messaging.incoming.jobs-in.group.id=" + GROUP,
                // the test only: a worker that stops is noticed sooner (the group rebalances faster)
                "-Dmp.messaging.incoming.diffs-in.session.timeout.ms=10000",
                "-Dmp.messaging.incoming.diffs-in.heartbeat.interval.ms=1000",
                "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(home.resolveSibling(id + ".log").toFile());
        // the operator's Kafka login: this run's topics and group are its own, outside the verifier user's ACLs
        KafkaSecurity.operator().forEach((k, v) -> pb.environment().put("KAFKA_" + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), v));
        LocalStack.DbLogin db = LocalStack.dbLogin("verifier");   // a worker logs in as the verifier's role, as the stack's does
        pb.environment().put("PAVU_DB_USER", db.user());
        pb.environment().put("PAVU_DB_PASSWORD", db.password());
        return pb.start();
    }

    private static void awaitReady(Process p, int port, Path log) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < until) {
            assertTrue(p.isAlive(), "a verifier worker stopped at start: " + tail(log));
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("a verifier worker was not ready within 90 s: " + tail(log));
    }

    /** Waits until the group has two members holding this run's diff partitions between them (rebalance done). */
    private static void awaitGroupShares(Admin admin) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String seen = "";
        while (System.nanoTime() < until) {
            ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS)
                    .get(GROUP);
            int holders = 0;
            int partitions = 0;
            for (MemberDescription m : g.members()) {
                long mine = m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(DIFFS)).count();
                holders += mine > 0 ? 1 : 0;
                partitions += (int) mine;
            }
            seen = holders + " members hold " + partitions + " partitions of " + DIFFS + " (group " + g.groupState() + ")";
            if (holders == 2 && partitions == 4) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the two workers did not share the partitions within 90 s: " + seen);
    }

    private static Map<UUID, Integer> awaitVerdicts(Set<UUID> candidates) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.putAll(KafkaSecurity.operator());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "workers-it-probe-" + RUN);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<UUID, Integer> count = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(VERDICTS));
            long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(until, settleUntil)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    VerdictIssued v = EventCodec.read(r.value(), VerdictIssued.class);
                    count.merge(v.candidateId(), 1, Integer::sum);
                }
                if (settleUntil == Long.MAX_VALUE && count.keySet().containsAll(candidates)) {
                    // every candidate has its verdict: a duplicate would show within a few more seconds
                    settleUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
            }
        }
        return count;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.substring(Math.max(0, s.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
