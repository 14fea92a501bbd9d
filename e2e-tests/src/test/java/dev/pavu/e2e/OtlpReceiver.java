package dev.pavu.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An in-test OTLP/HTTP trace receiver ({@code POST /v1/traces}, {@code application/x-protobuf}, optionally gzip): the
 * services export to it as they would to a collector, and it keeps every span it was sent, decoded with the
 * OpenTelemetry protocol's own classes ({@code io.opentelemetry.proto}). Listens on 127.0.0.1, a free port.
 */
final class OtlpReceiver implements AutoCloseable {

    /**
     * One received span.
     *
     * @param service      the exporting service ({@code service.name} of its resource)
     * @param traceId      32 hex digits
     * @param spanId       16 hex digits
     * @param parentSpanId 16 hex digits, or empty for a root
     * @param name         the span's name
     * @param kind         {@code SPAN_KIND_SERVER}, {@code SPAN_KIND_CONSUMER}, …
     * @param startNanos   start, Unix epoch nanoseconds
     * @param endNanos     end, Unix epoch nanoseconds
     * @param attributes   its attributes as strings
     * @param links        its links, each {@code <traceId>/<spanId>}
     * @param events       its span events: name and attributes
     */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
                long startNanos, long endNanos, Map<String, String> attributes, List<String> links, List<Event> events) {
    }

    /**
     * A span event.
     *
     * @param name       e.g. {@code pavu.event.produced}
     * @param attributes its attributes as strings
     */
    record Event(String name, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the base endpoint to give the services ({@code OTEL_EXPORTER_OTLP_ENDPOINT}) */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return every span received so far */
    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** @return requests that could not be decoded (path and reason) */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            InputStream in = ex.getRequestBody();
            if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            byte[] body = in.readAllBytes();
            try {
                if (ex.getRequestURI().getPath().endsWith("/v1/traces")) {
                    collect(ExportTraceServiceRequest.parseFrom(body));
                }
            } catch (IOException | RuntimeException e) {
                errors.add(ex.getRequestURI() + ": " + e);
                ex.sendResponseHeaders(400, -1);
                return;
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            ex.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            ex.getResponseBody().write(answer);
        }
    }

    private void collect(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = attributes(rs.getResource()).getOrDefault("service.name", "?");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (var s : ss.getSpansList()) {
                    List<String> links = new ArrayList<>();
                    s.getLinksList().forEach(l -> links.add(hex.formatHex(l.getTraceId().toByteArray()) + "/"
                            + hex.formatHex(l.getSpanId().toByteArray())));
                    List<Event> events = new ArrayList<>();
                    s.getEventsList().forEach(e -> events.add(new Event(e.getName(), strings(e.getAttributesList()))));
                    spans.add(new Span(service, hex.formatHex(s.getTraceId().toByteArray()),
                            hex.formatHex(s.getSpanId().toByteArray()), hex.formatHex(s.getParentSpanId().toByteArray()),
                            s.getName(), s.getKind().name(), s.getStartTimeUnixNano(), s.getEndTimeUnixNano(),
                            strings(s.getAttributesList()), links, events));
                }
            }
        }
    }

    private static Map<String, String> attributes(Resource r) {
        return strings(r.getAttributesList());
    }

    private static Map<String, String> strings(List<KeyValue> kvs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (KeyValue kv : kvs) {
            AnyValue v = kv.getValue();
            m.put(kv.getKey(), switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case INT_VALUE -> Long.toString(v.getIntValue());
                case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
                case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
                default -> v.toString().strip();
            });
        }
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
