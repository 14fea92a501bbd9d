package dev.pavu.verifier.sandbox;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Failing closed: with a broken bubblewrap the verifier refuses candidates (saying why and what to set, readiness
 * DOWN) unless running unsandboxed is explicitly allowed ({@code kind=none}, or {@code kind=auto} with
 * {@code allow-unsandboxed=true}); {@code kind=bubblewrap} never falls back.
 */
class SandboxProducerTest {

    private static final String BROKEN = "/nonexistent/pavu/bwrap";

    @Test
    void aBrokenBubblewrapRefusesCandidates() {
        for (String kind : List.of("auto", "bubblewrap")) {
            Sandbox s = SandboxProducer.choose(kind, BROKEN, false, true, h -> {
                throw new AssertionError("no bubblewrap sandbox without bubblewrap");
            });
            assertInstanceOf(RefusedSandbox.class, s, kind);
            String why = s.refusal().orElseThrow();
            assertTrue(why.startsWith("pavu.verifier.sandbox.kind=" + kind + " but bubblewrap does not work here (" + BROKEN + " not found"), why);
            assertTrue(why.contains("pavu.verifier.sandbox.allow-unsandboxed=true"), "says what to set: " + why);
            assertFalse(s.isolated());
            assertFalse(s.canStart(), "no warm JVM either");
            ExecResult r = s.run(new ExecRequest(List.of("touch", "/tmp/pavu-should-not-exist"), Path.of("/tmp"), Map.of(), Duration.ofSeconds(5),
                    false, List.of(), List.of(), new OutputCapture(64, 64, null), null));
            assertEquals(ExecResult.Termination.FAILED_TO_START, r.termination());
            assertEquals("not run: " + why, r.detail());
            HealthCheckResponse health = new SandboxHealthCheck(s).call();
            assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
            assertEquals(why, health.getData().orElseThrow().get("refusal"));
        }
        assertFalse(java.nio.file.Files.exists(Path.of("/tmp/pavu-should-not-exist")));
    }

    @Test
    void runningUnsandboxedMustBeExplicit() {
        Sandbox allowed = SandboxProducer.choose("auto", BROKEN, true, true, h -> null);
        assertInstanceOf(UnsandboxedSandbox.class, allowed);
        assertTrue(allowed.refusal().isEmpty());
        HealthCheckResponse health = new SandboxHealthCheck(allowed).call();
        assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
        assertEquals(false, health.getData().orElseThrow().get("isolated"));
        assertEquals("unsandboxed", health.getData().orElseThrow().get("kind"));

        assertInstanceOf(RefusedSandbox.class, SandboxProducer.choose("bubblewrap", BROKEN, true, true, h -> null),
                "kind=bubblewrap requires it, whatever allow-unsandboxed says");
        assertInstanceOf(UnsandboxedSandbox.class, SandboxProducer.choose("none", BROKEN, false, true, h -> null));
    }

    @Test
    void aWorkingBubblewrapIsHardenedWhereTheKernelAllows() {
        assumeTrue(BubblewrapSandbox.probe("bwrap").isEmpty(), "bubblewrap does not work here");
        AtomicReference<BubblewrapSandbox.Hardening> seen = new AtomicReference<>();
        BubblewrapSandbox made = new BubblewrapSandbox("bwrap", List.of(Path.of("/usr")), List.of(), false, BubblewrapSandbox.Hardening.NONE);
        Sandbox s = SandboxProducer.choose("auto", "bwrap", false, true, h -> {
            seen.set(h);
            return made;
        });
        assertSame(made, s);
        assertNotNull(seen.get());
        assertTrue(seen.get().unprivilegedUser(), "user namespaces work on this machine");
        assertNotNull(seen.get().seccomp(), "seccomp works on this machine");
        HealthCheckResponse health = new SandboxHealthCheck(s).call();
        assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
        assertEquals(true, health.getData().orElseThrow().get("isolated"));
    }
}
