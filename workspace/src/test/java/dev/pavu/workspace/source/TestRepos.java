package dev.pavu.workspace.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

/** Helpers that build small repositories and fingerprint directory trees for the source tests. */
final class TestRepos {

    private TestRepos() {
    }

    static Git init(Path dir) throws Exception {
        return Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    static RevCommit commit(Git git, String message, Map<String, String> files) throws Exception {
        Path root = git.getRepository().getWorkTree().toPath();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("T", "t@example.com").setCommitter("T", "t@example.com")
                .setSign(false).call();
    }

    /** Every entry below {@code root} (including {@code .git}) with type, size, mtime, permissions and content hash. */
    static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                out.put(root.relativize(dir) + "/", "dir " + attrs.lastModifiedTime().toMillis() + " "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String kind;
                if (attrs.isSymbolicLink()) {
                    kind = "link " + Files.readSymbolicLink(file);
                } else {
                    kind = "file " + attrs.size() + " " + attrs.lastModifiedTime().toMillis() + " "
                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + " " + sha(Files.readAllBytes(file));
                }
                out.put(root.relativize(file).toString(), kind);
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    /** Regular files and links below {@code root} by relative path, with their text (links: "-> target"). */
    static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                out.put(root.relativize(file).toString(), attrs.isSymbolicLink()
                        ? "-> " + Files.readSymbolicLink(file) : Files.readString(file));
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    static String sha(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
