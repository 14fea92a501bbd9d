package dev.pavu.verifier.sandbox;

import dev.pavu.verifier.config.VerifierConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses the sandbox from {@code pavu.verifier.sandbox.kind}, failing closed: {@code auto} and {@code bubblewrap}
 * take bubblewrap (with an unprivileged user and the seccomp filter where the kernel allows them) and, where it does
 * not work, a {@link RefusedSandbox} that refuses every candidate with the reason and what to set — unless
 * {@code kind=auto} with {@code allow-unsandboxed=true}, which runs them unsandboxed; {@code docker} takes containers
 * or refuses; {@code none} never sandboxes (explicitly).
 */
@ApplicationScoped
public class SandboxProducer {

    /** What to set, appended to every refusal. */
    static final String WHAT_TO_SET = "install bubblewrap (apt-get install bubblewrap) where user namespaces are allowed, or set "
            + "pavu.verifier.sandbox.kind=none (PAVU_VERIFIER_SANDBOX_KIND) or pavu.verifier.sandbox.allow-unsandboxed=true "
            + "(PAVU_VERIFIER_SANDBOX_ALLOW_UNSANDBOXED) to run candidates unsandboxed where the machine or pod is itself the sandbox";

    private final VerifierConfig config;

    public SandboxProducer(VerifierConfig config) {
        this.config = config;
    }

    /** @return the sandbox every candidate runs in (possibly one that refuses them all) */
    @Produces
    @ApplicationScoped
    public Sandbox sandbox() {
        VerifierConfig.Sandbox cfg = config.sandbox();
        String kind = cfg.kind().trim().toLowerCase();
        Sandbox chosen = switch (kind) {
            case "docker" -> docker(cfg);
            case "none", "bubblewrap", "auto" -> choose(kind, cfg.bwrap(), cfg.allowUnsandboxed(), cfg.seccomp(), this::bubblewrap);
            default -> new RefusedSandbox("pavu.verifier.sandbox.kind must be auto, bubblewrap, docker or none, was '" + kind + "'");
        };
        if (chosen.refusal().isPresent()) {
            Log.errorf("candidates are REFUSED (ERROR verdicts, /q/health/ready DOWN): %s", chosen.refusal().get());
        } else if (!chosen.isolated()) {
            Log.warnf("candidates run UNSANDBOXED (network and the whole file system reachable), as explicitly allowed (kind=%s%s)",
                    kind, kind.equals("none") ? "" : ", allow-unsandboxed=true");
        } else {
            Log.infof("candidates run in %s", chosen.describe());
        }
        return chosen;
    }

    /**
     * The bubblewrap-or-not decision.
     *
     * @param kind             {@code none}, {@code bubblewrap} or {@code auto}
     * @param bwrap            the bubblewrap binary
     * @param allowUnsandboxed with {@code auto}: run unsandboxed rather than refuse when bubblewrap does not work
     * @param seccomp          load the seccomp filter (where the kernel allows it)
     * @param make             builds the sandbox with the hardening that works here
     * @return the sandbox, an {@link UnsandboxedSandbox} only when explicitly allowed, else a {@link RefusedSandbox}
     */
    static Sandbox choose(String kind, String bwrap, boolean allowUnsandboxed, boolean seccomp,
                          Function<BubblewrapSandbox.Hardening, Sandbox> make) {
        if (kind.equals("none")) {
            return new UnsandboxedSandbox();
        }
        Optional<String> problem = BubblewrapSandbox.probe(bwrap);
        if (problem.isPresent()) {
            if (kind.equals("auto") && allowUnsandboxed) {
                Log.warnf("bubblewrap does not work here (%s); pavu.verifier.sandbox.allow-unsandboxed=true", problem.get());
                return new UnsandboxedSandbox();
            }
            return new RefusedSandbox("pavu.verifier.sandbox.kind=" + kind + " but bubblewrap does not work here (" + problem.get() + "); "
                    + WHAT_TO_SET);
        }
        return make.apply(hardening(bwrap, seccomp));
    }

    /** The strongest hardening bubblewrap accepts here: unprivileged user and seccomp, else less, with a WARN. */
    private static BubblewrapSandbox.Hardening hardening(String bwrap, boolean seccomp) {
        Path filter = null;
        if (seccomp) {
            try {
                filter = SeccompFilter.shared();
            } catch (IOException | RuntimeException e) {
                Log.warnf("no seccomp filter for bubblewrap (%s)", e.getMessage());
            }
        }
        List<BubblewrapSandbox.Hardening> tries = new ArrayList<>(List.of(new BubblewrapSandbox.Hardening(true, filter)));
        if (filter != null) {
            tries.add(new BubblewrapSandbox.Hardening(true, null));
            tries.add(new BubblewrapSandbox.Hardening(false, filter));
        }
        for (BubblewrapSandbox.Hardening h : tries) {
            Optional<String> why = BubblewrapSandbox.probe(bwrap, h);
            if (why.isEmpty()) {
                if (h.seccomp() == null && seccomp) {
                    Log.warn("bubblewrap refuses Pavu's seccomp filter here: candidates run without it");
                }
                if (!h.unprivilegedUser()) {
                    Log.warn("bubblewrap cannot give candidates a user namespace of their own here: they run with the verifier's uid");
                }
                return h;
            }
            Log.debugf("bubblewrap with %s does not work: %s", h, why.get());
        }
        Log.warn("bubblewrap works here only without an own user namespace and seccomp filter: candidates run with the verifier's uid");
        return BubblewrapSandbox.Hardening.NONE;
    }

    private Sandbox bubblewrap(BubblewrapSandbox.Hardening hardening) {
        VerifierConfig.Sandbox cfg = config.sandbox();
        boolean cgroups = cfg.cgroups();
        if (cgroups) {
            Optional<String> why = Cgroups.unavailableReason();
            if (why.isPresent()) {
                Log.warnf("cgroups unavailable (%s): runs are not capped in memory and processes", why.get());
                cgroups = false;
            }
        }
        List<Path> system = paths(cfg.systemPaths());
        List<Path> hidden = paths(cfg.hiddenPaths());
        Path home = Path.of(config.home()).toAbsolutePath().normalize();
        if (system.stream().anyMatch(home::startsWith)) {
            hidden.add(home); // other candidates' workspaces, logs and bundles stay out of sight
        }
        BubblewrapSandbox b = new BubblewrapSandbox(cfg.bwrap(), system, hidden, cgroups, hardening);
        if (cgroups) {
            Log.infof("run caps: memory %s and %d processes per run (cgroup %s)", Limits.human(cfg.memory().asLongValue()),
                    cfg.maxProcesses(), Cgroups.mounted().map(Enum::name).orElse("?"));
        }
        return b;
    }

    private Sandbox docker(VerifierConfig.Sandbox cfg) {
        var client = DockerSandbox.client(cfg.docker().host());
        Optional<String> problem = DockerSandbox.probe(client);
        if (problem.isPresent()) {
            return new RefusedSandbox("pavu.verifier.sandbox.kind=docker but " + problem.get()
                    + " (start Docker, set pavu.verifier.sandbox.docker.host, or use kind=bubblewrap)");
        }
        return new DockerSandbox(client, cfg.docker().image(), cfg.docker().user());
    }

    private static List<Path> paths(List<String> list) {
        List<Path> out = new ArrayList<>();
        list.stream().map(String::trim).filter(x -> !x.isEmpty()).map(Path::of).forEach(out::add);
        return out;
    }
}
