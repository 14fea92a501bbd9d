package dev.pavu.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart {@code helm/pavu} through Helm's own engine (helm-java: Helm's Go code, no {@code helm} binary):
 * {@code helm lint --strict} and {@code helm template} for every values file in {@code helm/pavu/ci}, every
 * manifest validated strictly ({@link Manifests}), and what the chart promises asserted on the rendered objects:
 * a default-deny NetworkPolicy per Deployment, PodDisruptionBudgets, no anonymous API, per-service credentials,
 * the Jib-built image names, the verifier on KEDA instead of the HPA, the Ingress with TLS.
 */
class ChartTest {

    static final Path CHART = Path.of(System.getProperty("pavu.chart.dir", "../pavu")).toAbsolutePath().normalize();
    static final Map<String, String> IMAGES = Map.of("planner", "planner-service", "actuator", "actuator-service",
            "verifier", "verifier-service", "updater", "updater-service", "gateway", "model-gateway");

    static Stream<String> valuesFiles() throws IOException {
        try (Stream<Path> files = Files.list(CHART.resolve("ci"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .sorted().toList();
            assertTrue(names.size() >= 5, "the values matrix in helm/pavu/ci: " + names);
            return names.stream();
        }
    }

    /** Helm's linter (strict: warnings fail too) on the chart with the values file merged into its values.yaml. */
    @ParameterizedTest
    @MethodSource("valuesFiles")
    void lintsStrictly(String valuesFile, @TempDir Path tmp) throws IOException {
        Path chart = copyWithValues(tmp, CHART.resolve("ci").resolve(valuesFile));
        LintResult result = new Helm(chart).lint().strict().call();
        assertFalse(result.isFailed(), valuesFile + ": " + String.join("\n", result.getMessages()));
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void rendersValidManifests(String valuesFile) throws IOException {
        Rendered r = render(valuesFile);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> doc : r.docs) {
            problems.addAll(Manifests.validate(doc));
        }
        assertEquals(List.of(), problems, valuesFile);
        Set<String> names = new HashSet<>();
        for (Map<String, Object> doc : r.docs) {
            assertTrue(names.add(doc.get("kind") + "/" + ((Map<?, ?>) doc.get("metadata")).get("name")),
                    "duplicate object " + doc.get("kind"));
        }
        assertFalse(r.all(Deployment.class).isEmpty(), valuesFile + " renders no Deployment");
    }

    /** Every Deployment: its own default-deny NetworkPolicy (Ingress and Egress), with no rule open to everything. */
    @ParameterizedTest
    @MethodSource("valuesFiles")
    void everyDeploymentHasADefaultDenyNetworkPolicy(String valuesFile) throws IOException {
        Rendered r = render(valuesFile);
        for (Deployment d : r.all(Deployment.class)) {
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> policies = r.all(NetworkPolicy.class).stream()
                    .filter(np -> podLabels.entrySet().containsAll(
                            np.getSpec().getPodSelector().getMatchLabels().entrySet()))
                    .toList();
            assertEquals(1, policies.size(), d.getMetadata().getName() + " policies: " + policies.size());
            NetworkPolicy np = policies.get(0);
            assertEquals(List.of("Ingress", "Egress"), np.getSpec().getPolicyTypes(), np.getMetadata().getName());
            Objects.requireNonNullElse(np.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of()).forEach(rule -> assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(),
                    np.getMetadata().getName() + ": an ingress rule without `from` allows every source"));
            np.getSpec().getEgress().forEach(rule -> {
                assertFalse(rule.getTo() == null || rule.getTo().isEmpty(),
                        np.getMetadata().getName() + ": an egress rule without `to` allows every destination");
                assertFalse(rule.getPorts() == null || rule.getPorts().isEmpty(),
                        np.getMetadata().getName() + ": an egress rule without ports");
            });
        }
    }

    /** The verifier runs candidates' code: out only to DNS, Kafka, PostgreSQL and the planner (as before). */
    @Test
    void verifierEgressIsLimited() throws IOException {
        Rendered r = render("defaults.yaml");
        NetworkPolicy np = r.named(NetworkPolicy.class, "pavu-verifier");
        var egress = np.getSpec().getEgress();
        assertEquals(4, egress.size(), "DNS, Kafka, PostgreSQL, planner");
        List<String> podPeers = egress.stream().flatMap(e -> e.getTo().stream())
                .filter(p -> p.getNamespaceSelector() == null && p.getPodSelector() != null)
                .map(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/component")).toList();
        assertEquals(List.of("planner"), podPeers);
        assertTrue(egress.stream().flatMap(e -> e.getTo().stream()).allMatch(p -> p.getIpBlock() == null));
        // only the planner calls the verifier (the workers' admin API it serves to admins)
        List<String> verifierCallers = np.getSpec().getIngress().stream().flatMap(i -> i.getFrom().stream())
                .map(NetworkPolicyPeer::getPodSelector).filter(Objects::nonNull)
                .map(s -> s.getMatchLabels().get("app.kubernetes.io/component")).sorted().toList();
        assertEquals(List.of("planner"), verifierCallers);
        // the gateway is reached by the planner and the actuator only
        List<String> gatewayCallers = r.named(NetworkPolicy.class, "pavu-gateway").getSpec().getIngress().stream()
                .flatMap(i -> i.getFrom().stream()).map(NetworkPolicyPeer::getPodSelector).filter(Objects::nonNull)
                .map(s -> s.getMatchLabels().get("app.kubernetes.io/component")).sorted().toList();
        assertEquals(List.of("actuator", "planner"), gatewayCallers);
    }

    /** The updater fetches a job's bundle from the planner for the code graph: out to the planner, and let in there. */
    @Test
    void theUpdaterReachesThePlannersSources() throws IOException {
        Rendered r = render("defaults.yaml");
        List<String> updaterCallees = r.named(NetworkPolicy.class, "pavu-updater").getSpec().getEgress().stream()
                .flatMap(e -> e.getTo().stream()).filter(p -> p.getNamespaceSelector() == null && p.getPodSelector() != null)
                .map(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/component")).toList();
        assertEquals(List.of("planner"), updaterCallees);
        List<String> plannerCallers = r.named(NetworkPolicy.class, "pavu-planner").getSpec().getIngress().stream()
                .flatMap(i -> i.getFrom().stream()).map(NetworkPolicyPeer::getPodSelector).filter(Objects::nonNull)
                .map(s -> s.getMatchLabels().get("app.kubernetes.io/component")).filter(Objects::nonNull).sorted().toList();
        assertEquals(List.of("actuator", "updater", "verifier"), plannerCallers);
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void podDisruptionBudgetsCoverEveryService(String valuesFile) throws IOException {
        Rendered r = render(valuesFile);
        List<PodDisruptionBudget> pdbs = r.all(PodDisruptionBudget.class);
        if (valuesFile.equals("minimal.yaml")) {
            assertTrue(pdbs.isEmpty(), "minimal turns PDBs off");
            return;
        }
        for (Deployment d : r.all(Deployment.class)) {
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertEquals(1, pdbs.stream().filter(p -> podLabels.entrySet()
                    .containsAll(p.getSpec().getSelector().getMatchLabels().entrySet())).count(),
                    d.getMetadata().getName());
        }
    }

    /**
     * No anonymous API and every credential per service: PAVU_AUTH_ENABLED=true, a service token, each service's own
     * database user and password key (and Kafka user with SASL), all from the one Secret, whose keys exist.
     */
    @ParameterizedTest
    @MethodSource("valuesFiles")
    void credentialsArePerServiceAndNothingIsAnonymous(String valuesFile) throws IOException {
        Rendered r = render(valuesFile);
        ConfigMap env = r.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().endsWith("-env"))
                .findFirst().orElseThrow();
        assertEquals("true", env.getData().get("PAVU_AUTH_ENABLED"));
        boolean sasl = !valuesFile.equals("minimal.yaml");
        assertEquals(sasl ? "SASL_SSL" : null, env.getData().get("KAFKA_SECURITY_PROTOCOL"));
        List<Secret> secrets = r.all(Secret.class);
        String secretName = valuesFile.equals("existing-secret.yaml") ? "pavu-managed" : "pavu-credentials";
        assertEquals(valuesFile.equals("existing-secret.yaml") ? 0 : 1, secrets.size());
        Set<String> dbUsers = new HashSet<>();
        Set<String> dbKeys = new HashSet<>();
        Set<String> kafkaUsers = new HashSet<>();
        for (Deployment d : r.all(Deployment.class)) {
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, EnvVar> vars = new LinkedHashMap<>();
            c.getEnv().forEach(v -> vars.put(v.getName(), v));
            for (EnvVar v : c.getEnv()) {
                if (v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null) {
                    var ref = v.getValueFrom().getSecretKeyRef();
                    assertEquals(secretName, ref.getName(), v.getName());
                    if (!secrets.isEmpty() && !Boolean.TRUE.equals(ref.getOptional())) {
                        assertTrue(secrets.get(0).getData().containsKey(ref.getKey()), "missing key " + ref.getKey());
                    }
                }
            }
            assertNotNull(vars.get("PAVU_SERVICE_TOKEN").getValueFrom().getSecretKeyRef(), "service token");
            assertTrue(dbUsers.add(vars.get("PAVU_DB_USER").getValue()), "a database user shared by two services");
            assertTrue(dbKeys.add(vars.get("PAVU_DB_PASSWORD").getValueFrom().getSecretKeyRef().getKey()));
            if (sasl) {
                assertTrue(kafkaUsers.add(vars.get("PAVU_KAFKA_USER").getValue()), "a Kafka user shared");
                assertTrue(vars.get("KAFKA_SASL_JAAS_CONFIG").getValue().contains("password=\"$(PAVU_KAFKA_PASSWORD)\""));
                assertNotNull(vars.get("PAVU_KAFKA_PASSWORD").getValueFrom().getSecretKeyRef());
            } else {
                assertNull(vars.get("KAFKA_SASL_JAAS_CONFIG"));
            }
            assertFalse(c.getEnv().stream().anyMatch(v -> v.getName().contains("PASSWORD") && v.getValue() != null
                    && !v.getValue().isEmpty()), "a password in plain text");
        }
    }

    /** Images default to the names the Jib build writes; pods run as the image's non-root user. */
    @ParameterizedTest
    @MethodSource("valuesFiles")
    void imagesAndSecurityContext(String valuesFile) throws IOException {
        Rendered r = render(valuesFile);
        String prefix = valuesFile.equals("existing-secret.yaml") ? "registry.example.org/pavu/" : "pavu/";
        String tag = valuesFile.equals("existing-secret.yaml") ? ":0.1.0" : ":latest";
        for (Deployment d : r.all(Deployment.class)) {
            String component = d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/component");
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(prefix + IMAGES.get(component) + tag, c.getImage());
            var pod = d.getSpec().getTemplate().getSpec().getSecurityContext();
            assertEquals(185L, pod.getRunAsUser());
            assertTrue(pod.getRunAsNonRoot());
            assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
            assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
            Service svc = r.named(Service.class, d.getMetadata().getName());
            assertTrue(d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                    .containsAll(svc.getSpec().getSelector().entrySet()));
        }
    }

    @Test
    void kedaScalesTheVerifierOnLagInsteadOfTheHpa() throws IOException {
        Rendered r = render("keda.yaml");
        Map<String, Object> so = r.docs.stream().filter(d -> "ScaledObject".equals(d.get("kind"))).findFirst()
                .orElseThrow();
        Map<?, ?> spec = (Map<?, ?>) so.get("spec");
        assertEquals("pavu-verifier", ((Map<?, ?>) spec.get("scaleTargetRef")).get("name"));
        List<?> triggers = (List<?>) spec.get("triggers");
        Map<?, ?> kafka = (Map<?, ?>) triggers.get(0);
        assertEquals("kafka", kafka.get("type"));
        assertEquals("pavu.diffs", ((Map<?, ?>) kafka.get("metadata")).get("topic"));
        assertEquals("verifier-service", ((Map<?, ?>) kafka.get("metadata")).get("consumerGroup"));
        assertEquals("cpu", ((Map<?, ?>) triggers.get(1)).get("type"));
        List<String> hpas = r.all(HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getSpec().getScaleTargetRef().getName()).toList();
        assertEquals(List.of("pavu-gateway"), hpas, "the verifier has no HPA beside KEDA's");
        assertNull(r.named(Deployment.class, "pavu-verifier").getSpec().getReplicas());
        assertTrue(render("defaults.yaml").docs.stream().noneMatch(d -> "ScaledObject".equals(d.get("kind"))));
    }

    @Test
    void ingressWithTlsRoutesTheJobsApi() throws IOException {
        Rendered r = render("ingress-tls.yaml");
        Ingress ing = r.named(Ingress.class, "pavu");
        assertEquals("nginx", ing.getSpec().getIngressClassName());
        assertEquals(List.of("pavu.example.org"), ing.getSpec().getTls().get(0).getHosts());
        assertEquals("pavu-tls", ing.getSpec().getTls().get(0).getSecretName());
        var backend = ing.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService();
        assertEquals("pavu-planner", backend.getName());
        assertEquals("http", backend.getPort().getName());
        assertTrue(r.named(Service.class, "pavu-planner").getSpec().getPorts().stream()
                .anyMatch(p -> "http".equals(p.getName())));
        var plannerIngress = r.named(NetworkPolicy.class, "pavu-planner").getSpec().getIngress();
        assertTrue(plannerIngress.stream().flatMap(i -> i.getFrom().stream()).anyMatch(p ->
                p.getNamespaceSelector() != null && "ingress-nginx".equals(
                        p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))));
        assertTrue(render("defaults.yaml").all(Ingress.class).isEmpty());
    }

    /** What must not install: no credentials, an empty Kafka peer list (= allow all), an unknown protocol. */
    @Test
    void refusesUnsafeValues() {
        assertRefused(Map.of(), "secrets.values.service-token is required");
        assertRefused(Map.of("networkPolicy.kafka.to", "null"), "networkPolicy.kafka.to must name");
        assertRefused(Map.of("kafka.securityProtocol", "SSL"), "kafka.securityProtocol must be");
        assertRefused(Map.of("ingress.enabled", true, "networkPolicy.ingressController.from", "null"),
                "networkPolicy.ingressController.from must name");
    }

    private static void assertRefused(Map<String, Object> sets, String message) {
        Exception e = assertThrows(Exception.class, () -> {
            var template = new Helm(renderable()).template().withName("pavu");
            if (!sets.isEmpty()) {
                template.withValuesFile(CHART.resolve("ci/defaults.yaml"));
            }
            sets.forEach(template::set);
            template.call();
        });
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    record Rendered(List<Map<String, Object>> docs) {
        <T extends HasMetadata> List<T> all(Class<T> type) {
            String kind = type.getSimpleName();
            return docs.stream().filter(d -> kind.equals(d.get("kind")))
                    .map(d -> Manifests.STRICT.convertValue(d, type)).toList();
        }

        <T extends HasMetadata> T named(Class<T> type, String name) {
            return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
        }
    }

    /**
     * helm-java 0.0.15's {@code template} has no {@code --kube-version} and assumes Kubernetes 1.20, which the chart's
     * {@code kubeVersion: >=1.25.0-0} refuses; templates are rendered from a copy without that constraint (lint,
     * which checks it, runs on the real Chart.yaml).
     */
    static Path renderable() throws IOException {
        synchronized (ChartTest.class) {
            if (renderable == null) {
                Path tmp = Files.createTempDirectory("pavu-chart");
                Path copy = copyWithValues(tmp, null);
                Path chartYaml = copy.resolve("Chart.yaml");
                Files.writeString(chartYaml, Files.readString(chartYaml).replaceAll("(?m)^kubeVersion:.*$", ""));
                renderable = copy;
            }
            return renderable;
        }
    }

    private static Path renderable;

    static Rendered render(String valuesFile) throws IOException {
        String out = new Helm(renderable()).template().withName("pavu").withNamespace("pavu")
                .withValuesFile(CHART.resolve("ci").resolve(valuesFile)).call();
        return new Rendered(Manifests.parse(out));
    }

    /** A copy of the chart (values file null: as it is) whose values.yaml is the chart's values with the file's values merged over them. */
    static Path copyWithValues(Path tmp, Path valuesFile) throws IOException {
        Path copy = tmp.resolve("pavu");
        try (Stream<Path> walk = Files.walk(CHART)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copy.resolve(CHART.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        if (valuesFile == null) {
            return copy;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> base = Manifests.YAML.readValue(CHART.resolve("values.yaml").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> overlay = Manifests.YAML.readValue(valuesFile.toFile(), Map.class);
        Manifests.YAML.writeValue(copy.resolve("values.yaml").toFile(), merge(base, overlay));
        return copy;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        overlay.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m && out.get(k) instanceof Map<?, ?> b
                ? merge((Map<String, Object>) b, (Map<String, Object>) m) : v));
        return out;
    }
}
