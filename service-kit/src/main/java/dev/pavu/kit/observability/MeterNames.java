package dev.pavu.kit.observability;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names of Pavu's own meters ({@link EventMeters}) and of the client meters the dashboards read, in Micrometer's
 * dotted form and as the Prometheus series each service's {@code /q/metrics} shows (dots to underscores, a timer's
 * base unit {@code _seconds}, a counter's {@code _total}, plus each kind's {@code _count}/{@code _sum}/{@code _max}/
 * {@code _bucket} series). Plain Java with no dependencies, so a check outside the services (the chart's dashboard
 * test) can load it.
 */
public final class MeterNames {

    /** What a meter is, which decides its Prometheus series. */
    public enum Kind {
        /** {@code <name>_total}. */
        COUNTER,
        /** {@code <name>_seconds_count}, {@code _sum}, {@code _max} (and {@code _bucket} when it has a histogram). */
        TIMER,
        /** {@code <name>_count}, {@code _sum}, {@code _max}. */
        SUMMARY,
        /** The name as it is (a client library's gauge, already in Prometheus form). */
        GAUGE
    }

    /**
     * One meter.
     *
     * @param name its Micrometer name (dotted) or, for a {@link Kind#GAUGE}, its Prometheus name
     * @param kind its kind
     */
    public record Meter(String name, Kind kind) {

        /** @return the Prometheus series names this meter appears under */
        public List<String> prometheusSeries() {
            String base = name.replace('.', '_');
            return switch (kind) {
                case COUNTER -> List.of(base + "_total");
                case TIMER -> List.of(base + "_seconds", base + "_seconds_count", base + "_seconds_sum",
                        base + "_seconds_max", base + "_seconds_bucket");
                case SUMMARY -> List.of(base, base + "_count", base + "_sum", base + "_max");
                case GAUGE -> List.of(base);
            };
        }
    }

    /** Counter {@code type}: every event a service produced (committed). */
    public static final String EVENTS_PRODUCED = "pavu.events.produced";
    /** Counter {@code kind}: jobs submitted (planner). */
    public static final String JOBS_SUBMITTED = "pavu.jobs.submitted";
    /** Counter {@code outcome}: jobs concluded (planner). */
    public static final String JOBS_CONCLUDED = "pavu.jobs.concluded";
    /** Timer {@code outcome}: a job's time from submission to conclusion (planner). */
    public static final String JOB_DURATION = "pavu.job.duration";
    /** Summary {@code outcome}: candidates verified per job (planner). */
    public static final String JOB_CANDIDATES = "pavu.job.candidates";
    /** Counter {@code proposer}: candidates proposed (actuator); its rate is candidates per second. */
    public static final String CANDIDATES_PROPOSED = "pavu.candidates.proposed";
    /** Counter {@code verdict,run}: verdicts issued (verifier). */
    public static final String VERDICTS = "pavu.verdicts";
    /** Timer with histogram {@code verdict,run,path}: the verifier's run time of one candidate. */
    public static final String VERDICT_LATENCY = "pavu.verdict.latency";
    /** Counter {@code cause}: runs the sandbox refused, killed or stopped at a limit (verifier). */
    public static final String SANDBOX_FAILURES = "pavu.sandbox.failures";
    /** Gauge {@code topic,partition,client_id}: a consumer's records behind the partition's end (Kafka client). */
    public static final String KAFKA_CONSUMER_LAG = "kafka_consumer_fetch_manager_records_lag";
    /** Gauge: a consumer's highest lag over its partitions (Kafka client). */
    public static final String KAFKA_CONSUMER_LAG_MAX = "kafka_consumer_fetch_manager_records_lag_max";

    /** Every meter above with its kind. */
    public static final List<Meter> ALL = List.of(
            new Meter(EVENTS_PRODUCED, Kind.COUNTER), new Meter(JOBS_SUBMITTED, Kind.COUNTER),
            new Meter(JOBS_CONCLUDED, Kind.COUNTER), new Meter(JOB_DURATION, Kind.TIMER),
            new Meter(JOB_CANDIDATES, Kind.SUMMARY), new Meter(CANDIDATES_PROPOSED, Kind.COUNTER),
            new Meter(VERDICTS, Kind.COUNTER), new Meter(VERDICT_LATENCY, Kind.TIMER),
            new Meter(SANDBOX_FAILURES, Kind.COUNTER), new Meter(KAFKA_CONSUMER_LAG, Kind.GAUGE),
            new Meter(KAFKA_CONSUMER_LAG_MAX, Kind.GAUGE));

    private MeterNames() {
    }

    /** @return every Prometheus series name of {@link #ALL}, in order */
    public static Set<String> prometheusSeries() {
        Set<String> names = new LinkedHashSet<>();
        ALL.forEach(m -> names.addAll(m.prometheusSeries()));
        return names;
    }
}
