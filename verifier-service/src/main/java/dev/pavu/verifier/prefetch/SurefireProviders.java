package dev.pavu.verifier.prefetch;

import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.util.version.GenericVersionScheme;
import org.eclipse.aether.version.InvalidVersionSpecificationException;
import org.eclipse.aether.version.Version;

import java.util.ArrayList;
import java.util.List;

/**
 * The test-framework artifacts surefire resolves only when it runs (so a dependency tree of the plugin misses them):
 * its provider(s), chosen from the module's test class path as surefire chooses (every one that could apply, since the
 * choice also depends on the run's options: {@code -Dgroups} makes a JUnit 4 project use {@code surefire-junit47}),
 * and the JUnit Platform launcher; plus JUnit Vintage and its launcher for a JUnit 4 project without a JUnit Platform
 * engine, which the fast path runs on the JUnit Platform.
 */
final class SurefireProviders {

    private static final GenericVersionScheme SCHEME = new GenericVersionScheme();
    private static final String GROUP = "org.apache.maven.surefire:";

    private SurefireProviders() {
    }

    /**
     * @param surefire       the module's surefire version
     * @param testClasspath  the module's resolved dependencies (all scopes)
     * @param vintageVersion JUnit Vintage version for JUnit 4 projects (e.g. {@code 5.11.4})
     * @return {@code groupId:artifactId:version} of each artifact to resolve with its dependencies
     */
    static List<String> of(String surefire, List<Artifact> testClasspath, String vintageVersion) {
        String junit = version(testClasspath, "junit", "junit");
        String engine = version(testClasspath, "org.junit.platform", "junit-platform-engine");
        String testng = version(testClasspath, "org.testng", "testng");
        List<String> out = new ArrayList<>();
        // surefire's fallback provider (plain POJO tests and JUnit 3 TestCases)
        out.add(GROUP + "surefire-junit3:" + surefire);
        if (junit != null && atLeast(junit, "4.0")) {
            out.add(GROUP + "surefire-junit4:" + surefire);
            if (atLeast(junit, "4.7")) {
                out.add(GROUP + "surefire-junit47:" + surefire);
            }
        }
        if (testng != null) {
            out.add(GROUP + "surefire-testng:" + surefire);
        }
        if (engine != null) {
            if (atLeast(surefire, "2.22.0")) {
                out.add(GROUP + "surefire-junit-platform:" + surefire);
            }
            out.add("org.junit.platform:junit-platform-launcher:" + engine);
        } else if (junit != null && atLeast(junit, "4.12")) {
            out.add("org.junit.vintage:junit-vintage-engine:" + vintageVersion);
            out.add("org.junit.platform:junit-platform-launcher:" + launcherFor(vintageVersion));
        }
        return out;
    }

    /**
     * @param jupiterVersion a JUnit 5 or 6 version ({@code 5.11.4})
     * @return the JUnit Platform version released with it ({@code 1.11.4}; from JUnit 6 on the same version)
     */
    static String launcherFor(String jupiterVersion) {
        return jupiterVersion.startsWith("5.") ? "1." + jupiterVersion.substring(2) : jupiterVersion;
    }

    private static String version(List<Artifact> cp, String g, String a) {
        return cp.stream().filter(x -> x.getGroupId().equals(g) && x.getArtifactId().equals(a))
                .map(Artifact::getVersion).findFirst().orElse(null);
    }

    static boolean atLeast(String version, String min) {
        try {
            Version v = SCHEME.parseVersion(version);
            return v.compareTo(SCHEME.parseVersion(min)) >= 0;
        } catch (InvalidVersionSpecificationException e) {
            return false;
        }
    }
}
