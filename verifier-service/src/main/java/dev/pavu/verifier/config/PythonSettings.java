package dev.pavu.verifier.config;

import io.smallrye.config.WithDefault;

/** The Python toolchain ({@code pavu.verifier.python.*}). */
public interface PythonSettings {

    /**
     * The interpreter: a name looked up on {@code PATH} (pyenv shims are followed: the interpreter they resolve to
     * is asked for {@code sys.executable}) or an absolute path. pytest must be importable by it.
     */
    @WithDefault("python3")
    String command();
}
