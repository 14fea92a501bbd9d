package dev.pavu.verifier.source;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A refused bundle download names its real cause: a credential problem is not a missing bundle. */
class PlannerSourcesRefusalTest {

    private static final URI URL = URI.create("http://planner:8081/sources/" + "a".repeat(64));

    @Test
    void anUnauthorisedDownloadNamesTheServiceCredentialNotTheBundle() {
        for (int status : new int[]{401, 403}) {
            String m = PlannerSources.refusal(URL, status, "a".repeat(64));
            assertTrue(m.contains("answered " + status), m);
            assertTrue(m.contains("PAVU_SERVICE_TOKEN"), m);
            assertFalse(m.contains("does not have bundle"), m);
        }
    }

    @Test
    void aMissingBundleIsSaidToBeMissing() {
        String m = PlannerSources.refusal(URL, 404, "a".repeat(64));
        assertTrue(m.contains("answered 404: the planner does not have bundle " + "a".repeat(64)), m);
    }
}
