package dev.pavu.workspace.diff;

import dev.pavu.workspace.diff.ProtectedPaths.Kind;
import dev.pavu.workspace.diff.ProtectedPaths.Rules;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which files a candidate may not touch by default, and the refusal's wording. */
class ProtectedPathsTest {

    private static String edit(String path) {
        return UnifiedDiffs.create(path, "a\n", "b\n");
    }

    @Test
    void testSourcesOfEveryLayoutAreProtected() {
        for (String p : new String[] {"src/test/java/com/acme/InvoiceTest.java", "core/src/test/resources/data.csv",
                "tests/test_calc.py", "pkg/test_util.py", "calc_test.py", "test/add.test.js", "lib/add.spec.ts",
                "__tests__/x.js", "src/it/java/FlowIT.java", "TestHelper.java"}) {
            assertEquals(Optional.of(Kind.TEST_SOURCE), ProtectedPaths.kindOf(p), p);
        }
    }

    @Test
    void buildAndCiFilesAreProtected() {
        for (String p : new String[] {"pom.xml", "module/pom.xml", ".mvn/wrapper/maven-wrapper.properties", "build.gradle.kts",
                "settings.gradle", "gradle/wrapper/gradle-wrapper.properties", "gradlew", "mvnw.cmd", "package.json",
                "package-lock.json", "pyproject.toml", "setup.cfg", "tox.ini", "pytest.ini", "tests/../conftest.py".replace("tests/../", ""),
                "jest.config.js"}) {
            assertEquals(Optional.of(Kind.BUILD_FILE), ProtectedPaths.kindOf(p), p);
        }
        for (String p : new String[] {".github/workflows/ci.yml", ".gitlab-ci.yml", "Jenkinsfile", ".circleci/config.yml", ".ci/run.sh"}) {
            assertEquals(Optional.of(Kind.CI_FILE), ProtectedPaths.kindOf(p), p);
        }
    }

    @Test
    void mainCodeStaysEditableEvenWhenItsNameLooksLikeATest() {
        for (String p : new String[] {"src/main/java/com/acme/Invoice.java", "src/main/java/com/acme/test/Fixture.java",
                "src/main/java/com/acme/TestDataFactory.java", "calc.py", "lib/add.js", "README.md", "src/main/resources/app.properties",
                "contest.py", "Testing.java"}) {
            assertEquals(Optional.empty(), ProtectedPaths.kindOf(p), p);
        }
    }

    @Test
    void aDiffTouchingProtectedFilesIsRefusedNamingEachFileAndTheSettingThatAllowsIt() {
        String diff = edit("src/main/java/A.java") + edit("src/test/java/ATest.java") + edit("pom.xml");
        PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.checkProtected(diff, Rules.DEFAULT));
        assertEquals(PatchRejectedException.Reason.PROTECTED_PATH, e.reason());
        assertEquals("src/test/java/ATest.java", e.path());
        assertEquals("src/test/java/ATest.java: edits to test sources are not allowed by the job's gate policy (gates.allowTestEdits); "
                + "pom.xml: edits to build files are not allowed by the job's gate policy (gates.allowBuildEdits)", e.getMessage());
    }

    @Test
    void aDeletedTestIsRefusedToo() {
        String delete = UnifiedDiffs.create("src/test/java/ATest.java", "class ATest {}\n", null);
        PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.checkProtected(delete, Rules.DEFAULT));
        assertTrue(e.getMessage().startsWith("src/test/java/ATest.java: edits to test sources"), e.getMessage());
    }

    @Test
    void thePolicyCanAllowEachKindAndProtectTheTestCommandsScripts() {
        String tests = edit("src/test/java/ATest.java");
        String build = edit("pom.xml") + edit(".github/workflows/ci.yml");
        assertDoesNotThrow(() -> UnifiedDiffs.checkProtected(tests, new Rules(true, false, Set.of())));
        assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.checkProtected(build, new Rules(true, false, Set.of())));
        assertDoesNotThrow(() -> UnifiedDiffs.checkProtected(build, new Rules(false, true, Set.of())));
        PatchRejectedException e = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.checkProtected(edit("run-tests.sh"), new Rules(true, false, Set.of("run-tests.sh"))));
        assertEquals("run-tests.sh: the job's test command runs this file; edits to it are not allowed by the job's gate policy "
                + "(gates.allowBuildEdits)", e.getMessage());
        assertDoesNotThrow(() -> UnifiedDiffs.checkProtected("", Rules.DEFAULT), "the empty patch touches nothing");
    }
}
