package dev.pavu.verifier.config;

import io.smallrye.config.WithDefault;

/** The Node toolchain ({@code pavu.verifier.node.*}). */
public interface NodeSettings {

    /** The {@code node} binary: a name on {@code PATH} or an absolute path. */
    @WithDefault("node")
    String command();

    /** The {@code npm} command: a name on {@code PATH} or an absolute path. */
    @WithDefault("npm")
    String npmCommand();
}
