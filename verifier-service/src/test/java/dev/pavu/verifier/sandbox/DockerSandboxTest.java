package dev.pavu.verifier.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The container sandbox. The configuration test runs everywhere; the others need a Docker engine and are
 * reported as skipped, with the reason, where none answers (as on the machines this project is built on).
 */
class DockerSandboxTest {

    private static final String IMAGE = System.getProperty("pavu.test.docker.image", "maven:3.9-eclipse-temurin-21");
    private static final Limits CAPS = new Limits(256L << 20, 64, 60, 1, 64L << 20, 50L << 20);

    private static DockerClient docker;
    private static String problem;

    @TempDir
    Path work;

    @BeforeAll
    static void connect() {
        try {
            docker = DockerSandbox.client(Optional.empty());
            problem = DockerSandbox.probe(docker).orElse(null);
        } catch (RuntimeException e) {
            problem = "no Docker client: " + e.getMessage();
        }
    }

    @Test
    void containersAreLockedDown() {
        DockerSandbox sandbox = new DockerSandbox(docker, IMAGE, "65534:65534");
        HostConfig hc = sandbox.hostConfig(request("true", Duration.ofSeconds(5)), CAPS);
        assertEquals("none", hc.getNetworkMode());
        assertTrue(hc.getReadonlyRootfs());
        assertArrayEquals(new Capability[] {Capability.ALL}, hc.getCapDrop());
        assertEquals(List.of("no-new-privileges"), List.of(hc.getSecurityOpts().toArray()));
        assertEquals(256L << 20, hc.getMemory());
        assertEquals(256L << 20, hc.getMemorySwap(), "no swap beyond the cap");
        assertEquals(64L, hc.getPidsLimit());
        assertEquals(1_000_000_000L, hc.getNanoCPUs());
        assertTrue(hc.getTmpFs().containsKey("/tmp"));
    }

    @Test
    void aCommandRunsAsNobodyWithoutNetwork() throws Exception {
        assumeTrue(problem == null, "skipped: " + problem);
        {
            OutputCapture out = new OutputCapture(8192, 8192, null);
            ExecResult r = new DockerSandbox(docker, IMAGE, "65534:65534").run(request(
                    "id -u; (exec 3<>/dev/tcp/1.1.1.1/53) 2>&1 || echo NO-NETWORK; touch /etc/x 2>&1; echo ok > f",
                    Duration.ofSeconds(120), out));
            assertEquals(0, r.exitCode(), out.text());
            assertTrue(out.text().startsWith("65534"), out.text());
            assertTrue(out.text().contains("NO-NETWORK"), out.text());
            assertTrue(out.text().contains("Read-only file system"), out.text());
            assertTrue(java.nio.file.Files.exists(work.resolve("f")), "the workspace is writable");
        }
    }

    @Test
    void anInfiniteLoopIsKilled() {
        assumeTrue(problem == null, "skipped: " + problem);
        ExecResult r = new DockerSandbox(docker, IMAGE, "65534:65534").run(request("while :; do :; done", Duration.ofSeconds(3)));
        assertEquals(ExecResult.Termination.TIMED_OUT, r.termination());
    }

    @Test
    void unboundedAllocationIsReported() {
        assumeTrue(problem == null, "skipped: " + problem);
        ExecResult r = new DockerSandbox(docker, IMAGE, "65534:65534").run(request(
                "python3 -c 'x=[]\nwhile True: x.append(bytearray(10**7))' || (a=x; while :; do a=$a$a; done)", Duration.ofSeconds(60)));
        assertEquals(ExecResult.Termination.LIMIT_EXCEEDED, r.termination(), r.toString());
        assertFalse(r.detail().isBlank());
    }

    private ExecRequest request(String script, Duration timeout) {
        return request(script, timeout, new OutputCapture(8192, 8192, null));
    }

    private ExecRequest request(String script, Duration timeout, OutputCapture out) {
        return new ExecRequest(List.of("/bin/bash", "-c", script), work, Map.of("LANG", "C.UTF-8"), timeout, false, List.of(), List.of(),
                out, null, CAPS);
    }
}
