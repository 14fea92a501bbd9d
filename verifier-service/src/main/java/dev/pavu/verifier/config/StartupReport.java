package dev.pavu.verifier.config;

import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.MavenToolchain;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Chooses the sandbox at start (so a missing bubblewrap is reported at once) and logs the toolchain in use. */
@ApplicationScoped
public class StartupReport {

    void onStart(@Observes StartupEvent ev, Sandbox sandbox, MavenToolchain maven, VerifierConfig config) {
        Log.infof("verifier ready: sandbox=%s, maven=%s (home %s), target JDK=%s, local repository=%s, prefetch=%s, data=%s",
                sandbox.name(), config.maven().command(), maven.mavenHome().map(Object::toString).orElse("not found on PATH"),
                maven.javaHome(), maven.localRepository(), config.maven().prefetch(), config.home());
    }
}
