package dev.pavu.contracts;

import java.util.Map;

/**
 * Versioned event type names ({@code pavu.<name>.v<major>}) and the record class of each.
 *
 * <p>A reader accepts any minor change (unknown fields are ignored) but refuses an unknown major
 * version: see {@link EventCodec#read(String)}.
 */
public final class EventTypes {
    /** The major version every type below is written with. */
    public static final int MAJOR = 1;

    public static final String JOB_SUBMITTED = "pavu.job.submitted.v1";
    public static final String JOB_CONCLUDED = "pavu.job.concluded.v1";
    public static final String JOB_CANCELLED = "pavu.job.cancelled.v1";
    /** Retention dropped a concluded job's bulky data ({@link JobExpired}). */
    public static final String JOB_EXPIRED = "pavu.job.expired.v1";
    /** A concluded job's result branch was pushed, failed or skipped ({@link ResultBranchDelivered}). */
    public static final String RESULT_BRANCH_DELIVERED = "pavu.result.branch.delivered.v1";
    public static final String PLAN_PROPOSED = "pavu.plan.proposed.v1";
    public static final String CANDIDATES_PROPOSED = "pavu.candidates.proposed.v1";
    public static final String DIFF_PROPOSED = "pavu.diff.proposed.v1";
    public static final String VERDICT_ISSUED = "pavu.verdict.issued.v1";

    /** Type name without its version suffix (e.g. {@code pavu.job.submitted}) → record class. */
    static final Map<String, Class<? extends PavuEvent>> BY_NAME = Map.of(
            "pavu.job.submitted", JobSubmitted.class,
            "pavu.job.concluded", JobConcluded.class,
            "pavu.job.cancelled", JobCancelled.class,
            "pavu.job.expired", JobExpired.class,
            "pavu.result.branch.delivered", ResultBranchDelivered.class,
            "pavu.plan.proposed", PlanProposed.class,
            "pavu.candidates.proposed", CandidatesProposed.class,
            "pavu.diff.proposed", DiffProposed.class,
            "pavu.verdict.issued", VerdictIssued.class);

    private EventTypes() {
    }
}
