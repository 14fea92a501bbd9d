package dev.pavu.verifier;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.service.CandidateVerifier;
import dev.pavu.verifier.service.Prefetcher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Prefetcher}: a new commit whose build files are those of a source resolved before is not resolved again, and
 * its baseline still runs offline with the same verdict; a commit that changes the pom is resolved. Three baselines of
 * {@code toolchains/maven-lint} through {@link CandidateVerifier}, in the sandbox. Same profile and test resources as
 * {@link ToolchainsTest}, so Quarkus is not restarted.
 */
@QuarkusTest
@TestProfile(ToolchainsTest.Profile.class)
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class PrefetchReuseTest {

    @Inject
    CandidateVerifier verifier;

    @Test
    void aNewCommitWithTheSameBuildFilesIsNotResolvedAgain() {
        Map<String, String> files = new TreeMap<>(ToolchainsTest.Project.read("maven-lint"));
        // a pom of this run only: no earlier test's resolution of maven-lint counts
        String pom = files.get("pom.xml").replace("</project>", "<!-- run " + UUID.randomUUID() + " -->\n</project>");
        files.put("pom.xml", pom);
        CandidateVerifier.Result first = baseline(files);
        assertTrue(first.log().contains("dependencies prefetched with network in"), first.log());

        files.put("src/main/java/demo/Greeter.java", files.get("src/main/java/demo/Greeter.java") + "\n// the next commit\n");
        CandidateVerifier.Result next = baseline(files);
        assertTrue(next.log().matches("(?s).*dependencies not resolved again \\(\\d+ ms, no network\\): its 1 build file\\(s\\) "
                + "\\(poms, \\.mvn/\\) are those of a source resolved completely before \\(fingerprint [0-9a-f]{12}, .*"), next.log());
        assertFalse(next.log().contains("prefetched with network"), next.log());
        // the offline run found everything it needs
        assertEquals(first.outcome().verdict(), next.outcome().verdict(), next.log());
        assertEquals(Verdict.PASS, next.outcome().verdict(), next.log());
        assertEquals(first.outcome().testsRun(), next.outcome().testsRun());

        files.put("pom.xml", pom.replace("</project>", "<!-- a changed pom -->\n</project>"));
        CandidateVerifier.Result changed = baseline(files);
        assertTrue(changed.log().contains("dependencies prefetched with network in"), changed.log());
        assertEquals(Verdict.PASS, changed.outcome().verdict(), changed.log());
    }

    private CandidateVerifier.Result baseline(Map<String, String> files) {
        FakePlanner.Source s = FakePlanner.publish("maven-lint-" + UUID.randomUUID().toString().substring(0, 8), files);
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, UUID.randomUUID(), 0, UUID.randomUUID(), "actuator-service");
        DiffProposed d = new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, s.commit(), s.bundleSha()), "", "baseline", "empty-patch", "test", 1.0, 0,
                new VerifySpec(null, 120_000, List.of(), false, null));
        return verifier.verify(d, RunWatch.NONE);
    }
}
