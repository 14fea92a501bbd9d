package dev.pavu.kit.observability;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * Turns tracing on where an OTLP endpoint is configured: when the environment names one
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or
 * {@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) and {@code PAVU_OTEL_DISABLED} is not set, this source answers
 * {@code quarkus.otel.sdk.disabled=false}; otherwise it answers nothing and the shared default (service-kit's
 * {@code microprofile-config.properties}: disabled, since no collector runs by default) holds. Its ordinal, 260, is
 * above {@code application.properties} (250) and below environment variables (300) and system properties (400), so
 * an explicit setting always wins. Registered through {@code META-INF/services}.
 */
public class OtelDefaultsConfigSource implements ConfigSource {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    private static final String[] ENDPOINT_VARIABLES = {"OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"};

    private final Map<String, String> values;

    /** Reads the process environment once. */
    public OtelDefaultsConfigSource() {
        this(System.getenv());
    }

    OtelDefaultsConfigSource(Map<String, String> env) {
        this.values = endpointConfigured(env) && blank(env.get("PAVU_OTEL_DISABLED"))
                ? Map.of(SDK_DISABLED, "false") : Map.of();
    }

    private static boolean endpointConfigured(Map<String, String> env) {
        for (String v : ENDPOINT_VARIABLES) {
            if (!blank(env.get(v))) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public Map<String, String> getProperties() {
        return values;
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "pavu-otel-defaults";
    }

    @Override
    public int getOrdinal() {
        return 260;
    }
}
