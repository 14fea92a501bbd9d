package dev.pavu.verifier.prefetch;

import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.metadata.DefaultMetadata;
import org.eclipse.aether.metadata.Metadata;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.resolution.MetadataRequest;
import org.eclipse.aether.resolution.VersionRequest;
import org.eclipse.aether.resolution.VersionResolutionException;
import org.eclipse.aether.transfer.ChecksumFailureException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One prefetch's resolutions in one resolver session: each call resolves a dependency tree (or a version, or group
 * metadata) with the configured repositories, remembers what it resolved and what failed, and whether any failure was
 * a checksum mismatch (then nothing of the staging repository may be promoted).
 */
final class ResolutionRun {

    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final Set<String> artifacts = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final long deadlineNanos;
    private boolean integrityFailure;

    /**
     * @param session       the session (staging repository)
     * @param repositories  the configured remote repositories
     * @param deadlineNanos {@link System#nanoTime()} after which no resolution starts
     */
    ResolutionRun(RepositorySystemSession session, List<RemoteRepository> repositories, long deadlineNanos) {
        this.session = session;
        this.repositories = repositories;
        this.deadlineNanos = deadlineNanos;
    }

    /** @return the session */
    RepositorySystemSession session() {
        return session;
    }

    /**
     * Resolves a tree: collect, then download every accepted node's file.
     *
     * @param what    what it is, for problems (e.g. {@code the dependencies of module b})
     * @param root    the root dependency (a plugin) or {@code null} for a project's own dependencies
     * @param rootArtifact the project's artifact when {@code root} is null
     * @param deps    direct dependencies
     * @param managed managed dependencies
     * @param filter  nodes to download, {@code null} = all
     * @return the artifacts resolved (those that failed are missing)
     * @throws InterruptedException when the thread was interrupted (the prefetch's time is up)
     */
    List<Artifact> tree(String what, Dependency root, Artifact rootArtifact, List<Dependency> deps, List<Dependency> managed,
                        DependencyFilter filter) throws InterruptedException {
        return tree(session, what, root, rootArtifact, deps, managed, filter);
    }

    /**
     * Resolves a tree with every dependency at the version its pom declares (no dependency management applied), for
     * artifacts the offline Maven resolves at run time with its own, older resolver, which settles managed versions
     * differently: surefire 3.5.2's JUnit Platform provider needs {@code junit-platform-commons} 1.9.3 as declared,
     * which the managed tree replaced (the bundled example failed from an empty local repository).
     *
     * @param what what it is, for problems
     * @param root the root dependency
     * @return the artifacts resolved
     * @throws InterruptedException when the prefetch's time is up
     */
    List<Artifact> treeAsDeclared(String what, Dependency root) throws InterruptedException {
        org.eclipse.aether.DefaultRepositorySystemSession declared = new org.eclipse.aether.DefaultRepositorySystemSession(session);
        declared.setDependencyManager(new org.eclipse.aether.util.graph.manager.NoopDependencyManager());
        return tree(declared, what + " (as declared)", root, null, List.of(), List.of(), null);
    }

    private List<Artifact> tree(RepositorySystemSession session, String what, Dependency root, Artifact rootArtifact, List<Dependency> deps,
                                List<Dependency> managed, DependencyFilter filter) throws InterruptedException {
        checkInterrupted();
        CollectRequest cr = new CollectRequest();
        if (root != null) {
            cr.setRoot(root);
        } else {
            cr.setRootArtifact(rootArtifact);
        }
        cr.setDependencies(deps);
        cr.setManagedDependencies(managed);
        cr.setRepositories(repositories);
        List<ArtifactResult> results;
        try {
            DependencyResult r = Resolvers.system().resolveDependencies(session, new DependencyRequest(cr, filter));
            results = r.getArtifactResults();
        } catch (DependencyResolutionException e) {
            fail(what, e);
            results = e.getResult() == null ? List.of() : e.getResult().getArtifactResults();
        } catch (RuntimeException e) {
            fail(what, e);
            results = List.of();
        }
        List<Artifact> got = new ArrayList<>();
        for (ArtifactResult ar : results) {
            if (ar.isResolved()) {
                got.add(ar.getArtifact());
                artifacts.add(ar.getArtifact().toString());
            }
        }
        return got;
    }

    /**
     * Resolves {@code RELEASE} of an artifact (a plugin declared without a version), as Maven does, from the
     * repository's metadata (which is staged too, for the offline run).
     *
     * @return the version, or null when it cannot be found (noted)
     */
    String release(String groupId, String artifactId) throws InterruptedException {
        checkInterrupted();
        try {
            return Resolvers.system().resolveVersion(session, new VersionRequest(
                    new DefaultArtifact(groupId, artifactId, "jar", "RELEASE"), repositories, null)).getVersion();
        } catch (VersionResolutionException | RuntimeException e) {
            fail("the version of " + groupId + ":" + artifactId, e);
            return null;
        }
    }

    /**
     * Fetches a group's plugin metadata ({@code maven-metadata.xml}: plugin prefixes such as {@code dependency:}).
     * Missing metadata is not a problem (a repository may have none).
     */
    void groupMetadata(String groupId) throws InterruptedException {
        checkInterrupted();
        MetadataRequest mr = new MetadataRequest(new DefaultMetadata(groupId, "maven-metadata.xml", Metadata.Nature.RELEASE_OR_SNAPSHOT));
        for (RemoteRepository r : repositories) {
            mr.setRepository(r);
            Resolvers.system().resolveMetadata(session, List.of(mr)).forEach(res -> {
                if (res.getException() != null && integrity(res.getException())) {
                    fail("the plugin metadata of " + groupId, res.getException());
                }
            });
        }
    }

    /** Records a failure that happened outside a resolution (e.g. a pom that could not be read). */
    void problem(String line) {
        problems.add(line);
    }

    /** @return artifacts resolved so far ({@code g:a:ext[:classifier]:v}), each once */
    Set<String> artifacts() {
        return Collections.unmodifiableSet(artifacts);
    }

    /** @return problems so far, one line each */
    List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** @return true when a download failed its checksum */
    boolean integrityFailure() {
        return integrityFailure;
    }

    private void fail(String what, Exception e) {
        boolean checksum = integrity(e);
        integrityFailure |= checksum;
        String msg = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        problems.add((checksum ? "CHECKSUM MISMATCH: " : "") + what + ": " + (msg.length() > 500 ? msg.substring(0, 500) + "…" : msg));
    }

    /** @return true when a checksum failure is among the causes (or suppressed or per-artifact exceptions) */
    static boolean integrity(Throwable t) {
        return integrity(t, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean integrity(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (t instanceof ChecksumFailureException) {
            return true;
        }
        if (t instanceof DependencyResolutionException d && d.getResult() != null) {
            for (ArtifactResult ar : d.getResult().getArtifactResults()) {
                for (Exception e : ar.getExceptions()) {
                    if (integrity(e, seen)) {
                        return true;
                    }
                }
            }
        }
        if (t instanceof org.eclipse.aether.resolution.ArtifactResolutionException a) {
            for (ArtifactResult ar : a.getResults()) {
                for (Exception e : ar.getExceptions()) {
                    if (integrity(e, seen)) {
                        return true;
                    }
                }
            }
        }
        for (Throwable s : t.getSuppressed()) {
            if (integrity(s, seen)) {
                return true;
            }
        }
        return integrity(t.getCause(), seen);
    }

    /** @throws InterruptedException when the thread was interrupted or the deadline has passed */
    void checkInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted() || System.nanoTime() - deadlineNanos > 0) {
            throw new InterruptedException("the prefetch's time is up");
        }
    }
}
