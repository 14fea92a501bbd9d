package dev.pavu.cli;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * What a command may touch of its surroundings: its output streams, its environment and working directory,
 * and how often it polls. Tests give their own; {@link #system()} is the real process.
 *
 * @param out          standard output (results: JSON, patches, tables)
 * @param err          standard error (progress, messages)
 * @param env          environment variables ({@code PAVU_PLANNER_URL}, {@code PAVU_ROOT}, …)
 * @param workingDir   directory relative paths are resolved against
 * @param pollInterval how often {@code --wait} polls the planner (about 500 ms)
 * @param zone         time zone of the times printed in timelines
 */
public record CliContext(PrintStream out, PrintStream err, Map<String, String> env, Path workingDir,
                         Duration pollInterval, ZoneId zone) {

    /** Default planner URL when neither {@code --planner} nor {@code PAVU_PLANNER_URL} is given. */
    public static final String DEFAULT_PLANNER_URL = "http://localhost:8081";

    /** @return the context of this process (System.out/err, real environment, current directory) */
    public static CliContext system() {
        return new CliContext(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(),
                Duration.ofMillis(500), ZoneId.systemDefault());
    }

    /**
     * @param option the {@code --planner} value, or {@code null}
     * @return the planner's base URL without a trailing slash: the option, else {@code PAVU_PLANNER_URL}, else
     *         {@code http://localhost:$PAVU_PLANNER_PORT} (the port the local stack started the planner on), else
     *         {@value #DEFAULT_PLANNER_URL}
     */
    public String plannerUrl(String option) {
        String url = option;
        if (url == null || url.isBlank()) {
            url = env.get("PAVU_PLANNER_URL");
        }
        String port = env.get("PAVU_PLANNER_PORT");
        if ((url == null || url.isBlank()) && port != null && port.strip().matches("\\d{1,5}")) {
            url = "http://localhost:" + port.strip();
        }
        if (url == null || url.isBlank()) {
            url = DEFAULT_PLANNER_URL;
        }
        url = url.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (!url.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw CliException.usage("--planner must be an http(s) URL such as " + DEFAULT_PLANNER_URL + ", was '" + url + "'");
        }
        return url;
    }

    /**
     * The Pavu checkout (the folder holding {@code deploy/local/stack}): {@code PAVU_ROOT} (the {@code ./pavu}
     * launcher sets it), else the working directory or one of its parents, else the checkout the CLI jar was
     * built in.
     *
     * @return the repository root
     * @throws CliException (usage) when none is found
     */
    public Path repoRoot() {
        String fromEnv = env.get("PAVU_ROOT");
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path root = Path.of(fromEnv).toAbsolutePath().normalize();
            if (isRoot(root)) {
                return root;
            }
            throw CliException.usage("PAVU_ROOT=" + fromEnv + " is not a Pavu checkout (no deploy/local/stack there)");
        }
        return ancestorRoot(workingDir).or(CliContext::jarRoot).orElseThrow(() -> CliException.usage(
                "cannot find the Pavu checkout (deploy/local/stack) from " + workingDir
                        + ": run pavu from the repository, or set PAVU_ROOT"));
    }

    private static Optional<Path> ancestorRoot(Path start) {
        for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (isRoot(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> jarRoot() {
        try {
            var source = CliContext.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : ancestorRoot(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isRoot(Path d) {
        return Files.isRegularFile(d.resolve("deploy/local/stack"));
    }
}
