package dev.pavu.workspace.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pavu.workspace.source.GitBombs.Entry;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkouts of repositories whose links point out of the checkout: links are written as links, never written through. */
class HostileCheckoutTest {

    @TempDir
    Path tmp;

    @Test
    void aFileBelowALinkToAnOutsideDirectoryIsRefusedAndNothingIsWrittenOutside() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path repoDir = tmp.resolve("hostile.git");
        ObjectId commit;
        try (Repository repo = GitBombs.bare(repoDir); ObjectInserter ins = repo.newObjectInserter()) {
            // a malformed tree: 'dir' is a link to the outside directory AND a directory holding 'file'
            ObjectId inner = GitBombs.tree(ins, Map.of("file", new Entry(FileMode.REGULAR_FILE, GitBombs.blob(ins, "pwned\n"))));
            ObjectId tree = malformed(ins, outside.toString(), inner);
            commit = GitBombs.commit(repo, ins, tree);
        }
        Path target = Files.createDirectories(tmp.resolve("checkout"));
        SourceException e = assertThrows(SourceException.class,
                () -> CheckoutWriter.export(repoDir, commit.name(), target, SourceLimits.DEFAULTS));
        assertTrue(e.getMessage().contains("below the symbolic link 'dir'"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("file")), "nothing was written through the link");
        assertTrue(Files.isSymbolicLink(target.resolve("dir")), "the link itself is written as a link");
    }

    @Test
    void linksAreCheckedOutAsLinksAndNeverFollowed() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "host secret\n");
        Path repoDir = tmp.resolve("links.git");
        ObjectId commit;
        try (Repository repo = GitBombs.bare(repoDir); ObjectInserter ins = repo.newObjectInserter()) {
            Map<String, Entry> root = new java.util.TreeMap<>();
            root.put("A.java", new Entry(FileMode.SYMLINK, GitBombs.blob(ins, secret.toString())));
            root.put("B.java", new Entry(FileMode.REGULAR_FILE, GitBombs.blob(ins, "class B {}\n")));
            commit = GitBombs.commit(repo, ins, GitBombs.tree(ins, root));
        }
        Path target = Files.createDirectories(tmp.resolve("checkout"));
        CheckoutWriter.export(repoDir, commit.name(), target, SourceLimits.DEFAULTS);
        assertTrue(Files.isSymbolicLink(target.resolve("A.java")));
        assertEquals(secret, Files.readSymbolicLink(target.resolve("A.java")));
        assertEquals("class B {}\n", Files.readString(target.resolve("B.java")));
        assertEquals("host secret\n", Files.readString(secret), "the link's target is untouched");
        assertTrue(Files.isRegularFile(target.resolve("B.java"), LinkOption.NOFOLLOW_LINKS));
    }

    /** A root tree listing 'dir' twice: first as a link to {@code target}, then as a directory holding {@code inner}. */
    private static ObjectId malformed(ObjectInserter ins, String target, ObjectId inner) throws Exception {
        org.eclipse.jgit.lib.TreeFormatter f = new org.eclipse.jgit.lib.TreeFormatter();
        f.append("dir", FileMode.SYMLINK, GitBombs.blob(ins, target));
        f.append("dir", FileMode.TREE, inner);
        return ins.insert(f);
    }
}
