package dev.pavu.updater.rest;

import dev.pavu.updater.config.UpdaterConfig;

import java.util.UUID;

/** Reads query and path parameters, answering 400 with a clear message when they are malformed. */
final class Params {

    private Params() {
    }

    static UUID jobId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("job id '" + raw + "' is not a UUID");
        }
    }

    static long id(String raw) {
        try {
            long v = Long.parseLong(raw.strip());
            if (v < 1) {
                throw ApiException.badRequest("a dead letter id is a positive number, was " + raw);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("a dead letter id is a positive number, was '" + raw + "'");
        }
    }

    static long after(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(raw.strip());
            if (v < 0) {
                throw ApiException.badRequest("after must be >= 0 (a seq from an earlier answer), was " + raw);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("after must be a whole number (a seq from an earlier answer), was '" + raw + "'");
        }
    }

    static int limit(String raw, UpdaterConfig.Page page) {
        if (raw == null || raw.isBlank()) {
            return page.defaultLimit();
        }
        try {
            int v = Integer.parseInt(raw.strip());
            if (v < 1) {
                throw ApiException.badRequest("limit must be >= 1, was " + raw);
            }
            return Math.min(v, page.maxLimit());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a whole number between 1 and " + page.maxLimit() + ", was '" + raw + "'");
        }
    }
}
