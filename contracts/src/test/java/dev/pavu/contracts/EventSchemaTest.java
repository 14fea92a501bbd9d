package dev.pavu.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JSON Schemas in {@code src/main/resources/schemas} describe exactly what {@link EventCodec} writes and reads:
 * one file per event type, every record component a property, every primitive or null-checked component required,
 * every optional one really optional, every object open to unknown properties.
 */
class EventSchemaTest {

    static final String BASE = "https://pavu.dev/schemas/";
    static final String COMMON = "common.v1.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> FILES = new ConcurrentHashMap<>();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix(BASE, "classpath:schemas/"))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    /** {@code pavu.job.submitted.v1} → {@code job-submitted.v1.schema.json} */
    static String schemaFile(String type) {
        String[] parts = type.split("\\.");
        return String.join("-", Arrays.copyOfRange(parts, 1, parts.length - 1)) + "." + parts[parts.length - 1] + ".schema.json";
    }

    static String typeOf(Class<? extends PavuEvent> cls) {
        return EventTypes.BY_NAME.entrySet().stream().filter(e -> e.getValue() == cls).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no type name for " + cls)) + ".v" + EventTypes.MAJOR;
    }

    static JsonNode file(String name) {
        return FILES.computeIfAbsent(name, n -> {
            try (InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/" + n)) {
                assertNotNull(in, "schema file schemas/" + n + " is missing");
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static Schema schemaOf(PavuEvent event) {
        return REGISTRY.getSchema(SchemaLocation.of(BASE + schemaFile(event.envelope().type())));
    }

    static List<String> errors(PavuEvent event, JsonNode instance) {
        return schemaOf(event).validate(instance).stream().map(Error::toString).toList();
    }

    static JsonNode tree(PavuEvent event) {
        try {
            return JSON.readTree(EventCodec.write(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<PavuEvent> events() {
        return SampleEvents.all();
    }

    static Set<String> schemaFilesOnDisk() throws IOException, URISyntaxException {
        Path dir = Path.of(EventSchemaTest.class.getResource("/schemas/" + COMMON).toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    // ------------------------------------------------------------ files

    @Test
    void everyEventRecordHasASchemaFileAndEveryFileAnEventRecord() throws Exception {
        Set<String> expected = new TreeSet<>();
        expected.add(COMMON);
        for (Class<?> cls : PavuEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked") String type = typeOf((Class<? extends PavuEvent>) cls);
            expected.add(schemaFile(type));
            JsonNode schema = file(schemaFile(type));
            assertEquals(BASE + schemaFile(type), schema.path("$id").asText(), "$id of " + schemaFile(type));
            assertEquals(type, schema.at("/properties/envelope/properties/type/const").asText(),
                    schemaFile(type) + " fixes envelope.type");
            assertTrue(schema.path("title").asText().startsWith(cls.getSimpleName() + " "), "title names " + cls.getSimpleName());
        }
        assertEquals(expected, schemaFilesOnDisk());
    }

    @Test
    void theTypeConstantsAndTheRegistryAgree() throws Exception {
        Set<String> constants = new TreeSet<>();
        for (var f : EventTypes.class.getFields()) {
            if (f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        Set<String> registered = EventTypes.BY_NAME.keySet().stream().map(n -> n + ".v" + EventTypes.MAJOR)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(constants, registered);
        assertEquals(Set.of(PavuEvent.class.getPermittedSubclasses()), Set.copyOf(EventTypes.BY_NAME.values()));
        assertEquals("job-submitted.v1.schema.json", schemaFile(EventTypes.JOB_SUBMITTED));
        assertEquals("candidates-proposed.v1.schema.json", schemaFile(EventTypes.CANDIDATES_PROPOSED));
    }

    @Test
    void everySchemaFileIsAValidDraft202012Schema() throws Exception {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        for (String name : schemaFilesOnDisk()) {
            JsonNode schema = file(name);
            assertEquals(SpecificationVersion.DRAFT_2020_12.getDialectId(), schema.path("$schema").asText(), name);
            assertEquals(List.of(), meta.validate(schema).stream().map(Error::toString).toList(), name);
        }
    }

    @Test
    void everyObjectSchemaIsOpenToUnknownProperties() throws Exception {
        for (String name : schemaFilesOnDisk()) {
            List<String> closed = new ArrayList<>();
            walkSchema(file(name), "", (path, node) -> {
                if (node.has("properties") && !node.path("additionalProperties").asBoolean(false)
                        && !path.endsWith("/properties/envelope")) {
                    closed.add(path);
                }
            });
            assertEquals(List.of(), closed, name + ": objects without additionalProperties: true");
        }
    }

    // ------------------------------------------------------------ written events validate

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everyWrittenEventValidatesAgainstItsSchema(PavuEvent event) {
        assertEquals(List.of(), errors(event, tree(event)));
    }

    @Test
    void eventsWrittenWithDefaultsAndNullsValidate() {
        List<PavuEvent> sparse = List.of(
                new JobSubmitted(Envelope.of(EventTypes.JOB_SUBMITTED, UUID.randomUUID(), 0, null, "planner-service"),
                        new SourceRef(null, null, null, null, null), new TaskSpec(null, null, null, null, null), null),
                new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, UUID.randomUUID(), 0, UUID.randomUUID(), "planner-service"),
                        UUID.randomUUID(), PlanKind.BASELINE, SampleEvents.RESOLVED_SOURCE, null, null, null, 1,
                        new VerifySpec(null, 1, null, false), null, new Decision(null, null, null)),
                new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, UUID.randomUUID(), 0, UUID.randomUUID(), "actuator-service"),
                        UUID.randomUUID(), UUID.randomUUID(), SampleEvents.RESOLVED_SOURCE, null, null, null, null, 0.0, 0,
                        new VerifySpec(null, 1, null, false)),
                new CandidatesProposed(Envelope.of(EventTypes.CANDIDATES_PROPOSED, UUID.randomUUID(), 0, null, "actuator-service"),
                        UUID.randomUUID(), 0, 0, null, null),
                new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, UUID.randomUUID(), 0, null, "verifier-service"),
                        UUID.randomUUID(), UUID.randomUUID(), Verdict.ERROR, null,
                        List.of(new GateResult(null, null, 0, null)), List.of(new TestFailure(null, null, null, null, null, null)),
                        0, 0, 0, null, null, null, null, List.of(new TestCoverage(null, true, null))),
                new JobConcluded(Envelope.of(EventTypes.JOB_CONCLUDED, UUID.randomUUID(), 0, null, "planner-service"),
                        Outcome.FAILED, null, null, null, 0, 0),
                new JobCancelled(Envelope.of(EventTypes.JOB_CANCELLED, UUID.randomUUID(), 0, null, "planner-service"), null),
                new JobExpired(Envelope.of(EventTypes.JOB_EXPIRED, UUID.randomUUID(), 0, null, "planner-service"), "t", null,
                        null, null, false, null),
                new ResultBranchDelivered(Envelope.of(EventTypes.RESULT_BRANCH_DELIVERED, UUID.randomUUID(), 0, null,
                        "planner-service"), null, "b", "SKIPPED", null, null));
        for (PavuEvent event : sparse) {
            assertEquals(List.of(), errors(event, tree(event)), event.envelope().type());
        }
    }

    @Test
    void theSchemasRefuseWhatTheyShould() {
        PavuEvent verdict = SampleEvents.verdictIssued();
        ObjectNode noCandidate = (ObjectNode) tree(verdict);
        noCandidate.remove("candidateId");
        assertFalse(errors(verdict, noCandidate).isEmpty(), "candidateId is required");

        ObjectNode otherType = (ObjectNode) tree(verdict);
        ((ObjectNode) otherType.get("envelope")).put("type", EventTypes.DIFF_PROPOSED);
        assertFalse(errors(verdict, otherType).isEmpty(), "envelope.type is fixed per schema");

        ObjectNode badEnum = (ObjectNode) tree(verdict);
        badEnum.put("verdict", "MAYBE");
        assertFalse(errors(verdict, badEnum).isEmpty(), "verdict is an enum");

        ObjectNode badTime = (ObjectNode) tree(verdict);
        ((ObjectNode) badTime.get("envelope")).put("occurredAt", "yesterday");
        assertFalse(errors(verdict, badTime).isEmpty(), "occurredAt is a date-time");

        ObjectNode badUuid = (ObjectNode) tree(verdict);
        badUuid.put("planId", "plan-1");
        assertFalse(errors(verdict, badUuid).isEmpty(), "planId is a UUID");

        ObjectNode negative = (ObjectNode) tree(verdict);
        ((ObjectNode) negative.get("envelope")).put("iteration", -1);
        assertFalse(errors(verdict, negative).isEmpty(), "iteration >= 0");

        ObjectNode extra = (ObjectNode) tree(verdict);
        extra.put("addedInV1_3", "fine");
        ((ObjectNode) extra.get("envelope")).put("tenant", "acme");
        ((ObjectNode) extra.get("gates").get(0)).put("exitCode", 1);
        assertEquals(List.of(), errors(verdict, extra), "unknown properties are allowed");
    }

    // ------------------------------------------------------------ schemas match the records

    @Test
    void everyRecordComponentIsAPropertyAndEveryPropertyAComponent() {
        for (Class<?> cls : PavuEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked") String file = schemaFile(typeOf((Class<? extends PavuEvent>) cls));
            matchRecord(cls, file(file), file, cls.getSimpleName(), new TreeSet<>());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void writtenPropertiesAreExactlyTheSchemaProperties(PavuEvent event) {
        String file = schemaFile(event.envelope().type());
        walkInstance(file(file), file, tree(event), new ArrayList<>(), (path, schema, instance) -> {
            if (instance.isObject() && schema.node().has("properties")) {
                assertEquals(names(schema.node().get("properties")), names(instance), "properties at " + path);
            }
        });
    }

    /**
     * For every property of every (nested) object: removing a required one is refused by the reader, removing an
     * optional one is not; null is accepted by the reader wherever the schema allows null, and refused for
     * required non-null values. So "required" and nullability in the schemas are what the code enforces.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void requiredAndNullableMatchTheReader(PavuEvent event) {
        String file = schemaFile(event.envelope().type());
        JsonNode written = tree(event);
        List<String> checked = new ArrayList<>();
        walkInstance(file(file), file, written, new ArrayList<>(), (path, schema, instance) -> {
            if (!instance.isObject() || !schema.node().has("properties")) {
                return;
            }
            Set<String> required = names(schema.node().path("required"));
            for (var prop : schema.node().get("properties").properties()) {
                String name = prop.getKey();
                String where = path.isEmpty() ? name : path + "." + name;
                boolean nullable = allowsNull(prop.getValue(), schema.file());
                JsonNode removed = changed(written, path, o -> o.remove(name));
                JsonNode nulled = changed(written, path, o -> o.putNull(name));
                if (required.contains(name)) {
                    EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.read(removed.toString()),
                            where + " is required by the schema, so the reader must refuse an event without it");
                    assertTrue(e.getMessage().contains(name), () -> "'" + e.getMessage() + "' should name " + where);
                    assertFalse(errors(event, removed).isEmpty(), "schema refuses an event without " + where);
                } else {
                    assertDoesNotThrow(() -> EventCodec.read(removed.toString()), where + " is optional in the schema");
                }
                if (nullable) {
                    assertDoesNotThrow(() -> EventCodec.read(nulled.toString()), where + " may be null in the schema");
                    assertEquals(List.of(), errors(event, nulled), where + " = null");
                } else if (required.contains(name)) {
                    assertThrows(EventFormatException.class, () -> EventCodec.read(nulled.toString()),
                            where + " is a required non-null value");
                }
                checked.add(where);
            }
        });
        assertTrue(checked.contains("envelope.eventId"), checked::toString);
    }

    // ------------------------------------------------------------ helpers

    record Resolved(JsonNode node, String file) {
    }

    interface InstanceVisitor {
        void visit(String path, Resolved schema, JsonNode instance);
    }

    interface SchemaVisitor {
        void visit(String pointer, JsonNode node);
    }

    /** Follows {@code $ref} (same file or another file of the folder) and picks the non-null branch of a nullable {@code anyOf}. */
    static Resolved resolve(JsonNode schema, String file) {
        for (int hops = 0; hops < 20; hops++) {
            if (schema.has("$ref")) {
                String ref = schema.get("$ref").asText();
                int hash = ref.indexOf('#');
                String target = hash == 0 ? file : hash < 0 ? ref : ref.substring(0, hash);
                String pointer = hash < 0 ? "" : ref.substring(hash + 1);
                JsonNode next = file(target).at(pointer);
                assertFalse(next.isMissingNode(), "unresolved $ref " + ref + " in " + file);
                schema = next;
                file = target;
            } else if (schema.has("anyOf")) {
                List<JsonNode> branches = new ArrayList<>();
                schema.get("anyOf").forEach(b -> {
                    if (!"null".equals(b.path("type").asText())) {
                        branches.add(b);
                    }
                });
                assertEquals(1, branches.size(), "anyOf is only used for nullable values: " + schema);
                schema = branches.get(0);
            } else {
                return new Resolved(schema, file);
            }
        }
        throw new AssertionError("$ref loop at " + schema);
    }

    static boolean allowsNull(JsonNode schema, String file) {
        if (schema.path("type").isArray()) {
            for (JsonNode t : schema.get("type")) {
                if ("null".equals(t.asText())) {
                    return true;
                }
            }
        }
        if (schema.has("anyOf")) {
            for (JsonNode b : schema.get("anyOf")) {
                if ("null".equals(b.path("type").asText())) {
                    return true;
                }
            }
        }
        return schema.has("$ref") && allowsNull(resolve(schema, file).node(), file);
    }

    static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    static void walkSchema(JsonNode node, String pointer, SchemaVisitor visitor) {
        if (node.isObject()) {
            visitor.visit(pointer, node);
            node.properties().forEach(e -> walkSchema(e.getValue(), pointer + "/" + e.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walkSchema(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }

    /** Walks an instance with its schema: object properties by name, arrays through their first element. */
    static void walkInstance(JsonNode schema, String file, JsonNode instance, List<Object> path, InstanceVisitor visitor) {
        Resolved r = resolve(schema, file);
        visitor.visit(dotted(path), r, instance);
        if (instance.isObject() && r.node().has("properties")) {
            r.node().get("properties").properties().forEach(p -> {
                if (instance.hasNonNull(p.getKey())) {
                    List<Object> sub = new ArrayList<>(path);
                    sub.add(p.getKey());
                    walkInstance(p.getValue(), r.file(), instance.get(p.getKey()), sub, visitor);
                }
            });
        } else if (instance.isArray() && r.node().has("items") && !instance.isEmpty()) {
            List<Object> sub = new ArrayList<>(path);
            sub.add(0);
            walkInstance(r.node().get("items"), r.file(), instance.get(0), sub, visitor);
        }
    }

    static String dotted(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(p);
            }
        }
        return sb.toString();
    }

    /** A copy of {@code root} with the object at {@code dottedPath} changed. */
    static JsonNode changed(JsonNode root, String dottedPath, java.util.function.Consumer<ObjectNode> change) {
        JsonNode copy = root.deepCopy();
        JsonNode at = copy;
        if (!dottedPath.isEmpty()) {
            for (String step : dottedPath.replace("[", ".[").split("\\.")) {
                at = step.startsWith("[") ? at.get(Integer.parseInt(step.substring(1, step.length() - 1))) : at.get(step);
            }
        }
        change.accept((ObjectNode) at);
        return copy;
    }

    static void matchRecord(Class<?> cls, JsonNode schema, String file, String where, Set<String> seen) {
        Resolved r = resolve(schema, file);
        JsonNode props = r.node().path("properties");
        Set<String> components = Arrays.stream(cls.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(components, names(props), where + " (" + cls.getSimpleName() + "): record components vs schema properties");
        if (!seen.add(cls.getName() + "@" + where)) {
            return;
        }
        Set<String> required = names(r.node().path("required"));
        for (RecordComponent c : cls.getRecordComponents()) {
            String at = where + "." + c.getName();
            JsonNode prop = props.get(c.getName());
            Class<?> t = c.getType();
            if (t.isPrimitive()) {
                assertTrue(required.contains(c.getName()), at + " is a primitive: a missing value is refused, so it is required");
                assertFalse(allowsNull(prop, r.file()), at + " is a primitive: never null");
            }
            matchType(c.getGenericType(), prop, r.file(), at, seen);
        }
    }

    static void matchType(Type type, JsonNode prop, String file, String at, Set<String> seen) {
        Resolved r = resolve(prop, file);
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isRecord()) {
            assertEquals("object", r.node().path("type").asText(), at);
            matchRecord(raw, prop, file, at, seen);
        } else if (raw.isEnum()) {
            List<String> constants = Arrays.stream(raw.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
            List<String> listed = new ArrayList<>();
            r.node().path("enum").forEach(v -> listed.add(v.asText()));
            assertEquals(constants, listed, at + ": enum " + raw.getSimpleName() + " vs the schema's enum");
        } else if (List.class.isAssignableFrom(raw)) {
            assertEquals("array", r.node().path("type").asText(), at);
            matchType(((ParameterizedType) type).getActualTypeArguments()[0], r.node().get("items"), r.file(), at + "[]", seen);
        } else if (Map.class.isAssignableFrom(raw)) {
            assertEquals("object", r.node().path("type").asText(), at);
            matchType(((ParameterizedType) type).getActualTypeArguments()[1], r.node().get("additionalProperties"), r.file(),
                    at + "{}", seen);
        } else {
            String expected = switch (raw.getName()) {
                case "java.lang.String", "java.util.UUID", "java.time.Instant" -> "string";
                case "int", "long", "java.lang.Integer", "java.lang.Long" -> "integer";
                case "double", "java.lang.Double" -> "number";
                case "boolean", "java.lang.Boolean" -> "boolean";
                default -> fail(at + ": no JSON type known for " + raw);
            };
            JsonNode t = r.node().path("type");
            assertTrue(t.isArray() ? names(t).contains(expected) : t.asText().equals(expected),
                    at + " should be a JSON " + expected + " but the schema says " + r.node());
            if (raw == UUID.class) {
                assertEquals("uuid", r.node().path("format").asText(), at + " is a UUID");
            }
            if (raw == Instant.class) {
                assertEquals("date-time", r.node().path("format").asText(), at + " is a timestamp");
            }
        }
    }

}
