package dev.pavu.bench.retentionperiod;

/** When stored records expire under a retention policy given in days. */
public final class Retention {

    static final int MILLIS_PER_DAY = 24 * 60 * 60 * 1000;

    private Retention() {
    }

    /** Epoch millis at which a record created at {@code createdAtMillis} expires. */
    public static long expiresAt(long createdAtMillis, int retentionDays) {
        if (retentionDays < 0) {
            throw new IllegalArgumentException("negative retention: " + retentionDays);
        }
        return createdAtMillis + retentionDays * MILLIS_PER_DAY;
    }

    public static boolean isExpired(long createdAtMillis, int retentionDays, long nowMillis) {
        return nowMillis >= expiresAt(createdAtMillis, retentionDays);
    }
}
