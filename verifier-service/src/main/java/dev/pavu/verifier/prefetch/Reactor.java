package dev.pavu.verifier.prefetch;

import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.repository.WorkspaceRepository;

import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Writer;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's own modules as the resolver sees them: a module's dependency on a sibling brings the sibling's
 * dependencies, from the sibling's EFFECTIVE model (already built safely by {@link ProjectModels}, written without its
 * parent to a private file, so the resolver never reads the checkout's poms itself nor follows a link there); their
 * jars are never looked for (the offline run builds them), and {@link #notSibling()} keeps them out of what is
 * downloaded.
 */
final class Reactor implements WorkspaceReader {

    private final WorkspaceRepository repository = new WorkspaceRepository("reactor");
    private final Map<String, ProjectModels.Module> byGa = new HashMap<>();
    private final Map<String, File> poms = new HashMap<>();

    /**
     * @param modules the project's modules
     * @param dir     a private directory for their effective poms
     * @throws IOException when a pom cannot be written there
     */
    Reactor(List<ProjectModels.Module> modules, Path dir) throws IOException {
        Files.createDirectories(dir);
        int i = 0;
        for (ProjectModels.Module m : modules) {
            byGa.put(m.ga(), m);
            Model flat = m.model().clone();
            flat.setParent(null);
            Path pom = dir.resolve("module-" + (i++) + ".pom");
            try (Writer w = Files.newBufferedWriter(pom)) {
                new MavenXpp3Writer().write(w, flat);
            }
            poms.put(m.ga(), pom.toFile());
        }
    }

    /**
     * @param groupId    a group
     * @param artifactId an artifact
     * @return true when a module of the project has these coordinates
     */
    boolean contains(String groupId, String artifactId) {
        return byGa.containsKey(groupId + ":" + artifactId);
    }

    /** @return a filter that lets through every node except the project's own modules */
    DependencyFilter notSibling() {
        return (node, parents) -> node.getArtifact() == null
                || !contains(node.getArtifact().getGroupId(), node.getArtifact().getArtifactId());
    }

    @Override
    public WorkspaceRepository getRepository() {
        return repository;
    }

    @Override
    public File findArtifact(Artifact artifact) {
        ProjectModels.Module m = byGa.get(artifact.getGroupId() + ":" + artifact.getArtifactId());
        if (m == null || !"pom".equals(artifact.getExtension()) || !artifact.getClassifier().isEmpty()
                || !artifact.getBaseVersion().equals(m.model().getVersion())) {
            return null;
        }
        return poms.get(m.ga());
    }

    @Override
    public List<String> findVersions(Artifact artifact) {
        ProjectModels.Module m = byGa.get(artifact.getGroupId() + ":" + artifact.getArtifactId());
        return m == null ? Collections.emptyList() : List.of(m.model().getVersion());
    }
}
