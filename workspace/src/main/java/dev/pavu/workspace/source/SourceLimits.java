package dev.pavu.workspace.source;

import java.time.Duration;

/**
 * Limits on what a source may unpack: a repository that is a git bomb (millions of files, gigabyte blobs, paths
 * hundreds of directories deep) is refused before a single file of it is written.
 *
 * <p>The services bind these to the settings {@code pavu.sources.max-files}, {@code pavu.sources.max-total-bytes},
 * {@code pavu.sources.max-blob-bytes}, {@code pavu.sources.max-depth} and {@code pavu.sources.timeout} (env
 * {@code PAVU_SOURCES_MAX_FILES}, …); a refusal names the setting to raise.
 *
 * @param maxFiles      files (and, counted separately, directories) of one commit's tree, at least 1
 * @param maxTotalBytes sum of the sizes of a commit's files, bytes, at least 1
 * @param maxBlobBytes  size of the largest single file, bytes, at least 1
 * @param maxDepth      directories a path may be nested in ({@code a/b/C.java} has depth 3), at least 1
 * @param timeout       wall-clock limit of checking and of writing one checkout (and of importing a bundle)
 */
public record SourceLimits(int maxFiles, long maxTotalBytes, long maxBlobBytes, int maxDepth, Duration timeout) {

    /** Common prefix of the settings. */
    public static final String PREFIX = "pavu.sources.";

    /** Defaults fitting real projects: 100 000 files, 1 GiB in all, 100 MiB per file, depth 64, 120 s. */
    public static final SourceLimits DEFAULTS =
            new SourceLimits(100_000, 1L << 30, 100L << 20, 64, Duration.ofSeconds(120));

    /** Checks every limit is positive. */
    public SourceLimits {
        if (maxFiles < 1 || maxTotalBytes < 1 || maxBlobBytes < 1 || maxDepth < 1 || timeout == null
                || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("source limits must all be positive: files " + maxFiles + ", total bytes "
                    + maxTotalBytes + ", blob bytes " + maxBlobBytes + ", depth " + maxDepth + ", timeout " + timeout);
        }
    }

    /** Which limit a source broke, with the name of its setting. */
    public enum Limit {
        /** Too many files or directories. */
        FILES("max-files"),
        /** The files add up to too many bytes. */
        TOTAL_BYTES("max-total-bytes"),
        /** One file is too large. */
        BLOB_BYTES("max-blob-bytes"),
        /** A path is nested too deep. */
        DEPTH("max-depth"),
        /** Checking or writing took too long. */
        TIME("timeout");

        private final String key;

        Limit(String key) {
            this.key = key;
        }

        /** @return the full setting name, e.g. {@code pavu.sources.max-files} */
        public String setting() {
            return PREFIX + key;
        }

        /** @return the environment variable of the setting, e.g. {@code PAVU_SOURCES_MAX_FILES} */
        public String env() {
            return setting().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }

    /** A source broke one of the {@link SourceLimits}; the message names the limit, its value and its setting. */
    public static final class ExceededException extends SourceException {

        private final Limit limit;

        /**
         * @param limit  the limit broken
         * @param detail what was found, e.g. {@code "commit abc holds more than 100000 files"}
         * @param value  the limit's value as configured, e.g. {@code 100000} or {@code 120s}
         */
        public ExceededException(Limit limit, String detail, String value) {
            super(detail + " (limit " + limit.setting() + "=" + value + "); the source is refused and nothing of it is "
                    + "kept — if the repository is genuine, raise " + limit.setting() + " (env " + limit.env() + ")");
            this.limit = limit;
        }

        /** @return which limit was broken */
        public Limit limit() {
            return limit;
        }
    }
}
