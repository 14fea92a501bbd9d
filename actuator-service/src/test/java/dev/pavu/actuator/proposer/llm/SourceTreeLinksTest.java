package dev.pavu.actuator.proposer.llm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A checkout of a hostile repository whose sources are links to host files (the verifier's home, /etc/shadow):
 * the proposer's view of the tree neither lists nor reads them, so no host file reaches a model prompt.
 */
class SourceTreeLinksTest {

    @TempDir
    Path tmp;

    @Test
    void linksToHostFilesAreNeitherListedNorRead() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("verifier-home"));
        Path secret = Files.writeString(home.resolve("credentials"), "token=HOST-SECRET\n");
        Path root = Files.createDirectories(tmp.resolve("checkout"));
        Path pkg = Files.createDirectories(root.resolve("src/main/java/p"));
        Files.writeString(pkg.resolve("Good.java"), "package p; class Good {}\n");
        Files.createSymbolicLink(pkg.resolve("A.java"), secret);
        Files.createSymbolicLink(root.resolve("src/main/java/home"), home);

        SourceTree tree = SourceTree.of(root);
        assertEquals(List.of("src/main/java/p/Good.java"), tree.paths());
        assertEquals(Optional.of("package p; class Good {}\n"), tree.read("src/main/java/p/Good.java"));
        assertEquals(Optional.empty(), tree.read("src/main/java/p/A.java"));
        assertEquals(Optional.empty(), tree.read("src/main/java/home/credentials"));
        assertEquals(Optional.empty(), tree.read("../verifier-home/credentials"));
    }
}
