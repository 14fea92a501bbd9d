package dev.pavu.workspace.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {

    @TempDir
    Path tmp;

    private Map<String, String> checkout(ResolvedSource s, String name) {
        SourceCache cache = new SourceCache(tmp.resolve("cache"), sha -> Files.newInputStream(s.bundle()));
        try {
            return TestRepos.contents(cache.checkout(s.sha256(), s.commit(), tmp.resolve(name)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void gitWorkingTreeAsTheUserSeesItWithoutTouchingIt() throws Exception {
        Path user = tmp.resolve("user");
        try (Git git = TestRepos.init(user)) {
            TestRepos.commit(git, "base", Map.of(
                    "target/forced.txt", "tracked although ignored later\n",
                    "src/A.java", "class A {}\n",
                    "src/Deleted.java", "class Deleted {}\n",
                    "README.md", "committed\n"));
            TestRepos.commit(git, "ignore build output", Map.of(".gitignore", "target/\n*.log\n"));
        }
        Files.writeString(user.resolve("README.md"), "edited, not committed\n");
        Files.delete(user.resolve("src/Deleted.java"));
        Files.writeString(user.resolve("src/New.java"), "class New {}\n");
        Files.writeString(user.resolve("debug.log"), "ignored\n");
        Files.writeString(user.resolve("target/A.class"), "ignored build output\n");
        Files.writeString(user.resolve("tool.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(user.resolve("tool.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));

        Map<String, String> before = TestRepos.fingerprint(user);
        ResolvedSource snap = GitSources.snapshot(user, tmp.resolve("work"));
        assertEquals(before, TestRepos.fingerprint(user), "the user's tree and .git are byte-for-byte and time-for-time unchanged");

        Map<String, String> files = checkout(snap, "seen");
        assertEquals(Map.of(
                ".gitignore", "target/\n*.log\n",
                "README.md", "edited, not committed\n",
                "src/A.java", "class A {}\n",
                "src/New.java", "class New {}\n",
                "target/forced.txt", "tracked although ignored later\n",
                "tool.sh", "#!/bin/sh\n"), files);
        assertTrue(Files.isExecutable(tmp.resolve("seen/tool.sh")));

        ResolvedSource again = GitSources.snapshot(user, tmp.resolve("work"));
        assertEquals(snap.commit(), again.commit(), "an unchanged tree gives the same commit");
        Files.writeString(user.resolve("src/New.java"), "class New { int x; }\n");
        assertNotEquals(snap.commit(), GitSources.snapshot(user, tmp.resolve("work")).commit());
    }

    @Test
    void subdirectoryOfARepositoryIsSnapshotOnItsOwn() throws Exception {
        Path user = tmp.resolve("mono");
        try (Git git = TestRepos.init(user)) {
            TestRepos.commit(git, "base", Map.of(".gitignore", "*.tmp\n", "svc/App.java", "class App {}\n", "other/B.java", "class B {}\n"));
        }
        Files.writeString(user.resolve("svc/scratch.tmp"), "ignored by the parent's .gitignore\n");
        Map<String, String> before = TestRepos.fingerprint(user);
        ResolvedSource snap = GitSources.snapshot(user.resolve("svc"), tmp.resolve("work"));
        assertEquals(before, TestRepos.fingerprint(user));
        assertEquals(Map.of("App.java", "class App {}\n"), checkout(snap, "svc"));
    }

    @Test
    void untrackedDirectoryBelowARepositoryIsAPlainDirectory() throws Exception {
        Path home = tmp.resolve("home");
        try (Git git = TestRepos.init(home)) {
            TestRepos.commit(git, "dotfiles", Map.of(".gitignore", "*\n!.bashrc\n", ".bashrc", "alias ll='ls -l'\n"));
        }
        Path project = Files.createDirectories(home.resolve("projects/app"));
        Files.writeString(project.resolve("main.py"), "print(1)\n");
        ResolvedSource snap = GitSources.snapshot(project, tmp.resolve("work"));
        assertEquals(Map.of("main.py", "print(1)\n"), checkout(snap, "app"), "the dotfiles repository's '*' does not hide the project");
    }

    @Test
    void plainDirectorySkipsBuildOutputAndKeepsLinks() throws Exception {
        Path user = tmp.resolve("plain");
        Files.createDirectories(user.resolve("src"));
        Files.writeString(user.resolve("src/main.py"), "print('hi')\n");
        Files.writeString(user.resolve("pyproject.toml"), "[project]\nname='x'\n");
        for (String skipped : new String[] {"target", "build", "node_modules", "sub/node_modules", ".git"}) {
            Files.createDirectories(user.resolve(skipped));
            Files.writeString(user.resolve(skipped).resolve("junk"), "junk\n");
        }
        Files.createSymbolicLink(user.resolve("alias.py"), Path.of("src/main.py"));
        Map<String, String> before = TestRepos.fingerprint(user);
        ResolvedSource snap = GitSources.snapshot(user, tmp.resolve("work"));
        assertEquals(before, TestRepos.fingerprint(user));
        assertEquals(Map.of("src/main.py", "print('hi')\n", "pyproject.toml", "[project]\nname='x'\n", "alias.py", "-> src/main.py"),
                checkout(snap, "plain-out"));
        assertEquals(snap.commit(), GitSources.snapshotId(user), "the in-memory id is the uploaded snapshot's");
        Files.writeString(user.resolve("src/main.py"), "print('bye')\n");
        assertNotEquals(snap.commit(), GitSources.snapshotId(user), "a changed file changes the id");
    }

    @Test
    void refusesMissingDirectoryAndWorkDirInsideTheTree() throws Exception {
        SourceException missing = assertThrows(SourceException.class, () -> GitSources.snapshot(tmp.resolve("nope"), tmp.resolve("w")));
        assertTrue(missing.getMessage().contains("is not a directory"), missing.getMessage());
        Path user = Files.createDirectories(tmp.resolve("u"));
        SourceException inside = assertThrows(SourceException.class, () -> GitSources.snapshot(user, user.resolve(".pavu")));
        assertTrue(inside.getMessage().contains("choose a work directory elsewhere"), inside.getMessage());
    }
}
