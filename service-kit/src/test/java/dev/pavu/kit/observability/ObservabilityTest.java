package dev.pavu.kit.observability;

import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObservabilityTest {

    @Test
    void theTraceIdOfAJobIsItsId() {
        UUID job = UUID.fromString("dc49792f-0938-41d4-b6da-40cb20a3db36");
        assertEquals("dc49792f093841d4b6da40cb20a3db36", JobTraces.traceIdOf(job));
        var root = Span.fromContext(JobTraces.jobContext(job)).getSpanContext();
        assertEquals("dc49792f093841d4b6da40cb20a3db36", root.getTraceId());
        assertTrue(root.isValid() && root.isSampled() && root.isRemote());
        // the root span id is derived from the job, so every service finds the same one
        assertEquals(root.getSpanId(), Span.fromContext(JobTraces.jobContext(job)).getSpanContext().getSpanId());
        assertTrue(!root.getSpanId().equals(Span.fromContext(JobTraces.jobContext(UUID.randomUUID())).getSpanContext().getSpanId()));
    }

    @Test
    void tracingIsOnWhereAnEndpointIsConfiguredUnlessForcedOff() {
        assertEquals("false", new OtelDefaultsConfigSource(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317"))
                .getValue(OtelDefaultsConfigSource.SDK_DISABLED));
        assertNull(new OtelDefaultsConfigSource(Map.of()).getValue(OtelDefaultsConfigSource.SDK_DISABLED));
        assertNull(new OtelDefaultsConfigSource(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317",
                "PAVU_OTEL_DISABLED", "true")).getValue(OtelDefaultsConfigSource.SDK_DISABLED));
        assertEquals(260, new OtelDefaultsConfigSource(Map.of()).getOrdinal());
    }
}
