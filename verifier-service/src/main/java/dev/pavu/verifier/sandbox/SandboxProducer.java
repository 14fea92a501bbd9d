package dev.pavu.verifier.sandbox;

import dev.pavu.verifier.config.VerifierConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the sandbox from {@code pavu.verifier.sandbox.kind}: {@code auto} takes bubblewrap when it
 * works on this machine and otherwise runs unsandboxed with a WARN at start; {@code bubblewrap} refuses
 * to start without it; {@code none} never sandboxes.
 */
@ApplicationScoped
public class SandboxProducer {

    private final VerifierConfig config;

    public SandboxProducer(VerifierConfig config) {
        this.config = config;
    }

    /** @return the sandbox every candidate runs in */
    @Produces
    @ApplicationScoped
    public Sandbox sandbox() {
        String kind = config.sandbox().kind().trim().toLowerCase();
        switch (kind) {
            case "none" -> {
                Log.warn("pavu.verifier.sandbox.kind=none: candidates run UNSANDBOXED (network and file system reachable)");
                return new UnsandboxedSandbox();
            }
            case "bubblewrap", "auto" -> {
                Optional<String> problem = BubblewrapSandbox.probe(config.sandbox().bwrap());
                if (problem.isEmpty()) {
                    Log.infof("candidates run in a bubblewrap sandbox (%s): no network, read-only system, private workspace",
                            config.sandbox().bwrap());
                    return new BubblewrapSandbox(config.sandbox().bwrap(), hiddenPaths());
                }
                if (kind.equals("bubblewrap")) {
                    throw new IllegalStateException("pavu.verifier.sandbox.kind=bubblewrap but bubblewrap does not work here: "
                            + problem.get() + " (install it: apt-get install bubblewrap)");
                }
                Log.warnf("bubblewrap is not usable (%s): candidates run UNSANDBOXED, with network and the whole file system "
                        + "reachable; install bubblewrap (apt-get install bubblewrap) to isolate them", problem.get());
                return new UnsandboxedSandbox();
            }
            default -> throw new IllegalStateException("pavu.verifier.sandbox.kind must be auto, bubblewrap or none, was '" + kind + "'");
        }
    }

    private List<Path> hiddenPaths() {
        List<Path> hidden = new ArrayList<>();
        hidden.add(Path.of(config.home()));
        config.sandbox().hiddenPaths().stream().filter(s -> !s.isBlank()).map(Path::of).forEach(hidden::add);
        return hidden;
    }
}
