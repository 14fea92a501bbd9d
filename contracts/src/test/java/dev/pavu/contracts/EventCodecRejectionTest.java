package dev.pavu.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever arrives on a topic, a reader gets either a whole event or an {@link EventFormatException} naming the fault. */
class EventCodecRejectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String verdictJson(Consumer<ObjectNode> change) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(EventCodec.write(SampleEvents.verdictIssued()));
            change.accept(tree);
            return tree.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String refused(String json, String... expectedInMessage) {
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.read(json));
        for (String expected : expectedInMessage) {
            assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' should mention '" + expected + "'");
        }
        return e.getMessage();
    }

    @Test
    void unknownMajorVersionIsRefusedNamingTheVersion() {
        String json = verdictJson(t -> ((ObjectNode) t.get("envelope")).put("type", "pavu.verdict.issued.v2"));
        refused(json, "v2", "pavu.verdict.issued", "v1");
    }

    @Test
    void versionZeroAndHugeVersionsAreRefusedAsVersions() {
        refused(verdictJson(t -> ((ObjectNode) t.get("envelope")).put("type", "pavu.verdict.issued.v0")), "major version v0");
        refused(verdictJson(t -> ((ObjectNode) t.get("envelope")).put("type", "pavu.verdict.issued.v99999999999")),
                "major version v99999999999");
    }

    @Test
    void unknownTypeIsRefusedNamingItAndTheKnownOnes() {
        refused(verdictJson(t -> ((ObjectNode) t.get("envelope")).put("type", "pavu.verdict.appealed.v1")),
                "unknown event type 'pavu.verdict.appealed.v1'", "pavu.verdict.issued");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VerdictIssued", "pavu.verdict.issued", "pavu.Verdict.Issued.v1", "verdict.issued.v1", "pavu.verdict.issued.v1.1"})
    void malformedTypeIsRefused(String type) {
        refused(verdictJson(t -> ((ObjectNode) t.get("envelope")).put("type", type)), "malformed event type '" + type + "'");
    }

    @Test
    void notJsonIsRefused() {
        refused("this is not json", "not JSON");
        refused("{\"envelope\": {\"type\": \"pavu.job.cancelled.v1\"", "not JSON");
        refused("<event/>", "not JSON");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n"})
    void emptyRecordIsRefused(String json) {
        refused(json, "empty record");
    }

    @Test
    void tombstoneIsRefused() {
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.read((byte[]) null));
        assertTrue(e.getMessage().contains("tombstone"));
    }

    @Test
    void jsonThatIsNoObjectIsRefused() {
        refused("[1, 2, 3]", "expected a JSON object", "ARRAY");
        refused("\"pavu.job.cancelled.v1\"", "expected a JSON object");
        refused("null", "expected a JSON object");
        refused("42", "expected a JSON object");
    }

    @Test
    void missingEnvelopeIsRefused() {
        refused(verdictJson(t -> t.remove("envelope")), "missing envelope.type");
        refused(verdictJson(t -> t.put("envelope", "pavu.verdict.issued.v1")), "missing envelope.type");
        refused(verdictJson(t -> ((ObjectNode) t.get("envelope")).remove("type")), "missing envelope.type");
        refused(verdictJson(t -> ((ObjectNode) t.get("envelope")).put("type", 7)), "missing envelope.type");
    }

    @Test
    void missingEnvelopeFieldIsRefused() {
        refused(verdictJson(t -> ((ObjectNode) t.get("envelope")).remove("eventId")), "envelope.eventId is required");
        refused(verdictJson(t -> ((ObjectNode) t.get("envelope")).remove("jobId")), "envelope.jobId is required");
        refused(verdictJson(t -> ((ObjectNode) t.get("envelope")).remove("iteration")), "envelope.iteration");
        refused(verdictJson(t -> ((ObjectNode) t.get("envelope")).put("iteration", -1)), "envelope.iteration must be >= 0");
    }

    @Test
    void verdictWithoutCandidateIdIsRefused() {
        String message = refused(verdictJson(t -> t.remove("candidateId")), "pavu.verdict.issued.v1", "candidateId is required");
        assertTrue(message.startsWith("invalid "), message);
        refused(verdictJson(t -> t.putNull("candidateId")), "candidateId is required");
    }

    @Test
    void missingPrimitiveIsRefusedNeverReadAsZero() {
        refused(verdictJson(t -> t.remove("testsRun")), "testsRun");
        refused(verdictJson(t -> t.putNull("durationMs")), "durationMs");
        refused(verdictJson(t -> ((ObjectNode) t.get("gates").get(1)).remove("durationMs")), "gates[1].durationMs");
    }

    @Test
    void wrongShapesAreRefusedWithThePath() {
        refused(verdictJson(t -> t.put("verdict", "MAYBE")), "verdict", "MAYBE");
        refused(verdictJson(t -> t.put("candidateId", "not-a-uuid")), "candidateId");
        refused(verdictJson(t -> t.put("testsRun", 2.5)), "testsRun");
        refused(verdictJson(t -> t.put("gates", "static,tests")), "gates");
        refused(verdictJson(t -> ((ObjectNode) t.get("envelope")).put("occurredAt", "yesterday")), "envelope.occurredAt");
    }

    @Test
    void invalidValuesRefusedByTheRecordsAreFormatErrors() {
        String plan = EventCodec.write(SampleEvents.planProposed()).replace("\"timeoutMs\":60000", "\"timeoutMs\":0");
        refused(plan, "verify.timeoutMs must be positive");
        String job = EventCodec.write(SampleEvents.jobSubmitted()).replace("\"maxIterations\":3", "\"maxIterations\":0");
        refused(job, "budget values must be positive");
    }

    @Test
    void trailingContentAndDuplicateKeysAreRefused() {
        String json = EventCodec.write(SampleEvents.jobCancelled());
        refused(json + json, "not JSON");
        refused(json + " garbage", "not JSON");
        refused(json.replace("{\"envelope\"", "{\"reason\":\"first\",\"envelope\""), "not JSON", "reason");
    }

    @Test
    void readingAsTheWrongClassIsRefused() {
        String json = EventCodec.write(SampleEvents.verdictIssued());
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.read(json, DiffProposed.class));
        assertEquals("expected DiffProposed but got pavu.verdict.issued.v1", e.getMessage());
    }
}
