package dev.pavu.verifier.source;

import dev.pavu.workspace.layout.BuildKind;
import dev.pavu.contracts.SourceRef;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.workspace.diff.ApplyResult;
import dev.pavu.workspace.diff.UnifiedDiffs;
import dev.pavu.kit.sources.SourceLimitsConfig;
import dev.pavu.kit.sources.SourceLimitsSettings;
import dev.pavu.workspace.source.SourceCache;
import dev.pavu.workspace.source.SourceException;
import dev.pavu.workspace.layout.LayoutDetector;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prepares candidates' private workspaces: a fresh writable checkout of the source at its commit (the
 * workspace library's {@code SourceCache} under {@code <home>/verifier/sources}: bundles fetched once from the
 * planner, SHA-256 checked, within the {@code pavu.sources.*} limits shared with the planner and the actuator), the
 * candidate's diff applied with the workspace library's path policy, and the build layout detected.
 */
@ApplicationScoped
public class Workspaces {

    private final SourceCache cache;

    public Workspaces(PlannerSources planner, VerifierConfig config, SourceLimitsConfig limits) {
        this.cache = new SourceCache(Path.of(config.home(), "verifier", "sources"), planner::open,
                SourceLimitsSettings.limits(limits));
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
        try {
            cache.checkout(source.bundleSha(), source.commit(), target);
        } catch (SourceException e) {
            throw new SourceUnavailableException(e.getMessage());
        }
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
     * @return the build kind: MAVEN, GRADLE, PYTHON, NODE or UNKNOWN
     */
    public BuildKind layout(Path root) {
        return LayoutDetector.detect(root).kind();
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
