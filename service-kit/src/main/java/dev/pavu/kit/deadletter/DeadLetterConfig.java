package dev.pavu.kit.deadletter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of Pavu's dead-letter strategy (prefix {@code pavu.dead-letters}).
 */
@ConfigMapping(prefix = "pavu.dead-letters")
public interface DeadLetterConfig {

    /** The service named in {@link DeadLetterHeaders#SERVICE}; by default the Quarkus application name. */
    @WithDefault("${quarkus.application.name:unknown}")
    String service();
}
