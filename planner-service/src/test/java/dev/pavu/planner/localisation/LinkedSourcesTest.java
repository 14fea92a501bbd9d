package dev.pavu.planner.localisation;

import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.planner.strategy.CodeContext;
import dev.pavu.workspace.source.GitSources;
import dev.pavu.workspace.source.ResolvedSource;
import dev.pavu.workspace.source.SourceCache;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A submitted repository whose {@code .java} files are links to host files: the planner's source reading (the
 * project index of fault localisation and the call graph, the code context of the strategy step) never returns them.
 */
class LinkedSourcesTest {

    @TempDir
    Path tmp;

    @Test
    void linksToHostFilesAreNeverRead() throws Exception {
        Path host = Files.createDirectories(tmp.resolve("host"));
        Path secret = Files.writeString(host.resolve("Secret.java"),
                "package com.acme; public class Secret { String hash() { return \"root:$6$HOST-SECRET\"; } }\n");
        Path repo = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Path pkg = Files.createDirectories(repo.resolve("src/main/java/com/acme"));
            Files.writeString(pkg.resolve("Good.java"), "package com.acme;\npublic class Good {\n    int one() {\n        return 1;\n    }\n}\n");
            Files.createSymbolicLink(pkg.resolve("A.java"), secret);
            Files.createSymbolicLink(repo.resolve("src/main/java/linked"), host);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("hostile").setAuthor("T", "t@example.org").setCommitter("T", "t@example.org").setSign(false).call();
        }
        ResolvedSource source = GitSources.fromUrl(repo.toString(), null, tmp.resolve("bundles"));
        Path checkout = new SourceCache(tmp.resolve("cache"), sha -> Files.newInputStream(source.bundle()))
                .checkout(source.sha256(), source.commit(), tmp.resolve("checkout"));
        assertTrue(Files.isSymbolicLink(checkout.resolve("src/main/java/com/acme/A.java")), "the checkout keeps the link as a link");

        ProjectIndex index = ProjectIndex.load(checkout, 1000);
        assertTrue(index.type("com.acme.Good").isPresent(), "regular sources are indexed");
        assertTrue(index.type("com.acme.Secret").isEmpty(), "the linked host file is not indexed");
        assertEquals(List.of(), index.mainTypesIn("src/main/java/com/acme/A.java"));
        assertEquals(List.of(), index.mainTypesIn("src/main/java/linked/Secret.java"));

        List<CodeContext.Method> methods = CodeContext.methods(checkout, List.of(
                new SuspiciousLocation("src/main/java/com/acme/A.java", 1, "com.acme.Secret", "hash", 1.0, "test"),
                new SuspiciousLocation("src/main/java/linked/Secret.java", 1, "com.acme.Secret", "hash", 0.9, "test"),
                new SuspiciousLocation("src/main/java/com/acme/Good.java", 4, "com.acme.Good", "one", 0.8, "test")), 10);
        assertEquals(1, methods.size(), methods.toString());
        assertEquals("one", methods.getFirst().name());
        assertFalse(methods.stream().anyMatch(m -> m.text().contains("HOST-SECRET")));
    }
}
