package dev.pavu.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict validation itself: it must refuse what the API server would refuse (so ChartTest can fail). */
class ManifestsTest {

    private static List<String> problems(String yaml) throws IOException {
        List<Map<String, Object>> docs = Manifests.parse(yaml);
        assertEquals(1, docs.size());
        return Manifests.validate(docs.get(0));
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: pavu-planner, labels: { app: x } }
            spec:
              selector: { matchLabels: { app: x } }
              template:
                metadata: { labels: { app: x } }
                spec:
                  containers:
                    - name: planner
                      image: pavu/planner-service:latest
                      %s
            """;

    @Test
    void acceptsAValidDeployment() throws IOException {
        assertEquals(List.of(), problems(DEPLOYMENT.formatted("readinessProbe: { httpGet: { path: /q/health/ready, port: http } }")));
    }

    @Test
    void refusesAMisspelledField() throws IOException {
        List<String> p = problems(DEPLOYMENT.formatted("readinesProbe: { httpGet: { path: /q/health/ready, port: http } }"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("containers[0]: unknown field(s) [readinesProbe]"), p.get(0));
    }

    @Test
    void refusesAStringWhereTheApiWantsAnInteger() throws IOException {
        List<String> p = problems("""
                apiVersion: v1
                kind: Service
                metadata: { name: pavu-planner }
                spec:
                  ports: [ { name: http, port: "8081" } ]
                """);
        assertTrue(p.size() == 1 && p.get(0).contains("does not match the Kubernetes model"), p.toString());
    }

    @Test
    void refusesUnknownKindsAndBadNames() throws IOException {
        assertTrue(problems("apiVersion: v1\nkind: Pod\nmetadata: { name: x }\n").get(0).contains("not a kind"));
        assertTrue(problems("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: Pavu_Env }\n").get(0)
                .contains("DNS-1123"));
    }

    @Test
    void validatesTheScaledObjectAgainstKedasSchema() throws IOException {
        String ok = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: { name: pavu-verifier }
                spec:
                  scaleTargetRef: { name: pavu-verifier }
                  maxReplicaCount: 8
                  triggers: [ { type: kafka, metadata: { topic: pavu.diffs, lagThreshold: "4" } } ]
                """;
        assertEquals(List.of(), problems(ok));
        assertTrue(!problems(ok.replace("maxReplicaCount: 8", "maxReplicas: 8")).isEmpty(), "unknown spec field");
        assertTrue(!problems(ok.replace("lagThreshold: \"4\"", "lagThreshold: 4")).isEmpty(), "metadata values are strings");
    }
}
