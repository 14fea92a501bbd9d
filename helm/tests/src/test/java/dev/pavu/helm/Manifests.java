package dev.pavu.helm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses {@code helm template} output and validates each manifest strictly.
 *
 * <p>No Kubernetes JSON schema ships in any artifact reachable here (fabric8's model jars carry none), so built-in
 * kinds are validated by deserialising each manifest into its fabric8 kubernetes-model class with scalar coercion
 * off (a string where the API wants an integer fails) and then walking the object tree: any field the model does
 * not know (fabric8 keeps those in {@code additionalProperties}) is an error with its path. The KEDA
 * {@code ScaledObject}, a CRD outside the model, is validated with networknt json-schema-validator against
 * {@code keda-scaledobject.schema.json} (a closed subset of KEDA's CRD schema). Unknown kinds are errors.
 */
final class Manifests {

    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** apiVersion/kind of every built-in kind the chart may render, and its model class. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    private static final Pattern DNS_1123 = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Schema SCALED_OBJECT = loadSchema("/keda-scaledobject.schema.json");

    private Manifests() {
    }

    /**
     * Splits rendered YAML into its documents (empty documents, e.g. a template that rendered nothing, skipped).
     *
     * @param rendered the output of {@code helm template}
     * @return one map per manifest, in order
     * @throws IOException when the output is not YAML
     */
    static List<Map<String, Object>> parse(String rendered) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (var it = YAML.readerFor(Map.class).<Map<String, Object>>readValues(rendered)) {
            while (it.hasNext()) {
                Map<String, Object> doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /**
     * Validates one manifest.
     *
     * @param doc the manifest as parsed YAML
     * @return the problems found (empty when valid), each naming the object and the path
     */
    static List<String> validate(Map<String, Object> doc) {
        List<String> problems = new ArrayList<>();
        String id = doc.get("apiVersion") + "/" + doc.get("kind");
        Object meta = doc.get("metadata");
        String name = meta instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : null;
        String where = id + " " + name;
        if (name == null || name.length() > 253 || !DNS_1123.matcher(name).matches()) {
            problems.add(where + ": metadata.name is not a DNS-1123 name");
        }
        if ("keda.sh/v1alpha1/ScaledObject".equals(id)) {
            try {
                String json = STRICT.writeValueAsString(doc);
                for (Error error : SCALED_OBJECT.validate(json, InputFormat.JSON)) {
                    problems.add(where + ": " + error);
                }
            } catch (IOException e) {
                problems.add(where + ": " + e.getMessage());
            }
            return problems;
        }
        Class<? extends HasMetadata> type = KINDS.get(id);
        if (type == null) {
            problems.add(where + ": not a kind this chart should render (or a wrong apiVersion)");
            return problems;
        }
        try {
            HasMetadata object = STRICT.convertValue(doc, type);
            unknownFields(object, where, new IdentityHashMap<>(), problems);
            for (Map.Entry<String, String> label : object.getMetadata().getLabels().entrySet()) {
                if (label.getValue().length() > 63) {
                    problems.add(where + ": label " + label.getKey() + " is longer than 63 characters");
                }
            }
        } catch (IllegalArgumentException e) {
            problems.add(where + ": does not match the Kubernetes model: " + e.getMessage());
        }
        return problems;
    }

    /** Every fabric8 model object in the tree with a non-empty {@code additionalProperties} is an unknown field. */
    private static void unknownFields(Object node, String path, IdentityHashMap<Object, Boolean> seen,
            List<String> problems) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", seen, problems);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), seen, problems);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Class<?> c = node.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object value;
                try {
                    value = field.get(node);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if ("additionalProperties".equals(field.getName())) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(path + ": unknown field(s) " + extra.keySet());
                    }
                } else if (!Set.of("String", "Integer", "Long", "Boolean").contains(field.getType().getSimpleName())) {
                    unknownFields(value, path + "." + field.getName(), seen, problems);
                }
            }
        }
    }

    private static Schema loadSchema(String resource) {
        try (InputStream in = Manifests.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
