package dev.pavu.planner.retention;

/**
 * One team's retention rule. A concluded job expires when either limit says so; with both {@code null} none does.
 *
 * @param keepLast   concluded jobs kept, newest first by submission (≥ 0), or {@code null} for no count limit
 * @param maxAgeDays days after its conclusion a job keeps its data (≥ 0), or {@code null} for no age limit
 */
public record RetentionPolicy(Integer keepLast, Integer maxAgeDays) {

    /**
     * @throws IllegalArgumentException for a negative limit
     */
    public RetentionPolicy {
        if (keepLast != null && keepLast < 0) {
            throw new IllegalArgumentException("keep must be 0 or more, was " + keepLast);
        }
        if (maxAgeDays != null && maxAgeDays < 0) {
            throw new IllegalArgumentException("days must be 0 or more, was " + maxAgeDays);
        }
    }

    /** @return whether the policy expires anything at all */
    public boolean limited() {
        return keepLast != null || maxAgeDays != null;
    }

    /**
     * @param team the team it applies to
     * @return the rule in words, e.g. {@code keep the last 20 concluded jobs of team acme}
     */
    public String describe(String team) {
        String keep = keepLast == null ? null : "keep the last " + keepLast + " concluded jobs";
        String age = maxAgeDays == null ? null : "drop jobs concluded more than " + maxAgeDays + " days ago";
        String rule = keep != null && age != null ? keep + " and " + age : keep != null ? keep : age != null ? age : "keep everything";
        return rule + " of team " + team;
    }
}
