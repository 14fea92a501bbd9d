package dev.pavu.updater.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the updater-service ({@code pavu.updater.*} in {@code application.properties}).
 */
@ConfigMapping(prefix = "pavu.updater")
public interface UpdaterConfig {

    /** @return paging of the audit-log endpoints */
    Page page();

    /** Paging of {@code GET /audit/jobs/{id}/events} and {@code GET /audit/events}. */
    interface Page {

        /** @return events returned when the request gives no {@code limit} (default 500) */
        @WithDefault("500")
        int defaultLimit();

        /** @return the largest {@code limit} a request may ask for; larger values are capped (default 5000) */
        @WithDefault("5000")
        int maxLimit();
    }

    /** @return name under which the audit consumer records handled event ids in {@code processed_events} */
    @WithDefault("updater.audit")
    String consumerName();
}
