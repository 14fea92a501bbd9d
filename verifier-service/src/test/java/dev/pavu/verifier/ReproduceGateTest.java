package dev.pavu.verifier;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.LoggedFailure;
import dev.pavu.contracts.ReproduceSpec;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.verifier.ToolchainsTest.Project;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.service.CandidateVerifier;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code reproduce} gate of a FIX_LOG job on a real project ({@code toolchains/java-orders}: its test passes, its
 * main method divides by zero as {@code crash.txt} records): the job's reproduce command runs in the candidate's
 * sandbox after the tests; the baseline FAILs at {@code reproduce} because the logged failure shows again, the fix
 * PASSes, and a hostile reproduce command reaches neither the host's files nor its network.
 */
@QuarkusTest
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class ReproduceGateTest {

    private static final String TESTS = "sh test.sh";
    private static final String RUN_MAIN = "java -cp out demo.Main";

    @Inject
    CandidateVerifier verifier;

    @Test
    void theBaselineReproducesTheLoggedFailureAndTheFixDoesNot() {
        Project p = Project.publish("java-orders");
        ReproduceSpec spec = spec(p, RUN_MAIN);
        assertEquals(new LoggedFailure("java.lang.ArithmeticException", List.of("demo.Orders.average", "demo.Main.main")),
                spec.failure());

        CandidateVerifier.Result base = verify(p, "", spec);
        assertEquals(Verdict.FAIL, base.outcome().verdict(), base.log());
        assertEquals(List.of("tests:PASS", "reproduce:FAIL"), gates(base));
        assertEquals("reproduce: the logged failure java.lang.ArithmeticException at demo.Orders.average still reproduces"
                + " under 'java -cp out demo.Main'", base.outcome().reason());
        assertTrue(base.outcome().failingTests().isEmpty(), "no test fails: " + base.outcome().failingTests());

        String fix = p.change("src/main/java/demo/Orders.java", "return sum / amounts.length;",
                "return amounts.length == 0 ? 0 : sum / amounts.length;");
        CandidateVerifier.Result fixed = verify(p, fix, spec);
        assertEquals(Verdict.PASS, fixed.outcome().verdict(), fixed.log());
        assertEquals(List.of("tests:PASS", "reproduce:PASS"), gates(fixed));
        assertTrue(fixed.outcome().reason().endsWith("; the logged failure java.lang.ArithmeticException at demo.Orders.average"
                + " no longer reproduces (the command exited 0)"), fixed.outcome().reason());
        assertTrue(fixed.log().contains("average order: 0"), fixed.log());

        // a candidate that breaks the test never gets to the reproduce gate
        String wrong = p.change("src/main/java/demo/Orders.java", "return sum / amounts.length;", "return 0;");
        CandidateVerifier.Result broken = verify(p, wrong, spec);
        assertEquals(Verdict.FAIL, broken.outcome().verdict(), broken.log());
        assertEquals(List.of("tests:FAIL"), gates(broken));
    }

    @Test
    void aHostileReproduceCommandReachesNeitherTheHostsFilesNorItsNetwork() throws Exception {
        Project p = Project.publish("java-orders");
        String id = UUID.randomUUID().toString();
        List<Path> targets = List.of(Path.of("/var/tmp", "pavu-escape-" + id), Path.of("/root", "pavu-escape-" + id),
                Path.of("/tmp", "pavu-escape-" + id), Path.of(System.getProperty("java.io.tmpdir"), "pavu-escape2-" + id));
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            StringBuilder cmd = new StringBuilder();
            for (Path t : targets) {
                cmd.append("echo pwned > ").append(t).append(" 2>/dev/null && echo WRO\"\"TE ").append(t).append("; ");
            }
            cmd.append("python3 -c \"import socket; socket.create_connection(('127.0.0.1', ").append(server.getLocalPort())
                    .append("), 2); print('NET' + '-REACHED')\" 2>/dev/null; ");
            cmd.append("cat /etc/shadow 2>/dev/null && echo READ-\"SHADOW\"; ");
            cmd.append(RUN_MAIN);

            CandidateVerifier.Result r = verify(p, "", spec(p, cmd.toString()));

            // judged as usual: the program still divides by zero
            assertEquals(Verdict.FAIL, r.outcome().verdict(), r.log());
            assertEquals(List.of("tests:PASS", "reproduce:FAIL"), gates(r));
            assertFalse(r.outcome().reason().contains("unsandboxed"), r.outcome().reason());
            // the markers are printed only when an attack works (the command line itself, in the log, spells them apart);
            // /tmp inside the sandbox is its own tmpfs: writing there works and is gone with the sandbox
            assertFalse(r.log().contains("WROTE " + targets.get(0)), r.log());
            assertFalse(r.log().contains("WROTE " + targets.get(1)), r.log());
            for (Path t : targets) {
                assertFalse(Files.exists(t), t + " was written on the host");
            }
            assertFalse(r.log().contains("NET-REACHED"), r.log());
            assertFalse(r.log().contains("READ-SHADOW"), r.log());
            server.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, server::accept, "the sandbox connected to the host's loopback");
        } finally {
            for (Path t : targets) {
                Files.deleteIfExists(t);
            }
        }
    }

    private static ReproduceSpec spec(Project p, String command) {
        return new ReproduceSpec(command, LoggedFailure.of(p.files().get("crash.txt")).orElseThrow());
    }

    private CandidateVerifier.Result verify(Project p, String diff, ReproduceSpec spec) {
        UUID job = UUID.randomUUID();
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, job, diff.isBlank() ? 0 : 1, UUID.randomUUID(), "actuator-service");
        DiffProposed d = new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, p.source().commit(), p.source().bundleSha()), diff,
                diff.isBlank() ? "baseline" : "template", "test", "test", 1.0, 0,
                new VerifySpec(TESTS, 90_000, List.of(), false, null, 5, spec));
        return verifier.verify(d, RunWatch.NONE);
    }

    private static List<String> gates(CandidateVerifier.Result r) {
        return r.outcome().gates().stream().map(g -> g.gate() + ":" + g.status()).toList();
    }
}
