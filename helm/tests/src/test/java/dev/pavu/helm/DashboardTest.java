package dev.pavu.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.kit.observability.MeterNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's Grafana dashboard ({@code helm/pavu/dashboards/pavu.json}, values {@code grafana.dashboard.enabled},
 * values file {@code ci/grafana.yaml}): rendered as a ConfigMap labelled {@code grafana_dashboard: "1"} only when asked
 * for, its JSON parses, it has the panels the operators need, and every metric its PromQL names is one the services
 * really export ({@link MeterNames}, the names {@code EventMeters} registers and the Kafka client's lag).
 */
class DashboardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** PromQL words that are not metric names: aggregation clauses, keywords. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset");

    @Test
    void theDashboardIsOffByDefault() throws IOException {
        assertTrue(dashboards("defaults.yaml").isEmpty(), "no dashboard ConfigMap unless grafana.dashboard.enabled");
    }

    @Test
    void theDashboardRendersAsJsonWhosePanelsNameExportedMeters() throws IOException {
        List<ConfigMap> found = dashboards("grafana.yaml");
        assertEquals(1, found.size(), "one dashboard ConfigMap");
        ConfigMap cm = found.getFirst();
        assertEquals("pavu-grafana-dashboard", cm.getMetadata().getName());
        assertEquals("Pavu", cm.getMetadata().getAnnotations().get("grafana_folder"));
        JsonNode dashboard = JSON.readTree(cm.getData().get("pavu.json"));
        assertEquals("pavu-overview", dashboard.get("uid").asText());

        Set<String> exported = MeterNames.prometheusSeries();
        Set<String> named = new LinkedHashSet<>();
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            String title = panel.get("title").asText();
            titles.add(title);
            assertEquals("${datasource}", panel.at("/datasource/uid").asText(), title + ": the chosen Prometheus");
            assertFalse(panel.get("targets").isEmpty(), title + " has no query");
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText();
                Set<String> metrics = metricNames(expr);
                assertFalse(metrics.isEmpty(), title + ": no metric in " + expr);
                for (String m : metrics) {
                    assertTrue(exported.contains(m), title + ": " + m + " is not a series the services export " + exported);
                }
                named.addAll(metrics);
            }
        }
        assertTrue(titles.containsAll(List.of("Jobs by outcome", "Job duration", "Candidates per second",
                "Verdict latency by path", "Consumer lag", "Sandbox failures")), titles.toString());
        assertTrue(named.containsAll(Set.of("pavu_jobs_concluded_total", "pavu_job_duration_seconds_count",
                "pavu_candidates_proposed_total", "pavu_verdict_latency_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag", "pavu_sandbox_failures_total")), named.toString());
        assertEquals(dashboard.get("panels").size(), dashboard.findValues("gridPos").size(), "every panel is placed");
    }

    /** The check itself: a name the services do not export is caught, functions and labels are not metrics. */
    @Test
    void metricNamesAreReadFromPromql() {
        assertEquals(Set.of("pavu_verdict_latency_seconds_bucket"), metricNames(
                "histogram_quantile(0.95, sum by (le, path) (rate(pavu_verdict_latency_seconds_bucket{path!=\"none\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b_count"), metricNames("sum(rate(a_total[5m])) / on (x) sum(rate(b_count[5m])) * 60"));
        assertFalse(MeterNames.prometheusSeries().contains("pavu_verdict_latency_bucket"), "a misspelt name is not exported");
    }

    /** @return the metric names in a PromQL expression: identifiers that are not functions, labels, keywords or variables */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "\"\"")   // label values
                .replaceAll("\\{[^}]*}", " ")                  // label matchers
                .replaceAll("\\[[^\\]]*\\]", " ")                  // ranges
                .replaceAll("\\$\\w+", " ")                    // Grafana variables
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?").matcher(bare);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static List<ConfigMap> dashboards(String valuesFile) throws IOException {
        return ChartTest.render(valuesFile).all(ConfigMap.class).stream()
                .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard"))).toList();
    }
}
