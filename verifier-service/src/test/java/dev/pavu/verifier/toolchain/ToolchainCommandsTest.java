package dev.pavu.verifier.toolchain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test selection and output parsing of the Python, Node and Gradle toolchains, on real file trees and real tool output. */
class ToolchainCommandsTest {

    @TempDir
    Path root;

    @Test
    void pytestNodeIdsComeFromTheModuleFileAndTheClasses() throws Exception {
        Files.createDirectories(root.resolve("tests/unit"));
        Files.writeString(root.resolve("tests/unit/test_calc.py"), "");
        assertEquals(List.of("tests/unit/test_calc.py::test_add", "tests/unit/test_calc.py::TestZero::test_zero"),
                PythonToolchain.nodeIds(root, List.of("tests.unit.test_calc#test_add", "tests.unit.test_calc.TestZero#test_zero",
                        "tests.unit.test_gone#test_x", "no-hash")));
    }

    @Test
    void compileallErrorsNameFileLineAndError() {
        String out = """
                *** Error compiling './calc.py'...
                  File "./calc.py", line 5
                    return a +* b
                              ^
                SyntaxError: invalid syntax
                """;
        assertEquals(List.of("calc.py:5 SyntaxError: invalid syntax"), PythonToolchain.compileErrors(out, root, 3));
    }

    @Test
    void nodeCheckErrorsAndTheTestRunner() throws Exception {
        String out = root + "/calc.js:4\n  return a - ;\n             ^\n\nSyntaxError: Unexpected token ';'\n    at internalCompileFunction\n";
        assertEquals(List.of("calc.js:4 SyntaxError: Unexpected token ';'"), NodeToolchain.syntaxErrors(out, root));
        Files.writeString(root.resolve("package.json"), "{\"scripts\":{\"test\":\"node --test test/\"}}");
        assertTrue(NodeToolchain.usesNodeTestRunner(root));
        Files.writeString(root.resolve("package.json"), "{\"scripts\":{\"test\":\"jest\"}}");
        assertFalse(NodeToolchain.usesNodeTestRunner(root));
        assertEquals("adds \\(two\\) numbers\\.", NodeToolchain.quoteRegex("adds (two) numbers."));
    }

    @Test
    void gradleCompilerErrorsAndWhatWentWrong() {
        String out = ":compileJava" + root + "/src/main/java/demo/Calc.java:8: error: illegal start of expression\n        return a - ;\n"
                + "1 error\n:compileJava FAILED\n\nFAILURE: Build failed with an exception.\n\n* What went wrong:\n"
                + "Execution failed for task ':compileJava'.\n> Compilation failed; see the compiler error output for details.\n\n* Try:\n";
        assertTrue(GradleToolchain.compilationFailed(out));
        assertEquals(List.of("src/main/java/demo/Calc.java:8 illegal start of expression"), GradleToolchain.compilerErrors(out, root, 3));
        assertEquals("Execution failed for task ':compileJava'. > Compilation failed; see the compiler error output for details.",
                GradleToolchain.whatWentWrong(out));
    }

    @Test
    void aWrapperDistributionIsFoundOnlyWhenUnpacked() throws Exception {
        Files.createDirectories(root.resolve("gradle/wrapper"));
        Files.writeString(root.resolve("gradle/wrapper/gradle-wrapper.properties"),
                "distributionUrl=https\\://services.gradle.org/distributions/gradle-8.5-bin.zip\n");
        assertEquals("gradle-8.5-bin", GradleToolchain.wrapperDistribution(root).orElseThrow());
        Path home = root.resolve("gh");
        assertTrue(GradleToolchain.unpacked(home, "gradle-8.5-bin").isEmpty());
        Path bin = Files.createDirectories(home.resolve("wrapper/dists/gradle-8.5-bin/abc123/gradle-8.5/bin"));
        Path gradle = Files.writeString(bin.resolve("gradle"), "#!/bin/sh\n");
        gradle.toFile().setExecutable(true);
        assertEquals(gradle, GradleToolchain.unpacked(home, "gradle-8.5-bin").orElseThrow());
    }
}
