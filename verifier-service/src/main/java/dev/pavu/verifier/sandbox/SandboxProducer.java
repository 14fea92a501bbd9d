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
            case "docker" -> {
                var client = DockerSandbox.client(config.sandbox().docker().host());
                Optional<String> problem = DockerSandbox.probe(client);
                if (problem.isPresent()) {
                    throw new IllegalStateException("pavu.verifier.sandbox.kind=docker but " + problem.get()
                            + " (start Docker, set pavu.verifier.sandbox.docker.host, or use kind=bubblewrap)");
                }
                Log.infof("candidates run in Docker containers (%s, user %s): network none, read-only root, no capabilities",
                        config.sandbox().docker().image(), config.sandbox().docker().user());
                return new DockerSandbox(client, config.sandbox().docker().image(), config.sandbox().docker().user());
            }
            case "bubblewrap", "auto" -> {
                Optional<String> problem = BubblewrapSandbox.probe(config.sandbox().bwrap());
                if (problem.isEmpty()) {
                    boolean cgroups = config.sandbox().cgroups();
                    if (cgroups) {
                        Optional<String> why = CgroupV1.unavailableReason();
                        if (why.isPresent()) {
                            Log.warnf("cgroups unavailable (%s): runs are not capped in memory and processes", why.get());
                            cgroups = false;
                        }
                    }
                    Log.infof("candidates run in a bubblewrap sandbox (%s): no network, read-only system paths, private workspace%s",
                            config.sandbox().bwrap(), cgroups ? ", memory " + Limits.human(config.sandbox().memory().asLongValue())
                                    + " and " + config.sandbox().maxProcesses() + " processes per run (cgroup v1)" : "");
                    List<Path> system = paths(config.sandbox().systemPaths());
                    List<Path> hidden = paths(config.sandbox().hiddenPaths());
                    Path home = Path.of(config.home()).toAbsolutePath().normalize();
                    if (system.stream().anyMatch(home::startsWith)) {
                        hidden.add(home); // other candidates' workspaces, logs and bundles stay out of sight
                    }
                    return new BubblewrapSandbox(config.sandbox().bwrap(), system, hidden, cgroups);
                }
                if (kind.equals("bubblewrap")) {
                    throw new IllegalStateException("pavu.verifier.sandbox.kind=bubblewrap but bubblewrap does not work here: "
                            + problem.get() + " (install it: apt-get install bubblewrap)");
                }
                Log.warnf("bubblewrap is not usable (%s): candidates run UNSANDBOXED, with network and the whole file system "
                        + "reachable; install bubblewrap (apt-get install bubblewrap) to isolate them", problem.get());
                return new UnsandboxedSandbox();
            }
            default -> throw new IllegalStateException("pavu.verifier.sandbox.kind must be auto, bubblewrap, docker or none, was '" + kind + "'");
        }
    }

    private static List<Path> paths(List<String> list) {
        List<Path> out = new ArrayList<>();
        list.stream().map(String::trim).filter(x -> !x.isEmpty()).map(Path::of).forEach(out::add);
        return out;
    }
}
