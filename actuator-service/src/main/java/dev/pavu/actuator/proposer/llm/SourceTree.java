package dev.pavu.actuator.proposer.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
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
                Path f = base.resolve(path).normalize();
                if (!f.startsWith(base) || !Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Files.readString(f, StandardCharsets.UTF_8));
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
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(base) && skip.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && out.size() < 200_000) {
                        out.add(base.relativize(file).toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
