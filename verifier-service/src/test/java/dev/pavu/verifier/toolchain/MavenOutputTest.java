package dev.pavu.verifier.toolchain;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MavenOutputTest {

    private static final String COMPILE_FAILURE = """
            [INFO] --- maven-compiler-plugin:3.14.0:compile (default-compile) @ calc ---
            [INFO] Compiling 1 source file with javac [debug release 17] to target/classes
            [INFO] -------------------------------------------------------------
            [ERROR] COMPILATION ERROR :
            [INFO] -------------------------------------------------------------
            [ERROR] /w/c1/src/main/java/demo/Invoice.java:[12,33] cannot find symbol
              symbol:   method gett(int)
            [ERROR] /w/c1/src/main/java/demo/Invoice.java:[14,9] missing return statement
            [INFO] 2 errors
            [INFO] BUILD FAILURE
            [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.14.0:compile (default-compile) on project calc: Compilation failure: Compilation failure:
            [ERROR] /w/c1/src/main/java/demo/Invoice.java:[12,33] cannot find symbol
            [ERROR] -> [Help 1]
            """;

    @Test
    void compilerErrorsRelativeToTheRoot() {
        assertTrue(MavenOutput.compilationFailed(COMPILE_FAILURE));
        assertEquals(List.of("src/main/java/demo/Invoice.java:[12,33] cannot find symbol",
                        "src/main/java/demo/Invoice.java:[14,9] missing return statement"),
                MavenOutput.compilerErrors(COMPILE_FAILURE, Path.of("/w/c1"), 3));
        assertEquals("COMPILATION ERROR :", MavenOutput.firstError(COMPILE_FAILURE));
    }

    @Test
    void surefireStartLineOfMaven38And39() {
        assertTrue(MavenOutput.SUREFIRE_START.matcher("[INFO] --- maven-surefire-plugin:3.5.4:test (default-test) @ calc ---").matches());
        assertTrue(MavenOutput.SUREFIRE_START.matcher("[INFO] --- surefire:3.5.4:test (default-test) @ calc ---").matches());
        assertFalse(MavenOutput.SUREFIRE_START.matcher("[INFO] --- maven-compiler-plugin:3.14.0:testCompile (default-testCompile) @ calc ---").matches());
    }

    @Test
    void lastRunningTestClassAndMissingDependency() {
        String out = """
                [INFO] Running demo.InvoiceTest
                [INFO] Tests run: 2, Failures: 0
                [INFO] Running demo.LoopTest
                """;
        assertEquals("demo.LoopTest", MavenOutput.lastRunningTestClass(out));
        String offline = "[ERROR] Failed to execute goal on project x: Could not resolve dependencies for project a:b:jar:1: "
                + "Cannot access central in offline mode\n[ERROR] -> [Help 1]\n";
        assertFalse(MavenOutput.compilationFailed(offline));
        assertTrue(MavenOutput.firstError(offline).startsWith("Failed to execute goal on project x: Could not resolve dependencies"));
    }
}
