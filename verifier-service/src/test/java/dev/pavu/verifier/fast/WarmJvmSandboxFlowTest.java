package dev.pavu.verifier.fast;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.verifier.FakePlanner;
import dev.pavu.verifier.InvoiceProjectAccess;
import dev.pavu.verifier.sandbox.BubblewrapSandbox;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.service.CandidateVerifier;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reported escape, through the running service: the injected {@link Sandbox} is a CDI client proxy (an
 * {@code instanceof BubblewrapSandbox} test on it was false, so the warm JVM ran unsandboxed). A candidate whose tests
 * attack the host from the warm JVM — loopback port, host file, another process's environment, {@code unshare},
 * {@code mount}, {@code ptrace} — reaches none of it: only the project's own bug fails, on the fast path.
 */
@QuarkusTest
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class WarmJvmSandboxFlowTest {

    private static final String TEST = "src/test/java/demo/InvoiceTest.java";

    @Inject
    CandidateVerifier verifier;

    @Inject
    Sandbox sandbox;

    @Test
    void hostileTestsInTheServicesWarmJvmAreContained() throws Exception {
        assumeTrue(BubblewrapSandbox.probe("bwrap").isEmpty(), "bubblewrap does not work here");
        assertFalse(sandbox instanceof BubblewrapSandbox, "the injected sandbox is a client proxy: never test it with instanceof");
        assertEquals("bubblewrap", sandbox.name());
        Map<String, String> files = InvoiceProjectAccess.files();
        FakePlanner.Source source = FakePlanner.publish("invoice-hostile", files);
        String secret = "PAVU-HOST-SECRET-" + UUID.randomUUID();
        Path hostFile = Files.writeString(Path.of("/tmp", "pavu-host-file-" + UUID.randomUUID() + ".txt"), secret);
        ProcessBuilder pb = new ProcessBuilder("sleep", "600");
        pb.environment().put("PAVU_SECRET", secret);
        Process holder = pb.start();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String test = files.get(TEST);
            String diff = UnifiedDiffs.create(TEST, test, HostileTests.withAttacks(test, server.getLocalPort(), hostFile, secret));
            Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, UUID.randomUUID(), 1, UUID.randomUUID(), "actuator-service");
            DiffProposed d = new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                    new SourceRef("bundle", null, null, source.commit(), source.bundleSha()), diff, "template", "p", "p", 1.0, 0,
                    new VerifySpec(null, 90_000, List.of(), false, new dev.pavu.contracts.GatePolicy(null, null, null, true, null)));

            CandidateVerifier.Result r = verifier.verify(d, RunWatch.NONE);

            assertTrue(r.log().contains("[pavu] fast path: changed sources compiled alone, tests in the warm JVM"), r.log());
            assertEquals(Verdict.FAIL, r.outcome().verdict(), r.outcome().reason());
            assertEquals(List.of("demo.InvoiceTest#total"), r.outcome().failingTests().stream().map(TestFailure::testId).toList(),
                    "only the project's own bug fails; an attack that worked fails its test: " + r.outcome().reason());
        } finally {
            holder.destroyForcibly();
            Files.deleteIfExists(hostFile);
        }
    }
}
