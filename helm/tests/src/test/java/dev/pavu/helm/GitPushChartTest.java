package dev.pavu.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Result-branch credentials in the chart ({@code gitPush}): an existing Secret mounted read-only into the planner
 * only, the credentials' names, users and teams rendered as the planner's {@code pavu.git.*} settings, nothing when
 * none is configured.
 */
class GitPushChartTest {

    @Test
    void theSecretIsMountedIntoThePlannerOnlyAndTheCredentialsAreRenderedAsSettings() throws IOException {
        ChartTest.Rendered r = ChartTest.render("git-push.yaml");
        String props = r.named(ConfigMap.class, "pavu-planner-git").getData().get("git.properties");
        assertEquals("""
                pavu.git.branch-prefix=pavu/
                pavu.git.author.name=Pavu
                pavu.git.author.email=pavu@pavu.dev
                pavu.git.credentials."github-bot".username=x-access-token
                pavu.git.credentials."github-bot".password-file=/etc/pavu/git/secret/github-token
                pavu.git.credentials."github-bot".teams=acme,default
                pavu.git.credentials."gitlab-bot".username=oauth2
                pavu.git.credentials."gitlab-bot".password-file=/etc/pavu/git/secret/gitlab-bot
                pavu.git.credentials."gitlab-bot".teams=beta
                """, props);

        PodSpec planner = r.named(Deployment.class, "pavu-planner").getSpec().getTemplate().getSpec();
        Volume secret = planner.getVolumes().stream().filter(v -> v.getName().equals("git-push-secret")).findFirst().orElseThrow();
        assertEquals("pavu-git-credentials", secret.getSecret().getSecretName());
        assertEquals(0440, secret.getSecret().getDefaultMode());
        Container c = planner.getContainers().get(0);
        VolumeMount mount = c.getVolumeMounts().stream().filter(m -> m.getName().equals("git-push-secret")).findFirst().orElseThrow();
        assertEquals("/etc/pavu/git/secret", mount.getMountPath());
        assertTrue(mount.getReadOnly());
        assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals("QUARKUS_CONFIG_LOCATIONS")
                && e.getValue().equals("/etc/pavu/git/config/git.properties")));
        assertTrue(c.getEnv().stream().map(EnvVar::getValueFrom).filter(java.util.Objects::nonNull)
                .noneMatch(v -> v.getSecretKeyRef() != null && "pavu-git-credentials".equals(v.getSecretKeyRef().getName())),
                "the secrets are files, never environment variables");

        for (String other : List.of("actuator", "verifier", "updater", "gateway")) {
            PodSpec spec = r.named(Deployment.class, "pavu-" + other).getSpec().getTemplate().getSpec();
            assertTrue(spec.getVolumes().stream().noneMatch(v -> v.getName().startsWith("git-push")), other);
        }
    }

    @Test
    void withoutCredentialsNothingIsRenderedAndCredentialsNeedASecretAndTeams() throws IOException {
        ChartTest.Rendered r = ChartTest.render("defaults.yaml");
        assertTrue(r.all(ConfigMap.class).stream().noneMatch(m -> m.getMetadata().getName().endsWith("-planner-git")));
        PodSpec planner = r.named(Deployment.class, "pavu-planner").getSpec().getTemplate().getSpec();
        assertFalse(planner.getContainers().get(0).getEnv().stream().anyMatch(e -> e.getName().equals("QUARKUS_CONFIG_LOCATIONS")));

        Exception noSecret = assertThrows(Exception.class, () -> new Helm(ChartTest.renderable()).template().withName("pavu")
                .withValuesFile(ChartTest.CHART.resolve("ci/git-push.yaml")).set("gitPush.existingSecret", "").call());
        assertTrue(noSecret.getMessage().contains("gitPush.existingSecret is required with gitPush.credentials"),
                noSecret.getMessage());
        Exception noTeams = assertThrows(Exception.class, () -> new Helm(ChartTest.renderable()).template().withName("pavu")
                .withValuesFile(ChartTest.CHART.resolve("ci/git-push.yaml")).set("gitPush.credentials.gitlab-bot.teams", "null")
                .call());
        assertTrue(noTeams.getMessage().contains("gitPush.credentials.gitlab-bot.teams is required"), noTeams.getMessage());
    }
}
