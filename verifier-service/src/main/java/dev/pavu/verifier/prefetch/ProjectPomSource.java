package dev.pavu.verifier.prefetch;

import org.apache.maven.model.building.ModelSource2;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * A pom of the checked-out project, read through {@link SafePaths} (below the root, no symbolic link). Its related
 * sources (a parent's {@code relativePath}) are looked up the same way; one outside the project or behind a link is
 * reported as absent, so Maven's model builder falls back to the repository for the parent.
 */
final class ProjectPomSource implements ModelSource2 {

    private final Path root;
    private final Path pom;

    /**
     * @param root the project root (absolute, normalised)
     * @param pom  the pom file, below the root
     */
    ProjectPomSource(Path root, Path pom) {
        this.root = root;
        this.pom = pom;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new ByteArrayInputStream(SafePaths.read(root, pom));
    }

    @Override
    public String getLocation() {
        return pom.toString();
    }

    @Override
    public ModelSource2 getRelatedSource(String relPath) {
        Path dir = pom.getParent();
        if (dir == null || relPath == null || relPath.isBlank()) {
            return null;
        }
        Path p = dir.resolve(relPath.replace('\\', '/')).normalize();
        if (SafePaths.isDirectory(root, p)) {
            p = p.resolve("pom.xml");
        }
        return SafePaths.isRegularFile(root, p) ? new ProjectPomSource(root, p) : null;
    }

    @Override
    public URI getLocationURI() {
        return pom.toUri();
    }

    /** @return the pom file */
    Path pom() {
        return pom;
    }
}
