package dev.pavu.updater.lesson;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Settings of lesson cards ({@code pavu.lessons.*} in {@code application.properties}).
 */
@ConfigMapping(prefix = "pavu.lessons")
public interface LessonConfig {

    /**
     * @return whether a card is written for each concluded job (default true); off, the audit log is recorded as
     *         before, the embedding model is never loaded and {@code /lessons} answers only the cards already stored
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * @return whether the embedding model is loaded on a background thread at start (default true), so that the
     *         first concluded job does not wait for it (about 1 s unloaded); off, it loads on first use
     */
    @WithDefault("true")
    boolean warmUp();

    /**
     * @return how often cards still without a vector are looked for and embedded (default 30 s); a card is normally
     *         embedded right after its conclusion commits, the sweep catches those a crash or a model that did not
     *         load left pending
     */
    @WithDefault("30s")
    Duration sweepInterval();

    /** @return the largest rendered card text, characters (default 4000); longer parts are cut with "…" */
    @WithDefault("4000")
    int maxCardChars();

    /** @return the largest failure message shape kept per test, characters (default 300) */
    @WithDefault("300")
    int maxMessageChars();

    /** @return the largest diff kept on a card, characters (default 2000) */
    @WithDefault("2000")
    int maxDiffChars();
}
