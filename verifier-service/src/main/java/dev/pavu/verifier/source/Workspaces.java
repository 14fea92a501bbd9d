package dev.pavu.verifier.source;

import dev.pavu.contracts.SourceRef;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.workspace.diff.ApplyResult;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prepares candidates' private workspaces: a fresh writable checkout of the source at its commit (bundles
 * fetched once from the planner and cached under {@code <home>/verifier/sources}), the candidate's diff
 * applied with the workspace library's path policy, and the build layout detected.
 */
@ApplicationScoped
public class Workspaces {

    private final PlannerSources planner;
    private final Path cacheDir;

    public Workspaces(PlannerSources planner, VerifierConfig config) {
        this.planner = planner;
        this.cacheDir = Path.of(config.home(), "verifier", "sources");
    }

    /**
     * Checks out a resolved source into an empty directory.
     *
     * @param source the job's source ({@code bundleSha} and {@code commit} set)
     * @param target a directory that does not exist yet
     * @throws SourceUnavailableException when the source is not resolved, cannot be fetched or lacks the commit
     */
    public void checkout(SourceRef source, Path target) {
        if (source == null || !source.resolved()) {
            throw new SourceUnavailableException("the candidate's source is not resolved (no bundleSha/commit): " + source);
        }
        Path bundle = bundle(source.bundleSha());
        git(List.of("git", "clone", "--quiet", "--no-checkout", bundle.toString(), target.toString()), null);
        git(List.of("git", "-c", "advice.detachedHead=false", "checkout", "--quiet", source.commit()), target);
        deleteRecursively(target.resolve(".git"));
    }

    /**
     * Applies a candidate's diff, all or nothing.
     *
     * @param root the checked-out project
     * @param diff unified diff; blank = the empty patch
     * @return the files changed and the hunk count
     * @throws dev.pavu.workspace.diff.PatchRejectedException when the diff is refused or does not apply (clear message)
     */
    public ApplyResult apply(Path root, String diff) {
        return UnifiedDiffs.apply(root, diff);
    }

    /**
     * @param root the checked-out project
     * @return the build kind: {@code MAVEN}, {@code GRADLE}, {@code PYTHON}, {@code NODE} or {@code UNKNOWN}
     */
    public String layout(Path root) {
        if (Files.isRegularFile(root.resolve("pom.xml"))) {
            return "MAVEN";
        }
        if (Files.isRegularFile(root.resolve("build.gradle")) || Files.isRegularFile(root.resolve("build.gradle.kts"))
                || Files.isRegularFile(root.resolve("settings.gradle")) || Files.isRegularFile(root.resolve("settings.gradle.kts"))) {
            return "GRADLE";
        }
        if (Files.isRegularFile(root.resolve("pyproject.toml")) || Files.isRegularFile(root.resolve("setup.py"))
                || Files.isRegularFile(root.resolve("pytest.ini")) || Files.isRegularFile(root.resolve("setup.cfg"))) {
            return "PYTHON";
        }
        if (Files.isRegularFile(root.resolve("package.json"))) {
            return "NODE";
        }
        return "UNKNOWN";
    }

    private synchronized Path bundle(String sha) {
        Path file = cacheDir.resolve(sha + ".bundle");
        if (!Files.isRegularFile(file)) {
            planner.download(sha, file);
        }
        return file;
    }

    private static void git(List<String> command, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new SourceUnavailableException(String.join(" ", command) + " did not finish within 5 min");
            }
            if (p.exitValue() != 0) {
                throw new SourceUnavailableException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted");
        }
    }

    /**
     * Deletes a directory tree (no-op when absent); used for workspaces after their run.
     *
     * @param dir the directory
     */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    p.toFile().setWritable(true);
                    p.toFile().delete();
                }
            });
        } catch (IOException e) {
            Log.warnf("could not delete %s entirely: %s", dir, e.getMessage());
        }
    }
}
