package dev.pavu.workspace.diff;

import dev.pavu.workspace.diff.PatchRejectedException.Reason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files a candidate patch may not touch unless the job's gate policy allows it: the tests that judge the
 * candidate and the build and CI files that decide how they run. A repair that deletes a failing test, adds
 * {@code @Disabled} to it, or drops it from the build would otherwise pass.
 *
 * <ul>
 *   <li><b>test sources</b> ({@link Kind#TEST_SOURCE}): anything below {@code src/test/}, {@code src/it/},
 *       {@code src/testFixtures/}, {@code src/integrationTest/} (any module depth); below a directory named
 *       {@code test}, {@code tests}, {@code __tests__} or {@code spec} outside {@code src/main/}; files named
 *       {@code test_*.py}, {@code *_test.py}, {@code *.test.js}/{@code .ts}/…, {@code *.spec.js}/…, and
 *       {@code *Test.java}, {@code *Tests.java}, {@code Test*.java}, {@code *IT.java} outside {@code src/main/};</li>
 *   <li><b>build files</b> ({@link Kind#BUILD_FILE}): {@code pom.xml}, {@code .mvn/**}, {@code build.gradle(.kts)},
 *       {@code settings.gradle(.kts)}, {@code gradle.properties}, {@code settings.xml}, {@code gradlew*},
 *       {@code mvnw*}, {@code gradle/wrapper/**}, {@code package.json}, lock files, {@code pyproject.toml},
 *       {@code setup.py}, {@code setup.cfg}, {@code tox.ini}, {@code pytest.ini}, {@code conftest.py}, test
 *       runner configs ({@code jest.config.*}, {@code vitest.config.*}, {@code .mocharc*}), anywhere in the tree,
 *       plus extra files the caller names (e.g. the scripts of a job's test command);</li>
 *   <li><b>CI files</b> ({@link Kind#CI_FILE}): {@code .github/**}, {@code .gitlab-ci.yml}, {@code Jenkinsfile},
 *       {@code .ci/**}, {@code .circleci/**}, {@code .travis.yml}, {@code azure-pipelines.yml},
 *       {@code .buildkite/**}; allowed together with build files.</li>
 * </ul>
 */
public final class ProtectedPaths {

    /** Why a path is protected. */
    public enum Kind {
        /** A test source or test resource. */
        TEST_SOURCE,
        /** A build, dependency or test-runner configuration file. */
        BUILD_FILE,
        /** A continuous-integration file. */
        CI_FILE
    }

    /**
     * What a job allows.
     *
     * @param allowTestEdits  test sources may change ({@code gates.allowTestEdits})
     * @param allowBuildEdits build and CI files may change ({@code gates.allowBuildEdits})
     * @param extraBuildFiles further repo-relative paths protected as build files (normalised, e.g. {@code run-tests.sh})
     */
    public record Rules(boolean allowTestEdits, boolean allowBuildEdits, Set<String> extraBuildFiles) {
        public Rules {
            extraBuildFiles = extraBuildFiles == null ? Set.of() : Set.copyOf(extraBuildFiles);
        }

        /** The default: nothing protected may change. */
        public static final Rules DEFAULT = new Rules(false, false, Set.of());
    }

    private static final Set<String> BUILD_NAMES = Set.of("pom.xml", "build.gradle", "build.gradle.kts", "settings.gradle",
            "settings.gradle.kts", "gradle.properties", "settings.xml", "gradlew", "gradlew.bat", "mvnw", "mvnw.cmd",
            "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "pyproject.toml",
            "setup.py", "setup.cfg", "tox.ini", "pytest.ini", "conftest.py", "noxfile.py", ".mocharc", ".mocharc.json",
            ".mocharc.yml", ".mocharc.yaml", ".mocharc.js", ".mocharc.cjs", ".nycrc", ".babelrc");
    private static final Set<String> CI_NAMES = Set.of(".gitlab-ci.yml", "Jenkinsfile", ".travis.yml", "azure-pipelines.yml");
    private static final Set<String> CI_DIRS = Set.of(".github", ".ci", ".circleci", ".buildkite");
    private static final Set<String> TEST_DIRS = Set.of("test", "tests", "__tests__", "spec");
    private static final Set<String> SRC_TEST_DIRS = Set.of("test", "it", "testFixtures", "integrationTest");
    private static final Set<String> SCRIPT_EXT = Set.of("js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts");

    private ProtectedPaths() {
    }

    /**
     * @param path a normalised repo-relative path ({@link PathPolicy#normalise})
     * @return why it is protected; empty when any patch may change it
     */
    public static Optional<Kind> kindOf(String path) {
        String[] seg = path.split("/");
        String name = seg[seg.length - 1];
        for (int i = 0; i < seg.length - 1; i++) {
            if (CI_DIRS.contains(seg[i]) && i == 0) {
                return Optional.of(Kind.CI_FILE);
            }
            if (seg[i].equals(".mvn") || (seg[i].equals("gradle") && i + 1 < seg.length - 1 && seg[i + 1].equals("wrapper"))) {
                return Optional.of(Kind.BUILD_FILE);
            }
        }
        if (CI_NAMES.contains(name)) {
            return Optional.of(Kind.CI_FILE);
        }
        if (BUILD_NAMES.contains(name) || name.startsWith("jest.config.") || name.startsWith("vitest.config.")
                || name.startsWith("karma.conf.")) {
            return Optional.of(Kind.BUILD_FILE);
        }
        boolean underMain = false;
        for (int i = 0; i < seg.length - 1; i++) {
            if (seg[i].equals("src") && i + 1 < seg.length - 1) {
                if (SRC_TEST_DIRS.contains(seg[i + 1])) {
                    return Optional.of(Kind.TEST_SOURCE);
                }
                if (seg[i + 1].equals("main")) {
                    underMain = true;
                }
            }
            if (!underMain && TEST_DIRS.contains(seg[i])) {
                return Optional.of(Kind.TEST_SOURCE);
            }
        }
        return !underMain && testFileName(name) ? Optional.of(Kind.TEST_SOURCE) : Optional.empty();
    }

    private static boolean testFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".py")) {
            return lower.startsWith("test_") || lower.endsWith("_test.py");
        }
        if (name.endsWith(".java") || name.endsWith(".kt")) {
            String base = name.substring(0, name.lastIndexOf('.'));
            return base.endsWith("Test") || base.endsWith("Tests") || base.endsWith("IT")
                    || (base.startsWith("Test") && base.length() > 4 && Character.isUpperCase(base.charAt(4)));
        }
        int dot = lower.lastIndexOf('.');
        if (dot > 0 && SCRIPT_EXT.contains(lower.substring(dot + 1))) {
            String base = lower.substring(0, dot);
            return base.endsWith(".test") || base.endsWith(".spec");
        }
        return false;
    }

    /**
     * @param patches a parsed diff
     * @param rules   what the job allows
     * @throws PatchRejectedException ({@link Reason#PROTECTED_PATH}) naming every protected file the diff touches, each
     *                                with the policy setting that would allow it, e.g. {@code src/test/java/FooTest.java:
     *                                edits to test sources are not allowed by the job's gate policy (gates.allowTestEdits)}
     */
    public static void check(List<FilePatch> patches, Rules rules) {
        Map<String, Kind> refused = new LinkedHashMap<>();
        for (FilePatch p : patches) {
            for (String path : new String[] {p.oldPath(), p.newPath()}) {
                if (path == null) {
                    continue;
                }
                Optional<Kind> kind = rules.extraBuildFiles().contains(path) ? Optional.of(Kind.BUILD_FILE) : kindOf(path);
                if (kind.isPresent() && !(kind.get() == Kind.TEST_SOURCE ? rules.allowTestEdits() : rules.allowBuildEdits())) {
                    refused.putIfAbsent(path, kind.get());
                }
            }
        }
        if (refused.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        int shown = 0;
        for (Map.Entry<String, Kind> e : refused.entrySet()) {
            if (shown++ == 5) {
                parts.add("… (" + refused.size() + " protected files in all)");
                break;
            }
            parts.add(PathPolicy.show(e.getKey()).replace("'", "") + ": " + why(e.getKey(), e.getValue(), rules));
        }
        String first = refused.keySet().iterator().next();
        throw new PatchRejectedException(Reason.PROTECTED_PATH, first, String.join("; ", parts));
    }

    private static String why(String path, Kind kind, Rules rules) {
        return switch (kind) {
            case TEST_SOURCE -> "edits to test sources are not allowed by the job's gate policy (gates.allowTestEdits)";
            case BUILD_FILE -> (rules.extraBuildFiles().contains(path) ? "the job's test command runs this file; edits to it"
                    : "edits to build files") + " are not allowed by the job's gate policy (gates.allowBuildEdits)";
            case CI_FILE -> "edits to CI files are not allowed by the job's gate policy (gates.allowBuildEdits)";
        };
    }
}
