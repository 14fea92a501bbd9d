package dev.pavu.verifier.fast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which JUnit the warm JVM runs a project's tests on, from the project's test classpath (absolute jar paths in the
 * local repository):
 * <ul>
 *   <li>the project's own JUnit Platform when {@code junit-platform-engine} is on it (Jupiter, or Vintage the
 *       project brings itself), plus {@code junit-platform-launcher} of the engine's version from the local
 *       repository when the project does not bring it; with the project's own {@code junit-vintage-engine},
 *       {@code junit:junit} and hamcrest move to the runner's class loader too (the engine there needs them);</li>
 *   <li>else JUnit Vintage when {@code junit:junit} 4.12 or later is on it: {@code junit-vintage-engine} of the
 *       configured version with the matching launcher, engine and commons (and their opentest4j and apiguardian,
 *       as the jars' POMs name them) from the local repository; {@code junit:junit} and hamcrest move to the
 *       runner's class loader (the engine there needs them). JUnit 3 {@code TestCase} classes run there too
 *       (JUnit 4 runs them). {@code junit:junit} 3.8 is refused: Vintage needs JUnit 4.12's API, and putting a
 *       JUnit 4 jar in place of the project's 3.8 would test against another JUnit than surefire's
 *       {@code surefire-junit3} provider does;</li>
 *   <li>else refused (TestNG, no tests framework, …): the cold path.</li>
 * </ul>
 *
 * @param runnerJars jars of the runner's own class loader (JUnit and what it needs), after the runner's classes
 * @param deps       the rest of the test classpath (the dependencies' class loader, child of the runner's)
 * @param javacExtra jars to add to javac's classpath beyond the project's (the launcher when it was added)
 * @param vintage    whether the tests run on JUnit Vintage put there by the verifier (the run then stops at the
 *                   first failing test, as the cold path's surefire JUnit 4 provider does with
 *                   {@code skipAfterFailureCount=1})
 * @param whyNot     why the project cannot use the fast path, or {@code null}
 */
record TestPlatform(List<Path> runnerJars, List<Path> deps, List<Path> javacExtra, boolean vintage, String whyNot) {

    private static final Pattern ENGINE = Pattern.compile("/junit-platform-engine-([0-9][^/]*)\\.jar$");
    private static final Pattern JUNIT4 = Pattern.compile("/junit/junit/([0-9][^/]*)/junit-[^/]*\\.jar$");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    static TestPlatform no(String why) {
        return new TestPlatform(List.of(), List.of(), List.of(), false, why);
    }

    /**
     * @param classpath      the project's test classpath (dependencies only, not its own classes)
     * @param localRepo      the local Maven repository
     * @param vintageVersion {@code pavu.verifier.fast-path.vintage-version}
     * @return the platform, or one with {@link #whyNot} set
     */
    static TestPlatform of(List<Path> classpath, Path localRepo, String vintageVersion) throws IOException {
        List<Path> junit = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        String engineVersion = null;
        String junit4 = null;
        boolean launcher = false;
        for (Path p : classpath) {
            String s = p.toString().replace('\\', '/');
            if (s.contains("/org/junit/") || s.contains("/org/opentest4j/") || s.contains("/org/apiguardian/")) {
                junit.add(p);
                Matcher m = ENGINE.matcher(s);
                if (m.find()) {
                    engineVersion = m.group(1);
                }
                launcher |= s.contains("/junit-platform-launcher-");
            } else {
                Matcher m = JUNIT4.matcher(s);
                if (m.find()) {
                    junit4 = m.group(1);
                }
                others.add(p);
            }
        }
        if (engineVersion != null) {
            // the project's own engines load in the runner's class loader: a JUnit Vintage engine there needs
            // junit:junit (and hamcrest) beside it, not in the dependencies' child loader it cannot see (a JUnit 4+5
            // project failed every run at once with "(runner)#run": NoClassDefFoundError org/junit/runner/…)
            List<Path> deps = others;
            if (junit.stream().anyMatch(p -> p.toString().replace('\\', '/').contains("/junit-vintage-engine-"))) {
                deps = new ArrayList<>();
                for (Path p : others) {
                    String s = p.toString().replace('\\', '/');
                    if (JUNIT4.matcher(s).find() || s.contains("/org/hamcrest/")) {
                        junit.add(p);
                    } else {
                        deps.add(p);
                    }
                }
            }
            if (launcher) {
                return new TestPlatform(junit, deps, List.of(), false, null);
            }
            Path l = jar(localRepo, "org.junit.platform", "junit-platform-launcher", engineVersion);
            if (!Files.isRegularFile(l)) {
                return no("junit-platform-launcher " + engineVersion + " is not in the local repository");
            }
            junit.add(l);
            return new TestPlatform(junit, deps, List.of(l), false, null);
        }
        if (junit4 == null) {
            return no("the tests run neither on the JUnit Platform nor on JUnit 4 (no junit-platform-engine, no junit:junit)");
        }
        if (compare(junit4, "4.12") < 0) {
            return no("junit:junit " + junit4 + " is older than 4.12, which JUnit Vintage needs");
        }
        String platform = platformVersion(vintageVersion);
        List<Path> vintage = new ArrayList<>();
        String missing = closure(localRepo, List.of(new String[] {"org.junit.vintage", "junit-vintage-engine", vintageVersion},
                new String[] {"org.junit.platform", "junit-platform-launcher", platform}), vintage);
        if (missing != null) {
            return no("JUnit Vintage " + vintageVersion + " is not in the local repository (" + missing
                    + "; pavu.verifier.fast-path.vintage-version, put there by the prefetch)");
        }
        // the project's own JUnit jars of the platform (e.g. junit-jupiter-api without an engine) would clash
        // with the Vintage platform's: they stay out; junit:junit and hamcrest go where the engine sees them
        List<Path> runner = new ArrayList<>(vintage);
        List<Path> deps = new ArrayList<>();
        for (Path p : others) {
            String s = p.toString().replace('\\', '/');
            if (JUNIT4.matcher(s).find() || s.contains("/org/hamcrest/")) {
                runner.add(p);
            } else {
                deps.add(p);
            }
        }
        return new TestPlatform(runner, deps, List.of(), true, null);
    }

    /** @return the JUnit Platform version that goes with a Vintage/Jupiter version: 5.x.y → 1.x.y, 6.x → 6.x */
    static String platformVersion(String jupiterVersion) {
        return jupiterVersion.startsWith("5.") ? "1." + jupiterVersion.substring(2) : jupiterVersion;
    }

    /**
     * Collects the jars of the given artifacts and of their JUnit, opentest4j and apiguardian dependencies (as
     * their POMs in the local repository name them), one version per artifact (the first met).
     *
     * @return the first missing jar or POM, or {@code null} when all are there
     */
    private static String closure(Path repo, List<String[]> roots, List<Path> out) throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        Deque<String[]> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String[] gav = todo.poll();
            if (seen.containsKey(gav[0] + ":" + gav[1])) {
                continue;
            }
            seen.put(gav[0] + ":" + gav[1], gav[2]);
            Path jar = jar(repo, gav[0], gav[1], gav[2]);
            Path pom = jar.resolveSibling(gav[1] + "-" + gav[2] + ".pom");
            if (!Files.isRegularFile(jar) || !Files.isRegularFile(pom)) {
                return gav[0] + ":" + gav[1] + ":" + gav[2] + " missing";
            }
            out.add(jar);
            Matcher d = DEPENDENCY.matcher(Files.readString(pom));
            while (d.find()) {
                String g = tag(d.group(1), "groupId");
                String a = tag(d.group(1), "artifactId");
                String v = tag(d.group(1), "version");
                String scope = tag(d.group(1), "scope");
                boolean wanted = g != null && (g.startsWith("org.junit.platform") || g.equals("org.opentest4j") || g.equals("org.apiguardian"));
                if (wanted && a != null && v != null && !v.contains("$") && (scope == null || scope.equals("compile") || scope.equals("runtime"))) {
                    todo.add(new String[] {g, a, v});
                }
            }
        }
        return null;
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*([^<]*?)\\s*</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private static Path jar(Path repo, String group, String artifact, String version) {
        return repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version).resolve(artifact + "-" + version + ".jar");
    }

    /** Compares dotted versions numerically ("4.13.2" &gt; "4.12"); a non-numeric part counts as 0. */
    static int compare(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(num(x, i), num(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int num(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
