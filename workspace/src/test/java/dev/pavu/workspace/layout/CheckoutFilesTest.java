package dev.pavu.workspace.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile checkout whose links point at host files: nothing of the host is ever read through them. */
class CheckoutFilesTest {

    @TempDir
    Path tmp;
    Path root;
    Path secret;

    @BeforeEach
    void hostileCheckout() throws Exception {
        Path host = Files.createDirectories(tmp.resolve("host"));
        secret = Files.writeString(host.resolve("shadow"), "root:$6$secret-hash:19000::::::\n");
        Files.writeString(host.resolve("Leak.java"), "class Leak { String s = \"host file\"; }\n");
        Files.writeString(host.resolve("pom.xml"), "<project><modules><module>leaked</module></modules></project>");
        root = Files.createDirectories(tmp.resolve("checkout"));
        Path java = Files.createDirectories(root.resolve("src/main/java"));
        Files.writeString(java.resolve("Good.java"), "class Good {}\n");
        Files.createSymbolicLink(java.resolve("A.java"), secret);
        Files.createSymbolicLink(java.resolve("Rel.java"), Path.of("../../../../host/shadow"));
        Files.createSymbolicLink(root.resolve("linked"), host); // a directory link out of the checkout
        Files.createSymbolicLink(root.resolve("inside.java"), Path.of("src/main/java/Good.java")); // a link inside, also refused
    }

    @Test
    void linksAndFilesBelowLinksAreAbsent() throws Exception {
        assertEquals(Optional.of("class Good {}\n"), CheckoutFiles.readString(root, "src/main/java/Good.java"));
        assertEquals(Optional.empty(), CheckoutFiles.readString(root, "src/main/java/A.java"));
        assertEquals(Optional.empty(), CheckoutFiles.readString(root, "src/main/java/Rel.java"));
        assertEquals(Optional.empty(), CheckoutFiles.readString(root, "linked/shadow"));
        assertEquals(Optional.empty(), CheckoutFiles.readString(root, "linked/Leak.java"));
        assertEquals(Optional.empty(), CheckoutFiles.readString(root, "inside.java"));
        assertEquals(Optional.empty(), CheckoutFiles.readString(root, "../host/shadow"));
        assertEquals(Optional.empty(), CheckoutFiles.readString(root, secret.toString()));
        assertFalse(CheckoutFiles.isDirectory(root, "linked"));
        assertTrue(CheckoutFiles.isDirectory(root, "src/main"));
        assertTrue(CheckoutFiles.isRegularFile(root, "./src//main/java/Good.java"));
    }

    @Test
    void listingReturnsRegularFilesOnlyAndNeverEntersALinkedDirectory() {
        List<String> java = CheckoutFiles.regularFiles(root, Set.of(".git"), p -> p.endsWith(".java"), 1000);
        assertEquals(List.of("src/main/java/Good.java"), java);
        List<String> all = CheckoutFiles.regularFiles(root, Set.of(), p -> true, 1000);
        assertTrue(all.stream().noneMatch(p -> p.startsWith("linked")), all.toString());
    }

    @Test
    void aPomThatIsALinkToAHostFileIsNotRead() throws Exception {
        Files.createSymbolicLink(root.resolve("pom.xml"), tmp.resolve("host/pom.xml"));
        Layout layout = LayoutDetector.detect(root);
        assertEquals(BuildKind.UNKNOWN, layout.kind(), "a linked pom.xml counts as absent: " + layout);
        Files.delete(root.resolve("pom.xml"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.createSymbolicLink(root.resolve("src/test"), tmp.resolve("host"));
        Layout real = LayoutDetector.detect(root);
        assertEquals(BuildKind.MAVEN, real.kind());
        assertEquals(List.of(Path.of("src/main/java")), real.sourceRoots());
        assertEquals(List.of(), real.testRoots(), "a linked test directory is not a test directory");
    }
}
