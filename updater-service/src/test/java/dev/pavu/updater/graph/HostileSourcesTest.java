package dev.pavu.updater.graph;

import dev.pavu.updater.graph.GraphModel.Built;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.pavu.updater.graph.GraphFixtures.symbol;
import static dev.pavu.updater.graph.GraphFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile repository: links out of the tree, a link loop, a huge file, broken and absurdly nested code, too many
 * files, no time. The build reads only the tree's own regular files, skips and counts the rest, and never fails.
 */
class HostileSourcesTest {

    @TempDir
    Path tmp;

    private Path project;
    private Path outside;

    private void layout() throws IOException {
        project = Files.createDirectory(tmp.resolve("project"));
        outside = Files.createDirectory(tmp.resolve("host"));
        write(project, "src/main/java/com/acme/App.java", """
                package com.acme;

                public class App {
                    public int run() {
                        return new com.acme.evil.Leaked().secret() + helper();
                    }

                    int helper() {
                        return 1;
                    }
                }
                """);
        // a host file that is valid Java: were it read, its type and method would be symbols and App.run would call it
        write(outside, "com/acme/evil/Leaked.java", """
                package com.acme.evil;

                public class Leaked {
                    public int secret() {
                        return 42; // HOST-SECRET-7d1f
                    }
                }
                """);
        Files.writeString(outside.resolve("secret.txt"), "HOST-SECRET-7d1f password=hunter2\n");
    }

    @Test
    void linksOutOfTheTreeAreNeverFollowed() throws IOException {
        layout();
        Path evilDir = project.resolve("src/main/java/com/acme/evil");
        Files.createDirectories(evilDir);
        Files.createSymbolicLink(evilDir.resolve("Leaked.java"), outside.resolve("com/acme/evil/Leaked.java"));
        Files.createSymbolicLink(project.resolve("src/main/java/Secret.java"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(project.resolve("src/main/java/com/acme/hostdir"), outside.resolve("com"));
        Files.createSymbolicLink(project.resolve("passwd.java"), Path.of("/etc/passwd"));

        Built g = JavaGraphBuilder.build(project, Files.createDirectory(tmp.resolve("scratch")), GraphFixtures.SETTINGS);

        assertEquals(1, g.stats().filesParsed(), g.stats().toString());
        assertEquals(4, g.stats().linksSkipped(), g.stats().toString());
        assertNotNull(symbol(g, "com.acme.App.run()"));
        String everything = g.toString();
        assertFalse(everything.contains("Leaked") || everything.contains("secret") || everything.contains("HOST-SECRET")
                || everything.contains("root:"), everything);
        // the call into the linked type was not resolved through the link: no edge, counted unresolved
        assertTrue(g.stats().callsUnresolved() >= 1, g.stats().toString());
        assertEquals(1, g.stats().callsResolved(), "only App.run -> App.helper: " + GraphFixtures.dump(g));
    }

    @Test
    void aDirectoryLinkLoopEndsAndIsCounted() throws IOException {
        layout();
        Path pkg = project.resolve("src/main/java/com/acme");
        Files.createSymbolicLink(pkg.resolve("loop"), pkg);
        Files.createSymbolicLink(pkg.resolve("up"), project);
        Path a = Files.createDirectories(project.resolve("a"));
        Files.createSymbolicLink(a.resolve("b"), project.resolve("c"));
        Files.createSymbolicLink(project.resolve("c"), a.resolve("b")); // a dangling cycle

        Built g = JavaGraphBuilder.build(project, Files.createDirectory(tmp.resolve("scratch")), GraphFixtures.SETTINGS);

        assertEquals(1, g.stats().filesParsed(), g.stats().toString());
        assertEquals(4, g.stats().linksSkipped(), g.stats().toString());
        assertEquals(1, g.symbols().stream().filter(s -> s.signature().equals("com.acme.App")).count());
    }

    @Test
    void aHugeFileABrokenFileAndDeepNestingAreSkippedAndCounted() throws IOException {
        layout();
        StringBuilder huge = new StringBuilder("package com.acme;\npublic class Huge {\n");
        for (int i = 0; huge.length() < 300_000; i++) {
            huge.append("    int m").append(i).append("() { return ").append(i).append("; }\n");
        }
        write(project, "src/main/java/com/acme/Huge.java", huge.append("}\n").toString());
        write(project, "src/main/java/com/acme/Broken.java", "package com.acme;\npublic class Broken { void x( }\n");
        write(project, "src/main/java/com/acme/Deep.java", "package com.acme;\nclass Deep { int x = "
                + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "; }\n");
        write(project, "src/main/java/com/acme/not-a-type.java", "package com.acme;\nclass NotAType {}\n");
        Files.createFile(project.resolve("src/main/java/com/acme/Fifo.java.tmp"));

        JavaGraphBuilder.Settings small = new JavaGraphBuilder.Settings(100, 100_000, 1 << 20, 60_000, 6, 1000);
        Built g = JavaGraphBuilder.build(project, Files.createDirectory(tmp.resolve("scratch")), small);

        assertEquals(1, g.stats().filesParsed() - countDeepParsed(g), g.stats().toString());
        assertEquals(2, g.stats().filesSkipped(), "Huge.java over 100000 bytes, not-a-type.java: " + g.stats());
        assertTrue(g.stats().filesFailed() >= 1, "Broken.java: " + g.stats());
        assertEquals(3, g.stats().filesParsed() + g.stats().filesFailed(), g.stats().toString());
        assertTrue(g.symbols().stream().noneMatch(s -> s.qualifiedName().startsWith("com.acme.Huge")
                || s.qualifiedName().startsWith("com.acme.NotAType")), GraphFixtures.signatures(g).toString());
        assertNotNull(symbol(g, "com.acme.App.helper()"));
    }

    /** Deep.java either parses (the parser copes) or fails: either way the build goes on. */
    private static int countDeepParsed(Built g) {
        return g.symbols().stream().anyMatch(s -> s.signature().equals("com.acme.Deep")) ? 1 : 0;
    }

    @Test
    void fileCountByteAndTimeLimitsTruncateTheGraphAndSaySo() throws IOException {
        layout();
        for (int i = 0; i < 5; i++) {
            write(project, "src/main/java/com/acme/C" + i + ".java", "package com.acme;\nclass C" + i + " {}\n");
        }
        Path scratch = tmp.resolve("s");
        Built files = JavaGraphBuilder.build(project, Files.createDirectories(scratch.resolve("1")),
                new JavaGraphBuilder.Settings(2, 100_000, 1 << 20, 60_000, 6, 1000));
        assertEquals(2, files.stats().filesParsed(), files.stats().toString());
        assertEquals(4, files.stats().filesSkipped(), files.stats().toString());
        assertTrue(files.stats().truncated().contains("pavu.graph.max-files"), files.stats().truncated());

        Built bytes = JavaGraphBuilder.build(project, Files.createDirectories(scratch.resolve("2")),
                new JavaGraphBuilder.Settings(100, 100_000, 100, 60_000, 6, 1000));
        assertTrue(bytes.stats().truncated().contains("pavu.graph.max-total-bytes"), bytes.stats().toString());

        Built time = JavaGraphBuilder.build(project, Files.createDirectories(scratch.resolve("3")),
                new JavaGraphBuilder.Settings(100, 100_000, 1 << 20, 0, 6, 1000));
        assertTrue(time.stats().truncated().contains("time limit"), time.stats().toString());
        assertEquals(0, time.stats().filesParsed());
    }
}
