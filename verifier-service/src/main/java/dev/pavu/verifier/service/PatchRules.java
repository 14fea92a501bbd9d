package dev.pavu.verifier.service;

import dev.pavu.contracts.GatePolicy;
import dev.pavu.workspace.diff.PathPolicy;
import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.ProtectedPaths;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The protected-path rules of a job's candidates ({@link ProtectedPaths}): test sources, build and CI files stay
 * untouched unless the job's gate policy says {@code allowTestEdits} / {@code allowBuildEdits}; with a test command,
 * the repository files it names (e.g. {@code ./run-tests.sh}, {@code scripts/ci.sh}) count as build files too, so
 * that a candidate cannot pass by rewriting the script that judges it.
 */
final class PatchRules {

    private PatchRules() {
    }

    /**
     * @param policy      the job's gate policy, or {@code null}
     * @param testCommand the job's test command, or {@code null}
     * @param root        the checked-out project (before the patch)
     * @return the rules
     */
    static ProtectedPaths.Rules of(GatePolicy policy, String testCommand, Path root) {
        return new ProtectedPaths.Rules(policy != null && policy.testEditsAllowed(), policy != null && policy.buildEditsAllowed(),
                commandFiles(testCommand, root));
    }

    /**
     * @param command a shell command, or {@code null}
     * @param root    the project root
     * @return the normalised repo-relative paths of the regular files (not links) of the project the command's words
     *         name, e.g. {@code run-tests.sh} for {@code sh ./run-tests.sh > out.txt && echo ok}
     */
    static Set<String> commandFiles(String command, Path root) {
        Set<String> out = new LinkedHashSet<>();
        if (command == null || command.isBlank()) {
            return out;
        }
        for (String word : command.split("[\\s;&|<>()`'\"=]+")) {
            if (word.isEmpty() || word.startsWith("-") || word.startsWith("$")) {
                continue;
            }
            try {
                String rel = PathPolicy.normalise(word);
                Path p = root.resolve(rel).normalize();
                if (p.startsWith(root) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(rel);
                }
            } catch (PatchRejectedException | java.nio.file.InvalidPathException e) {
                // not a path of the project (absolute, '..', …): nothing to protect
            }
        }
        return out;
    }
}
