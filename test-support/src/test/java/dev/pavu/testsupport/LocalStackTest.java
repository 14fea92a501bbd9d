package dev.pavu.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which PostgreSQL role a module's tests log in as on the local stack, and where its password comes from. */
class LocalStackTest {

    @TempDir
    Path stack;

    @BeforeEach
    void stackDir() throws Exception {
        assumeTrue(System.getenv("PAVU_DB_USER") == null, "PAVU_DB_USER is set: it would win over the stack's roles");
        System.setProperty("PAVU_STACK_DIR", stack.toString());
        Files.createDirectories(stack.resolve("secrets"));
        Files.writeString(stack.resolve("secrets/db-planner"), "planner-pw\n");
        Files.writeString(stack.resolve("secrets/db-gateway"), "gateway-pw");
        Files.writeString(stack.resolve("secrets/db-postgres"), "super-pw");
    }

    @AfterEach
    void clear() {
        System.clearProperty("PAVU_STACK_DIR");
        System.clearProperty("PAVU_DB_USER");
        System.clearProperty("PAVU_DB_PASSWORD");
    }

    @Test
    void aServiceModuleLogsInAsItsOwnRole() {
        assertEquals(new LocalStack.DbLogin("pavu_planner", "planner-pw"),
                LocalStack.dbLogin(LocalStack.serviceOfModule("planner-service")));
        assertEquals(new LocalStack.DbLogin("pavu_gateway", "gateway-pw"),
                LocalStack.dbLogin(LocalStack.serviceOfModule("model-gateway")));
        assertEquals("verifier", LocalStack.serviceOfModule("verifier-service"));
    }

    @Test
    void anotherModuleLogsInAsTheSuperuser() {
        assertEquals(new LocalStack.DbLogin("postgres", "super-pw"),
                LocalStack.dbLogin(LocalStack.serviceOfModule("test-support")));
    }

    @Test
    void aMissingSecretSaysWhereItShouldBe() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalStack.dbLogin("updater"));
        assertEquals(true, e.getMessage().contains(stack.resolve("secrets/db-updater").toString()), e.getMessage());
    }

    @Test
    void anExplicitLoginWins() {
        System.setProperty("PAVU_DB_USER", "someone");
        System.setProperty("PAVU_DB_PASSWORD", "pw");
        assertEquals(new LocalStack.DbLogin("someone", "pw"), LocalStack.dbLogin("planner"));
    }

    @Test
    void thePasswordStaysOutOfToString() {
        assertFalse(LocalStack.dbLogin("planner").toString().contains("planner-pw"));
    }
}
