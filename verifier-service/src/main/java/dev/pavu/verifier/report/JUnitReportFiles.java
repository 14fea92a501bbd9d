package dev.pavu.verifier.report;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The JUnit XML reports a job's own test command may write, wherever its runner puts them: {@code TEST-*.xml} in
 * any {@code target/surefire-reports} (Maven), below any {@code build/test-results} (Gradle), and every
 * {@code *.xml} below the run's reports directory ({@code $PAVU_REPORTS_DIR}, for runners told where to write,
 * e.g. {@code pytest --junitxml=$PAVU_REPORTS_DIR/pytest.xml}). Symbolic links are not followed, {@code .git}
 * and {@code node_modules} are not searched.
 *
 * <p>The directories are emptied before the command runs, so that reports committed to the repository (or left by
 * an earlier run) never count.
 */
public final class JUnitReportFiles {

    /** The reports directory below the project root, given to the command as {@code PAVU_REPORTS_DIR}. */
    public static final String REPORTS_DIR = ".pavu-reports/test-command";
    /** Report files read at most. */
    static final int MAX_FILES = 10_000;

    private JUnitReportFiles() {
    }

    /**
     * Deletes every report directory below a project root and creates an empty {@link #REPORTS_DIR}.
     *
     * @param root the project root
     * @return the reports directory (absolute)
     */
    public static Path reset(Path root) {
        for (Path dir : reportDirs(root)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                Log.debugf("cannot clear %s: %s", dir, e.getMessage());
            }
        }
        Path own = root.resolve(REPORTS_DIR);
        try {
            Files.createDirectories(own);
        } catch (IOException e) {
            Log.debugf("cannot create %s: %s", own, e.getMessage());
        }
        return own;
    }

    /**
     * @param root the project root, after the command ran
     * @return the report files, sorted, at most {@link #MAX_FILES}
     */
    public static List<Path> find(Path root) {
        List<Path> out = new ArrayList<>();
        for (Path dir : reportDirs(root)) {
            boolean own = dir.endsWith(REPORTS_DIR);
            try (var walk = Files.walk(dir)) {
                walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).filter(p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".xml") && (own || n.startsWith("TEST-"));
                }).sorted().limit(MAX_FILES - out.size()).forEach(out::add);
            } catch (IOException e) {
                Log.debugf("cannot list %s: %s", dir, e.getMessage());
            }
        }
        return out;
    }

    private static List<Path> reportDirs(Path root) {
        return ReportDirs.find(root, dir -> ReportDirs.named(dir, "surefire-reports", "target")
                || ReportDirs.named(dir, "test-results", "build") || dir.equals(root.resolve(REPORTS_DIR)), Set.of(".git", "node_modules"));
    }
}
