package dev.pavu.verifier.prefetch;

import java.util.List;

/**
 * What one prefetch did.
 *
 * @param modules             modules whose effective model was built
 * @param artifacts           distinct artifacts resolved (dependencies, plugins, providers and their dependencies)
 * @param plugins             distinct build plugins (and extensions, linters) resolved with their dependencies
 * @param providers           distinct artifacts resolved for what mojos resolve themselves at run time: surefire
 *                            providers, JUnit Platform launcher / Vintage, annotation processors
 * @param downloaded          files downloaded into the staging repository
 * @param added               files added to the shared local repository (0 when nothing was promoted)
 * @param promoted            true when the staging repository was added to the shared one
 * @param problems            what could not be resolved or read, one line each (empty = complete)
 * @param ignoredRepositories repositories declared in the project's poms, which were ignored ({@code id (url)})
 * @param millis              wall-clock time, milliseconds
 * @param sameBuildAs         when not {@code null}, nothing was resolved: the project's build files have this
 *                            fingerprint, which a source resolved completely before had too ({@link #unchanged})
 */
public record PrefetchReport(int modules, int artifacts, int plugins, int providers, long downloaded, int added,
                             boolean promoted, List<String> problems, List<String> ignoredRepositories, long millis,
                             BuildFingerprint sameBuildAs) {

    public PrefetchReport {
        problems = List.copyOf(problems);
        ignoredRepositories = List.copyOf(ignoredRepositories);
    }

    /**
     * A project not resolved again: its build files are those of a source resolved completely before.
     *
     * @param fingerprint the build files' fingerprint
     * @param millis      the time taken to compute it, milliseconds
     * @return a complete report that resolved nothing
     */
    public static PrefetchReport unchanged(BuildFingerprint fingerprint, long millis) {
        return new PrefetchReport(0, 0, 0, 0, 0, 0, true, List.of(), List.of(), millis, fingerprint);
    }

    /** @return true when everything was resolved and promoted */
    public boolean complete() {
        return promoted && problems.isEmpty();
    }

    /**
     * @return one line for the candidate's log, e.g. {@code resolved without running the project (Maven Resolver):
     * 2 modules, 57 artifacts, 5 plugins, 3 surefire/JUnit Platform artifacts; 61 files downloaded, 70 added to the
     * local repository, in 8123 ms}
     */
    public String note() {
        if (sameBuildAs != null) {
            return "its " + sameBuildAs.files() + " build file(s) (poms, .mvn/) are those of a source resolved completely "
                    + "before (fingerprint " + sameBuildAs.shortId() + ", compared in " + millis + " ms)";
        }
        StringBuilder b = new StringBuilder("resolved without running the project (Maven Resolver): ")
                .append(modules).append(modules == 1 ? " module, " : " modules, ")
                .append(artifacts).append(" artifacts, ").append(plugins).append(" plugins, ")
                .append(providers).append(" surefire/JUnit Platform artifacts; ")
                .append(downloaded).append(" files downloaded, ");
        b.append(promoted ? added + " added to the local repository" : "NOTHING added to the local repository (a checksum did not match)");
        b.append(", in ").append(millis).append(" ms");
        if (!ignoredRepositories.isEmpty()) {
            b.append("; repositories declared in the poms were ignored: ").append(String.join(", ", ignoredRepositories));
        }
        if (!problems.isEmpty()) {
            b.append("; ").append(problems.size()).append(problems.size() == 1 ? " problem: " : " problems, first: ").append(problems.getFirst());
        }
        return b.toString();
    }
}
