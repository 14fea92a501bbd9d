package dev.pavu.workspace.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Recognises a repository's build system and its source and test directories from the files at its root.
 *
 * <p>Precedence: {@code pom.xml} → {@link BuildKind#MAVEN} (with the modules its {@code <modules>} name, recursively,
 * and {@code <sourceDirectory>}/{@code <testSourceDirectory>} when set); {@code build.gradle(.kts)},
 * {@code settings.gradle(.kts)} or {@code gradlew} → {@link BuildKind#GRADLE} (with the projects
 * {@code settings.gradle} includes); {@code pyproject.toml}, {@code setup.py}, {@code setup.cfg}, {@code tox.ini},
 * {@code pytest.ini}, {@code tests/*.py}, or {@code test_*.py}/{@code *_test.py} at the root or in {@code test/}
 * → {@link BuildKind#PYTHON}; {@code package.json} → {@link BuildKind#NODE}; else
 * {@link BuildKind#UNKNOWN}. Build files are read, never executed; module paths leaving the root are ignored, and
 * symbolic links are never followed (a {@code pom.xml} or {@code src} that is a link counts as absent; see
 * {@link CheckoutFiles}).
 */
public final class LayoutDetector {

    /** pytest's default test file names ({@code python_files = test_*.py *_test.py}). */
    private static final Pattern PYTEST_FILE = Pattern.compile("test_.*\\.py|.*_test\\.py");

    private static final Pattern GRADLE_INCLUDE = Pattern.compile("^\\s*include\\b(.*)$", Pattern.MULTILINE);
    private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");
    private static final Path ROOT = Path.of("");

    private LayoutDetector() {
    }

    /**
     * Detects the layout of a checkout.
     *
     * @param root the repository root (an existing directory)
     * @return the layout; {@link Layout#unknown()} when no supported build is recognised
     * @throws IllegalArgumentException when {@code root} is not a directory
     * @throws UncheckedIOException     when the root cannot be listed
     */
    public static Layout detect(Path root) {
        if (root == null || !Files.isDirectory(root)) { // the root itself may be reached through a link (e.g. /tmp)
            throw new IllegalArgumentException("cannot detect the layout of " + root + ": it is not a directory");
        }
        if (CheckoutFiles.isRegularFile(root, "pom.xml")) {
            return maven(root);
        }
        for (String name : List.of("build.gradle.kts", "build.gradle", "settings.gradle.kts", "settings.gradle", "gradlew")) {
            if (CheckoutFiles.isRegularFile(root, name)) {
                return gradle(root, Path.of(name));
            }
        }
        Layout python = python(root);
        if (python != null) {
            return python;
        }
        if (CheckoutFiles.isRegularFile(root, "package.json")) {
            return node(root);
        }
        return Layout.unknown();
    }

    private static Layout maven(Path root) {
        List<Path> sources = new ArrayList<>();
        List<Path> tests = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        mavenProject(root, ROOT, sources, tests, seen, 0);
        return new Layout(BuildKind.MAVEN, Path.of("pom.xml"), sources, tests);
    }

    private static void mavenProject(Path root, Path dir, List<Path> sources, List<Path> tests, Set<Path> seen, int depth) {
        if (depth > 12 || !seen.add(dir)) {
            return;
        }
        Pom pom = CheckoutFiles.regularFile(root, dir.resolve("pom.xml").toString()).map(Pom::read)
                .orElseGet(() -> new Pom(List.of(), java.util.Optional.empty(), java.util.Optional.empty()));
        addIfDir(root, dir, pom.sourceDirectory().orElse("src/main/java"), sources);
        addIfDir(root, dir, "src/main/kotlin", sources);
        addIfDir(root, dir, pom.testSourceDirectory().orElse("src/test/java"), tests);
        addIfDir(root, dir, "src/test/kotlin", tests);
        for (String module : pom.modules()) {
            Path child = inside(dir, module);
            if (child == null) {
                continue;
            }
            if (CheckoutFiles.isRegularFile(root, child.toString()) && child.getFileName().toString().endsWith(".xml")) {
                child = child.getParent() == null ? ROOT : child.getParent(); // <module>x/pom-other.xml</module>
            }
            if (CheckoutFiles.isRegularFile(root, child.resolve("pom.xml").toString())) {
                mavenProject(root, child, sources, tests, seen, depth + 1);
            }
        }
    }

    private static Layout gradle(Path root, Path buildFile) {
        List<Path> projects = new ArrayList<>();
        projects.add(ROOT);
        for (String settings : List.of("settings.gradle.kts", "settings.gradle")) {
            if (CheckoutFiles.isRegularFile(root, settings)) {
                Matcher include = GRADLE_INCLUDE.matcher(read(root, settings));
                while (include.find()) {
                    Matcher names = QUOTED.matcher(include.group(1));
                    while (names.find()) {
                        String project = names.group(1).replaceFirst("^:", "").replace(':', '/');
                        Path dir = inside(ROOT, project);
                        if (dir != null && !projects.contains(dir)) {
                            projects.add(dir);
                        }
                    }
                }
                break;
            }
        }
        List<Path> sources = new ArrayList<>();
        List<Path> tests = new ArrayList<>();
        for (Path project : projects) {
            for (String lang : List.of("java", "kotlin", "groovy")) {
                addIfDir(root, project, "src/main/" + lang, sources);
                addIfDir(root, project, "src/test/" + lang, tests);
            }
        }
        return new Layout(BuildKind.GRADLE, buildFile, sources, tests);
    }

    private static Layout python(Path root) {
        Path buildFile = null;
        for (String name : List.of("pyproject.toml", "setup.py", "setup.cfg", "tox.ini", "pytest.ini")) {
            if (CheckoutFiles.isRegularFile(root, name)) {
                buildFile = Path.of(name);
                break;
            }
        }
        // a folder of test_*.py / *_test.py files is a pytest project to every Python developer, build file or not
        boolean testFiles = hasPythonFiles(root, "tests") || hasPytestFiles(root, ".") || hasPytestFiles(root, "test");
        if (buildFile == null && !testFiles) {
            return null;
        }
        List<Path> sources = new ArrayList<>();
        if (CheckoutFiles.isDirectory(root, "src")) {
            sources.add(Path.of("src"));
        } else {
            for (Path dir : list(root)) {
                String name = dir.getFileName().toString();
                if (CheckoutFiles.isRegularFile(root, name + "/__init__.py")
                        && !Set.of("tests", "test", "docs").contains(name)) {
                    sources.add(Path.of(name));
                }
            }
            if (sources.isEmpty()) {
                sources.add(ROOT);
            }
        }
        List<Path> tests = new ArrayList<>();
        for (String name : List.of("tests", "test")) {
            if (CheckoutFiles.isDirectory(root, name)) {
                tests.add(Path.of(name));
            }
        }
        if (tests.isEmpty() && hasPytestFiles(root, ".")) {
            tests.add(ROOT);
        }
        return new Layout(BuildKind.PYTHON, buildFile, sources, tests);
    }

    private static Layout node(Path root) {
        List<Path> sources = new ArrayList<>();
        for (String name : List.of("src", "lib")) {
            addIfDir(root, ROOT, name, sources);
        }
        if (sources.isEmpty()) {
            sources.add(ROOT);
        }
        List<Path> tests = new ArrayList<>();
        for (String name : List.of("test", "tests", "__tests__", "spec")) {
            addIfDir(root, ROOT, name, tests);
        }
        return new Layout(BuildKind.NODE, Path.of("package.json"), sources, tests);
    }

    /** @param dir a directory below {@code root}, or {@code "."} for the root itself */
    private static boolean hasPytestFiles(Path root, String dir) {
        boolean isRoot = ".".equals(dir);
        return (isRoot || CheckoutFiles.isDirectory(root, dir)) && list(isRoot ? root : root.resolve(dir)).stream()
                .anyMatch(p -> PYTEST_FILE.matcher(p.getFileName().toString()).matches()
                        && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    private static boolean hasPythonFiles(Path root, String dir) {
        return CheckoutFiles.isDirectory(root, dir) && list(root.resolve(dir)).stream()
                .anyMatch(p -> p.getFileName().toString().endsWith(".py") && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    /** {@code base/relative} normalised, or {@code null} when it is absolute or leaves the repository. */
    static Path inside(Path base, String relative) {
        String r = relative.strip();
        if (r.isEmpty() || r.startsWith("/") || r.contains("\\") || r.contains("${") || r.matches("^[A-Za-z]:.*")) {
            return null;
        }
        Path p = base.resolve(r).normalize();
        if (p.startsWith("..") || p.isAbsolute()) {
            return null;
        }
        return p;
    }

    private static void addIfDir(Path root, Path project, String dir, List<Path> out) {
        String d = dir.replaceFirst("^\\$\\{(project\\.)?basedir}/", "");
        Path rel = inside(project, d);
        if (rel != null && !rel.equals(ROOT) && CheckoutFiles.isDirectory(root, rel.toString()) && !out.contains(rel)) {
            out.add(rel);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path root, String file) {
        try {
            return CheckoutFiles.readString(root, file).orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
