package dev.pavu.planner.it;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.BundleWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds small git repositories with JGit and bundles them, as a user's {@code git bundle create} would. */
final class TestRepos {

    /**
     * @param bundle the bundle bytes
     * @param commit the commit on {@code main}
     */
    record Bundled(byte[] bundle, String commit) {
    }

    private TestRepos() {
    }

    /** A one-bug Maven project: {@code Stats.median} divides by 3 instead of 2; {@code StatsTest} exposes it. */
    static final Map<String, String> STATS_PROJECT = Map.of(
            "pom.xml", """
                    <project xmlns="http://maven.apache.org/POM/4.0.0">
                      <modelVersion>4.0.0</modelVersion>
                      <groupId>com.acme</groupId><artifactId>stats</artifactId><version>1.0</version>
                    </project>
                    """,
            "src/main/java/com/acme/stats/Stats.java", """
                    package com.acme.stats;

                    import java.util.Arrays;

                    public class Stats {
                        private final double[] values;

                        public Stats(double... values) {
                            this.values = values.clone();
                        }

                        public double mean() {
                            double sum = 0;
                            for (double v : values) {
                                sum += v;
                            }
                            return sum / values.length;
                        }

                        public double median() {
                            double[] sorted = values.clone();
                            Arrays.sort(sorted);
                            int mid = sorted.length / 2;
                            if (sorted.length % 2 == 1) {
                                return sorted[mid];
                            }
                            return (sorted[mid - 1] + sorted[mid]) / 3;
                        }
                    }
                    """,
            "src/test/java/com/acme/stats/StatsTest.java", """
                    package com.acme.stats;

                    import org.junit.jupiter.api.Test;

                    import static org.junit.jupiter.api.Assertions.assertEquals;

                    class StatsTest {
                        @Test
                        void mean() {
                            assertEquals(2.5, new Stats(1, 2, 3, 4).mean(), 1e-9);
                        }

                        @Test
                        void median() {
                            Stats stats = new Stats(4, 1, 3, 2);
                            assertEquals(2.5, stats.median(), 1e-9);
                        }
                    }
                    """);

    /** Line of {@code / 3} in Stats.java. */
    static final int BUG_LINE = 27;

    /**
     * @param files path → content
     * @return the bundle of a repository with one commit of those files on {@code main}
     */
    static Bundled bundle(Map<String, String> files) throws Exception {
        Path dir = Files.createTempDirectory("pavu-test-repo");
        try (Git git = init(dir, files)) {
            ObjectId commit = git.getRepository().resolve("HEAD");
            Repository repo = git.getRepository();
            BundleWriter writer = new BundleWriter(repo);
            writer.include("refs/heads/main", commit);
            writer.include("HEAD", commit);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.writeBundle(NullProgressMonitor.INSTANCE, out);
            return new Bundled(out.toByteArray(), commit.name());
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * @param dir   an empty directory
     * @param files path → content
     * @return a repository in {@code dir} with one commit of those files on {@code main} (close it)
     */
    static Git init(Path dir, Map<String, String> files) throws Exception {
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        for (var e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        git.add().addFilepattern(".").call();
        git.commit().setMessage("initial").setAuthor("Test", "test@example.org")
                .setCommitter("Test", "test@example.org").setSign(false).call();
        return git;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
