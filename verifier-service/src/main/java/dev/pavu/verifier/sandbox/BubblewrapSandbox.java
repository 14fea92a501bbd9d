package dev.pavu.verifier.sandbox;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs each command under <a href="https://github.com/containers/bubblewrap">bubblewrap</a>:
 * <pre>
 * bwrap --unshare-all [--share-net] --die-with-parent --new-session
 *       --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp
 *       --tmpfs &lt;hidden dir&gt;…                 (PAVU_HOME, the user's home)
 *       --ro-bind &lt;p&gt; &lt;p&gt;…                  (local Maven repository, JDK, Maven, when below a hidden dir)
 *       --bind &lt;workDir&gt; &lt;workDir&gt; [--bind &lt;w&gt; &lt;w&gt;…]
 *       --chdir &lt;workDir&gt; -- &lt;command&gt;
 * </pre>
 * The command sees a read-only system, no network (its own loopback only) unless the request asks for
 * it, its own PID namespace (killing bwrap kills every process inside), an empty {@code /tmp}, none of
 * the other candidates' workspaces, logs or bundles, and no credentials of the user's home.
 */
public final class BubblewrapSandbox implements Sandbox {

    private final String bwrap;
    private final List<Path> hidden;

    /**
     * @param bwrap  the bubblewrap binary (name on PATH or absolute path)
     * @param hidden directories replaced by an empty tmpfs inside the sandbox (absolute)
     */
    public BubblewrapSandbox(String bwrap, List<Path> hidden) {
        this.bwrap = bwrap;
        this.hidden = hidden.stream().map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.getNameCount() > 0) // never hide the root itself
                .distinct().toList();
    }

    @Override
    public String name() {
        return "bubblewrap";
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public ExecResult run(ExecRequest request) {
        return ProcessRunner.run(command(request), request);
    }

    /**
     * @param request what to run
     * @return the full bwrap command line for it
     */
    public List<String> command(ExecRequest request) {
        List<String> c = new ArrayList<>(List.of(bwrap, "--unshare-all"));
        if (request.network()) {
            c.add("--share-net");
        }
        c.addAll(List.of("--die-with-parent", "--new-session",
                "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        for (Path h : hidden) {
            if (Files.isDirectory(h)) {
                c.addAll(List.of("--tmpfs", h.toString()));
            }
        }
        for (Path p : request.readOnlyPaths()) {
            Path a = p.toAbsolutePath().normalize();
            if (Files.exists(a) && hidden.stream().anyMatch(a::startsWith)) {
                c.addAll(List.of("--ro-bind", a.toString(), a.toString()));
            }
        }
        List<Path> writable = new ArrayList<>();
        writable.add(request.workDir());
        writable.addAll(request.writablePaths());
        for (Path w : writable) {
            String s = w.toAbsolutePath().normalize().toString();
            c.addAll(List.of("--bind", s, s));
        }
        c.addAll(List.of("--chdir", request.workDir().toAbsolutePath().normalize().toString(), "--"));
        c.addAll(request.command());
        return c;
    }

    /**
     * Checks that bubblewrap can actually create its namespaces here (it may be installed but refused,
     * e.g. without unprivileged user namespaces).
     *
     * @param bwrap the binary
     * @return empty when it works, else the reason it does not
     */
    public static java.util.Optional<String> probe(String bwrap) {
        try {
            Process p = new ProcessBuilder(bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/",
                    "--dev", "/dev", "--proc", "/proc", "--", "true").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return java.util.Optional.of(bwrap + " did not answer within 10 s");
            }
            return p.exitValue() == 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(bwrap + " exited with " + p.exitValue() + ": " + out);
        } catch (IOException e) {
            return java.util.Optional.of(bwrap + " not found: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Log.debug("interrupted while probing bubblewrap");
            return java.util.Optional.of("interrupted while probing " + bwrap);
        }
    }
}
