package dev.pavu.verifier;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GatePolicy;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.verifier.gate.BaselineTests;
import dev.pavu.verifier.repository.BaselineTestRepository;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.service.CandidateVerifier;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verdicts that cannot be gamed, through {@link CandidateVerifier} in the sandbox: a job's own test command really
 * runs (JUnit XML reports read, else its exit code), a patch touching test, build or CI files or the test command's
 * script is refused, and a PASS after which tests of the baseline did not run becomes FAIL.
 */
@QuarkusTest
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class VerdictRulesTest {

    /** A shell "project" whose test script writes a JUnit XML report: one test fails until calc.sh adds. */
    static final Map<String, String> SCRIPT_PROJECT = Map.of(
            "calc.sh", "add() { echo $(( $1 - $2 )); }\n",
            "cases.txt", "subtracts\nnegates\n",
            "run-tests.sh", """
                    . ./calc.sh
                    fails=0
                    {
                      echo '<testsuite name="calc">'
                      if [ "$(add 2 3)" = 5 ]; then
                        echo '<testcase classname="calc.CalcTest" name="adds"/>'
                      else
                        echo "<testcase classname=\\"calc.CalcTest\\" name=\\"adds\\"><failure message=\\"2 + 3 gave $(add 2 3)\\">expected 5</failure></testcase>"
                        fails=1
                      fi
                      echo '<testcase classname="calc.CalcTest" name="addsZero"/>'
                      for c in $(cat cases.txt); do echo "<testcase classname=\\"calc.CalcTest\\" name=\\"$c\\"/>"; done
                      echo '</testsuite>'
                    } > "$PAVU_REPORTS_DIR/TEST-calc.xml"
                    exit $fails
                    """);

    /**
     * A project judged by exit code only, with a hostile stale report committed where surefire writes (it claims a
     * passing test) and a check that the command sees none of the verifier's secrets.
     */
    static final Map<String, String> EXIT_CODE_PROJECT = Map.of(
            "answer.txt", "41\n",
            "target/surefire-reports/TEST-stale.xml", "<testsuite><testcase classname=\"Stale\" name=\"passes\"/></testsuite>\n",
            "check.sh", """
                    if env | grep -qi -e password -e PAVU_DB; then echo "the test command sees the verifier's secrets"; exit 9; fi
                    a=$(cat answer.txt)
                    [ "$a" = 42 ] || { echo "answer.txt holds $a, expected 42"; exit 3; }
                    echo ok
                    """);

    @Inject
    CandidateVerifier verifier;
    @Inject
    BaselineTestRepository baselines;

    @Test
    void aTestCommandThatWritesAJUnitReportIsJudgedByItAndTheBaselinesTestsMustRunAgain() {
        FakePlanner.Source src = FakePlanner.publish("script-" + UUID.randomUUID().toString().substring(0, 8), SCRIPT_PROJECT);
        String cmd = "sh run-tests.sh";

        CandidateVerifier.Result base = verify(src, "", cmd, null, Optional.empty());
        assertEquals(Verdict.FAIL, base.outcome().verdict(), base.log());
        assertEquals("1 of 4 tests failed: CalcTest#adds", base.outcome().reason());
        assertEquals("calc.CalcTest#adds", base.outcome().failingTests().getFirst().testId());
        assertEquals("2 + 3 gave -1", base.outcome().failingTests().getFirst().message());
        assertEquals(List.of("tests:FAIL"), gates(base));
        assertTrue(base.log().contains("$ sh -c sh run-tests.sh"), base.log());
        BaselineTests.Baseline ran = BaselineTests.of(base.outcome()).orElseThrow();
        assertEquals(4, ran.testsRun());
        assertEquals(Set.of("calc.CalcTest#adds", "calc.CalcTest#addsZero", "calc.CalcTest#subtracts", "calc.CalcTest#negates"),
                ran.executed());

        String fix = change("calc.sh", "$1 - $2", "$1 + $2");
        CandidateVerifier.Result fixed = verify(src, fix, cmd, null, Optional.of(ran));
        assertEquals(Verdict.PASS, fixed.outcome().verdict(), fixed.log());
        assertEquals("all 4 tests passed (the job's test command)", fixed.outcome().reason());
        assertTrue(fixed.log().contains("the baseline's tests: all 4 ran again"), fixed.log());

        // the fix plus a change that makes two of the baseline's tests vanish (no test file touched)
        String vanish = fix + UnifiedDiffs.create("cases.txt", "subtracts\nnegates\n", "");
        CandidateVerifier.Result gamed = verify(src, vanish, cmd, null, Optional.of(ran));
        assertEquals(Verdict.FAIL, gamed.outcome().verdict(), gamed.log());
        assertEquals("tests that ran in the baseline did not run: CalcTest#negates, CalcTest#subtracts (2 of the baseline's 4 tests ran)",
                gamed.outcome().reason());
        assertEquals(List.of("tests:FAIL"), gates(gamed));

        // the script that judges the candidate is protected like a build file
        String rewrite = UnifiedDiffs.create("run-tests.sh", SCRIPT_PROJECT.get("run-tests.sh"), "exit 0\n");
        CandidateVerifier.Result refused = verify(src, rewrite, cmd, null, Optional.of(ran));
        assertEquals(Verdict.FAIL, refused.outcome().verdict(), refused.log());
        assertEquals("the patch was refused (protected path): run-tests.sh: the job's test command runs this file; edits to it are not "
                + "allowed by the job's gate policy (gates.allowBuildEdits)", refused.outcome().reason());
        assertEquals(List.of(), gates(refused), "nothing ran");
    }

    @Test
    void aTestCommandWithoutReportsIsJudgedByItsExitCodeAndAStaleCommittedReportDoesNotCount() {
        FakePlanner.Source src = FakePlanner.publish("exit-" + UUID.randomUUID().toString().substring(0, 8), EXIT_CODE_PROJECT);
        String cmd = "sh check.sh";

        CandidateVerifier.Result base = verify(src, "", cmd, null, Optional.empty());
        assertEquals(Verdict.FAIL, base.outcome().verdict(), base.log());
        assertEquals("the test command failed (exit 3): answer.txt holds 41, expected 42", base.outcome().reason());
        assertEquals(0, base.outcome().testsRun(), "the committed report was removed before the run");

        CandidateVerifier.Result fixed = verify(src, UnifiedDiffs.create("answer.txt", "41\n", "42\n"), cmd, null,
                BaselineTests.of(base.outcome()));
        assertEquals(Verdict.PASS, fixed.outcome().verdict(), fixed.log());
        assertEquals("the test command passed (exit 0; it wrote no JUnit XML report, so tests are not counted)", fixed.outcome().reason());
    }

    @Test
    void editsToTestSourcesAreRefusedUnlessThePolicyAllowsThem() {
        Map<String, String> files = ToolchainsTest.Project.read("python-calc");
        FakePlanner.Source src = FakePlanner.publish("py-protect-" + UUID.randomUUID().toString().substring(0, 8), files);
        String test = files.get("tests/test_calc.py");
        String deleteTest = UnifiedDiffs.create("tests/test_calc.py", test, null);

        CandidateVerifier.Result refused = verify(src, deleteTest, null, null, Optional.empty());
        assertEquals(Verdict.FAIL, refused.outcome().verdict(), refused.log());
        assertEquals("the patch was refused (protected path): tests/test_calc.py: edits to test sources are not allowed by the job's "
                + "gate policy (gates.allowTestEdits)", refused.outcome().reason());

        GatePolicy allow = new GatePolicy(null, null, null, true, null);
        CandidateVerifier.Result allowed = verify(src, deleteTest, null, allow, Optional.empty());
        assertTrue(!allowed.outcome().reason().startsWith("the patch was refused"), allowed.outcome().reason());
        assertTrue(allowed.log().contains("patch applied"), allowed.log());
    }

    @Test
    void aMavenCandidateThatDisablesTheFailingTestDoesNotPass() {
        FakePlanner.Source src = FakePlanner.publish("invoice-rules-" + UUID.randomUUID().toString().substring(0, 8), InvoiceProject.files());
        CandidateVerifier.Result base = verify(src, "", null, null, Optional.empty());
        assertEquals(Verdict.FAIL, base.outcome().verdict(), base.log());
        assertTrue(base.log().contains("cold path: the baseline records the ids of the tests it runs"), base.log());
        BaselineTests.Baseline ran = BaselineTests.of(base.outcome()).orElseThrow();
        assertEquals(Set.of("demo.InvoiceTest#total", "demo.InvoiceTest#count", "demo.InvoiceTest#emptyTotal"), ran.executed());

        String disable = UnifiedDiffs.create("src/test/java/demo/InvoiceTest.java", InvoiceProject.TEST,
                InvoiceProject.TEST.replace("    @Test\n    void total()", "    @org.junit.jupiter.api.Disabled\n    @Test\n    void total()"));
        CandidateVerifier.Result refused = verify(src, disable, null, null, Optional.of(ran));
        assertEquals(Verdict.FAIL, refused.outcome().verdict(), refused.log());
        assertTrue(refused.outcome().reason().startsWith("the patch was refused (protected path): src/test/java/demo/InvoiceTest.java"),
                refused.outcome().reason());

        // even when the job lets candidates edit tests, skipping one of the baseline's tests is no repair
        GatePolicy allow = new GatePolicy(null, null, null, true, null);
        CandidateVerifier.Result skipped = verify(src, disable, null, allow, Optional.of(ran));
        assertEquals(Verdict.FAIL, skipped.outcome().verdict(), skipped.log());
        assertTrue(skipped.outcome().reason().equals("tests that ran in the baseline did not run: InvoiceTest#total (skipped) "
                        + "(2 of the baseline's 3 tests ran)")
                        || skipped.outcome().reason().equals("fewer tests ran than in the baseline: 2 of 3 (tests must not be deleted, "
                        + "skipped or left out of the build)"), skipped.outcome().reason());

        String fix = UnifiedDiffs.create(InvoiceProject.MAIN, InvoiceProject.INVOICE, InvoiceProject.invoiceWith("for (int i = 1;", "for (int i = 0;"));
        CandidateVerifier.Result fixed = verify(src, fix, null, null, Optional.of(ran));
        assertEquals(Verdict.PASS, fixed.outcome().verdict(), fixed.log());
        assertEquals("all 3 tests passed", fixed.outcome().reason());
    }

    @Test
    void theBaselinesTestsAreStoredPerSourceAndTestCommandAndReplacedByALaterBaseline() {
        SourceRef src = new SourceRef("bundle", null, null, "c".repeat(40), UUID.randomUUID().toString().replace("-", "").repeat(2));
        QuarkusTransaction.requiringNew().run(() -> baselines.record(src, null, UUID.randomUUID(),
                new BaselineTests.Baseline(2, Set.of("a.ATest#x", "a.ATest#y"))));
        QuarkusTransaction.requiringNew().run(() -> baselines.record(src, "sh t.sh", UUID.randomUUID(), new BaselineTests.Baseline(5, null)));
        assertEquals(Optional.of(new BaselineTests.Baseline(2, Set.of("a.ATest#x", "a.ATest#y"))), baselines.find(src, null));
        assertEquals(Optional.of(new BaselineTests.Baseline(5, null)), baselines.find(src, " sh t.sh "));
        QuarkusTransaction.requiringNew().run(() -> baselines.record(src, "", UUID.randomUUID(), new BaselineTests.Baseline(0, Set.of())));
        assertEquals(Optional.of(new BaselineTests.Baseline(0, Set.of())), baselines.find(src, null), "a later baseline replaces it");
        assertEquals(Optional.empty(), baselines.find(new SourceRef("bundle", null, null, "d".repeat(40), src.bundleSha()), null));
    }

    private CandidateVerifier.Result verify(FakePlanner.Source p, String diff, String testCommand, GatePolicy policy,
                                            Optional<BaselineTests.Baseline> baseline) {
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, UUID.randomUUID(), diff.isBlank() ? 0 : 1, UUID.randomUUID(), "actuator-service");
        DiffProposed d = new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, p.commit(), p.bundleSha()), diff,
                diff.isBlank() ? "baseline" : "template", "test", "test", 1.0, 0,
                new VerifySpec(testCommand, 120_000, List.of(), false, policy));
        return verifier.verify(d, RunWatch.NONE, baseline);
    }

    private static String change(String path, String from, String to) {
        String text = SCRIPT_PROJECT.get(path);
        return UnifiedDiffs.create(path, text, text.replace(from, to));
    }

    private static List<String> gates(CandidateVerifier.Result r) {
        return r.outcome().gates().stream().map(g -> g.gate() + ":" + g.status()).toList();
    }
}
