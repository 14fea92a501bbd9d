package dev.pavu.verifier.prefetch;

import org.apache.maven.model.Dependency;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Repository;
import org.apache.maven.model.building.FileModelSource;
import org.apache.maven.model.building.ModelSource;
import org.apache.maven.model.resolution.ModelResolver;
import org.apache.maven.model.resolution.UnresolvableModelException;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.resolution.VersionRangeResult;

import java.util.List;
import java.util.Set;

/**
 * The model builder's way to parent poms and imported BOMs that are not in the checkout: Maven Resolver with the
 * configured remote repositories only. Repositories a pom declares are recorded (for the note) and IGNORED, so a
 * hostile pom cannot make the verifier contact a server of its choice.
 */
final class RepositoryModelResolver implements ModelResolver {

    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final Set<String> ignored;

    /**
     * @param session      the resolver session (staging repository)
     * @param repositories the configured remote repositories
     * @param ignored      receives {@code id (url)} of each repository a pom declared
     */
    RepositoryModelResolver(RepositorySystemSession session, List<RemoteRepository> repositories, Set<String> ignored) {
        this.session = session;
        this.repositories = repositories;
        this.ignored = ignored;
    }

    @Override
    public ModelSource resolveModel(String groupId, String artifactId, String version) throws UnresolvableModelException {
        Artifact pom = new DefaultArtifact(groupId, artifactId, "", "pom", version);
        try {
            pom = Resolvers.system().resolveArtifact(session, new ArtifactRequest(pom, repositories, null)).getArtifact();
        } catch (ArtifactResolutionException e) {
            throw new UnresolvableModelException(e.getMessage(), groupId, artifactId, version, e);
        }
        return new FileModelSource(pom.getFile());
    }

    @Override
    public ModelSource resolveModel(Parent parent) throws UnresolvableModelException {
        String version = highest(parent.getGroupId(), parent.getArtifactId(), parent.getVersion());
        parent.setVersion(version);
        return resolveModel(parent.getGroupId(), parent.getArtifactId(), version);
    }

    @Override
    public ModelSource resolveModel(Dependency dependency) throws UnresolvableModelException {
        String version = highest(dependency.getGroupId(), dependency.getArtifactId(), dependency.getVersion());
        dependency.setVersion(version);
        return resolveModel(dependency.getGroupId(), dependency.getArtifactId(), version);
    }

    private String highest(String g, String a, String version) throws UnresolvableModelException {
        if (version == null || !(version.startsWith("[") || version.startsWith("("))) {
            return version;
        }
        try {
            VersionRangeResult r = Resolvers.system().resolveVersionRange(session,
                    new VersionRangeRequest(new DefaultArtifact(g, a, "", "pom", version), repositories, null));
            if (r.getHighestVersion() == null) {
                throw new UnresolvableModelException("no version of " + g + ":" + a + " matches " + version, g, a, version);
            }
            return r.getHighestVersion().toString();
        } catch (VersionRangeResolutionException e) {
            throw new UnresolvableModelException(e.getMessage(), g, a, version, e);
        }
    }

    @Override
    public void addRepository(Repository repository) {
        addRepository(repository, false);
    }

    @Override
    public void addRepository(Repository repository, boolean replace) {
        if (!"central".equals(repository.getId()) || !String.valueOf(repository.getUrl()).startsWith("https://repo.maven.apache.org/")) {
            ignored.add(repository.getId() + " (" + repository.getUrl() + ")");
        }
    }

    @Override
    public ModelResolver newCopy() {
        return new RepositoryModelResolver(session, repositories, ignored);
    }
}
