package dev.pavu.actuator.proposer.llm;

import dev.pavu.workspace.layout.CheckoutFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Read access to a checked-out repository, by repository-relative path. */
public interface SourceTree {

    /**
     * @param path repository-relative path ({@code /} separated)
     * @return the file's text, or empty when there is no such regular file
     */
    Optional<String> read(String path);

    /** @return every regular file's repository-relative path (build output and VCS folders left out) */
    List<String> paths();

    /**
     * @param root a checkout
     * @return the files under {@code root}; the file list is read once
     */
    static SourceTree of(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return new SourceTree() {
            private List<String> paths;

            @Override
            public Optional<String> read(String path) {
                try {
                    return CheckoutFiles.readString(base, path); // never through a symbolic link
                } catch (IOException e) {
                    return Optional.empty();
                }
            }

            @Override
            public synchronized List<String> paths() {
                if (paths == null) {
                    paths = walk(base);
                }
                return paths;
            }
        };
    }

    /**
     * @param files path → text
     * @return a tree of those files (tests)
     */
    static SourceTree of(Map<String, String> files) {
        return new SourceTree() {
            @Override
            public Optional<String> read(String path) {
                return Optional.ofNullable(files.get(path));
            }

            @Override
            public List<String> paths() {
                return List.copyOf(files.keySet());
            }
        };
    }

    private static List<String> walk(Path base) {
        Set<String> skip = Set.of(".git", "target", "build", "node_modules", ".gradle", ".idea", "out");
        return CheckoutFiles.regularFiles(base, skip, p -> true, 200_000); // regular files only, links left out
    }
}
