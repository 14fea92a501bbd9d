package dev.pavu.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-job gate policy travels in {@link VerifySpec}: written, read back, and absent in older events. */
class GatePolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DiffProposed diffWith(VerifySpec verify) {
        return new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, UUID.randomUUID(), 1, UUID.randomUUID(), "actuator-service"),
                UUID.randomUUID(), UUID.randomUUID(), SampleEvents.RESOLVED_SOURCE, "--- a/x\n+++ b/x\n", "template", "flip",
                "flip a condition", 0.5, 1, verify);
    }

    @Test
    void aPolicyWithAProbeRoundTripsThroughTheCodec() throws Exception {
        GatePolicy policy = new GatePolicy(List.of("ruff", "mypy"), false,
                new ProbeSpec("python3 app.py", "http://127.0.0.1:8080/health", "python3 smoke.py", 15_000));
        DiffProposed diff = diffWith(new VerifySpec(null, 60_000, List.of("tests.test_calc#test_add"), false, policy));

        String json = EventCodec.write(diff);
        DiffProposed back = (DiffProposed) EventCodec.read(json);

        assertEquals(policy, back.verify().gates());
        JsonNode probe = JSON.readTree(json).at("/verify/gates/probe");
        assertEquals("http://127.0.0.1:8080/health", probe.path("healthUrl").asText());
        assertEquals(15_000, probe.path("timeoutMs").asLong());
        assertEquals(List.of(), EventSchemaTest.errors(diff, JSON.readTree(json)));
    }

    @Test
    void anEventWithoutGatesReadsAsTheVerifiersDefaults() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(EventCodec.write(diffWith(SampleEvents.VERIFY)));
        ((ObjectNode) tree.get("verify")).remove("gates");

        DiffProposed back = (DiffProposed) EventCodec.read(tree.toString());

        assertNull(back.verify().gates(), "an event written before gate policies existed has none");
        assertEquals(List.of("com.acme.StatsTest#mean"), back.verify().testsFirst());
        assertEquals(List.of(), EventSchemaTest.errors(back, tree), "the schema accepts the older form");
    }

    @Test
    void nullComponentsMeanDefaultsAndAreKeptAsNull() {
        GatePolicy sparse = new GatePolicy(null, null, null);
        DiffProposed back = (DiffProposed) EventCodec.read(EventCodec.write(diffWith(
                new VerifySpec(null, 1_000, null, false, sparse))));
        assertEquals(sparse, back.verify().gates());
        assertNull(back.verify().gates().linters());
        assertNull(back.verify().gates().testsFirst());
    }

    @Test
    void aNegativeProbeTimeoutIsRefusedNamingTheField() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(EventCodec.write(diffWith(SampleEvents.VERIFY)));
        ((ObjectNode) tree.at("/verify/gates/probe")).put("timeoutMs", -5);

        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.read(tree.toString()));

        assertTrue(e.getMessage().contains("probe.timeoutMs"), e.getMessage());
        assertTrue(!EventSchemaTest.errors(diffWith(SampleEvents.VERIFY), tree).isEmpty(), "the schema refuses it too");
    }

    @Test
    void withGatesKeepsEverythingElse() {
        GatePolicy p = new GatePolicy(List.of(), true, null);
        VerifySpec v = SampleEvents.VERIFY.withGates(p);
        assertEquals(new VerifySpec("mvn -q test", 60_000, List.of("com.acme.StatsTest#mean"), true, p, 7,
                SampleEvents.VERIFY.reproduce()), v);
    }
}
