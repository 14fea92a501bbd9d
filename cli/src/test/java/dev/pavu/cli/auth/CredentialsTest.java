package dev.pavu.cli.auth;

import dev.pavu.cli.CliContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialsTest {

    @TempDir
    Path tmp;

    private Credentials credentials(Map<String, String> env) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new Credentials(new CliContext(sink, sink, env, tmp, Duration.ofMillis(10), ZoneOffset.UTC));
    }

    @Test
    void environmentThenLoginFileThenTheLocalStacksAdminTokenForLoopbackOnly() throws Exception {
        Path stack = Files.createDirectories(tmp.resolve("stack"));
        Files.writeString(stack.resolve("admin-token"), "pavu_stack\n");
        Map<String, String> env = new HashMap<>(Map.of("PAVU_STACK_DIR", stack.toString(),
                "PAVU_CONFIG", tmp.resolve("cfg/config.json").toString()));
        Credentials c = credentials(env);

        assertEquals(Optional.of("pavu_stack"), c.token("http://localhost:8081"));
        assertEquals(Optional.of("pavu_stack"), c.token("http://127.0.0.1:18481"));
        assertEquals(Optional.empty(), c.token("https://pavu.example.com"), "the stack's token never leaves the host");

        Path file = c.store("https://pavu.example.com", "pavu_login");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Optional.of("pavu_login"), c.token("https://pavu.example.com"));
        c.store("http://localhost:8081", "pavu_local_login");
        assertEquals(Optional.of("pavu_local_login"), c.token("http://localhost:8081"), "a login wins over the stack's token");
        assertTrue(Files.readString(file).contains("pavu_login"), "both tokens kept");

        env.put("PAVU_TOKEN", "pavu_env");
        assertEquals(Optional.of("pavu_env"), credentials(env).token("https://pavu.example.com"));
    }
}
