package dev.pavu.verifier.fast;

import java.nio.file.Path;
import java.util.List;

/**
 * Test methods that try to leave the warm JVM's sandbox, added to the Invoice project's test class: each fails
 * (naming itself) only when its attack succeeds.
 */
final class HostileTests {

    /** The attack test ids, sorted. */
    static final List<String> ATTACKS = List.of("demo.InvoiceTest#escapeEnviron", "demo.InvoiceTest#escapeHostFile",
            "demo.InvoiceTest#escapeLoopback", "demo.InvoiceTest#escapeMount", "demo.InvoiceTest#escapePtrace",
            "demo.InvoiceTest#escapeUserNamespace");

    private HostileTests() {
    }

    /**
     * @param test     the Invoice project's test class source
     * @param port     a loopback port the host listens on
     * @param hostFile a host file outside the workspace
     * @param secret   a string only a host process's environment holds
     * @return the test class with the attacks added
     */
    static String withAttacks(String test, int port, Path hostFile, String secret) {
        String attacks = """
                    static final int PORT = %d;
                    static final String HOST_FILE = "%s";
                    static final String SECRET = "%s";

                    @Test
                    void escapeLoopback() {
                        try (java.net.Socket s = new java.net.Socket()) {
                            s.connect(new java.net.InetSocketAddress("127.0.0.1", PORT), 2000);
                        } catch (java.io.IOException e) {
                            return;
                        }
                        throw new AssertionError("connected to the host's loopback port " + PORT);
                    }

                    @Test
                    void escapeHostFile() {
                        String text;
                        try {
                            text = java.nio.file.Files.readString(java.nio.file.Path.of(HOST_FILE));
                        } catch (java.io.IOException e) {
                            return;
                        }
                        throw new AssertionError("read " + HOST_FILE + ": " + text);
                    }

                    @Test
                    void escapeEnviron() throws Exception {
                        java.util.List<String> seen = new java.util.ArrayList<>();
                        try (java.nio.file.DirectoryStream<java.nio.file.Path> ds = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc"))) {
                            for (java.nio.file.Path p : ds) {
                                try {
                                    byte[] b = java.nio.file.Files.readAllBytes(p.resolve("environ"));
                                    if (new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).contains(SECRET)) {
                                        seen.add(p.toString());
                                    }
                                } catch (java.io.IOException | RuntimeException e) {
                                }
                            }
                        }
                        if (!seen.isEmpty()) {
                            throw new AssertionError("read the host's secret in " + seen);
                        }
                    }

                    @Test
                    void escapeUserNamespace() throws Exception {
                        if (run("unshare", "-r", "true") == 0) {
                            throw new AssertionError("unshare -r true worked");
                        }
                    }

                    @Test
                    void escapeMount() throws Exception {
                        java.nio.file.Path target = java.nio.file.Files.createTempDirectory("pavu-mnt");
                        if (run("mount", "-t", "tmpfs", "pavu-evil", target.toString()) == 0) {
                            run("umount", target.toString());
                            throw new AssertionError("mount worked");
                        }
                    }

                    @Test
                    void escapePtrace() throws Exception {
                        // PTRACE_TRACEME: allowed to any process unless a seccomp filter denies ptrace
                        if (run("python3", "-c", "import ctypes, sys; sys.exit(0 if ctypes.CDLL(None).ptrace(0, 0, 0, 0) == 0 else 3)") == 0) {
                            throw new AssertionError("ptrace worked");
                        }
                    }

                    static int run(String... cmd) throws Exception {
                        try {
                            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                            return p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) ? p.exitValue() : -2;
                        } catch (java.io.IOException e) {
                            return -1;
                        }
                    }
                """.formatted(port, hostFile, secret);
        return test.replace("class InvoiceTest {", "class InvoiceTest {\n" + attacks);
    }
}
