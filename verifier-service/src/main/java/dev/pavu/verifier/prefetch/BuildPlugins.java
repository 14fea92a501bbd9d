package dev.pavu.verifier.prefetch;

import org.apache.maven.model.Dependency;
import org.apache.maven.model.Extension;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The build plugins an offline {@code mvn -o test} (and the fast path's {@code dependency:build-classpath}) of one
 * module needs: for any packaging but {@code pom} the default lifecycle plugins up to {@code test} (resources,
 * compiler, surefire) and maven-dependency-plugin, at the version the module pins (in {@code <plugins>} or
 * {@code <pluginManagement>}, the installed Maven's super POM included) or else the installed Maven's default; every
 * plugin the pom declares, with its plugin-level {@code <dependencies>}; and the build extensions. A version left open
 * is {@code null} (resolved as {@code RELEASE}, as Maven does).
 */
final class BuildPlugins {

    static final String SUREFIRE = "org.apache.maven.plugins:maven-surefire-plugin";
    static final String DEPENDENCY = "org.apache.maven.plugins:maven-dependency-plugin";

    /**
     * One plugin (or extension) to resolve.
     *
     * @param groupId      group
     * @param artifactId   artifact
     * @param version      version, {@code null} when the pom leaves it open
     * @param dependencies its plugin-level dependencies
     */
    record Use(String groupId, String artifactId, String version, List<Dependency> dependencies) {
        /** @return {@code groupId:artifactId} */
        String ga() {
            return groupId + ":" + artifactId;
        }
    }

    private BuildPlugins() {
    }

    /**
     * @param model    a module's effective model
     * @param defaults the installed Maven's defaults
     * @return the plugins, lifecycle ones first
     */
    static List<Use> of(Model model, MavenDefaults defaults) {
        Map<String, Plugin> declared = new LinkedHashMap<>();
        Map<String, Plugin> managed = new LinkedHashMap<>();
        if (model.getBuild() != null) {
            model.getBuild().getPlugins().forEach(p -> declared.put(p.getKey(), p));
            if (model.getBuild().getPluginManagement() != null) {
                model.getBuild().getPluginManagement().getPlugins().forEach(p -> managed.put(p.getKey(), p));
            }
        }
        Map<String, Use> uses = new LinkedHashMap<>();
        if (!"pom".equals(model.getPackaging())) {
            Map<String, String> lifecycle = new LinkedHashMap<>(defaults.lifecyclePlugins());
            lifecycle.putIfAbsent(DEPENDENCY, fallbackDependencyPlugin(defaults));
            lifecycle.forEach((ga, version) -> {
                Plugin p = declared.get(ga);
                Plugin m = managed.get(ga);
                String v = Optional.ofNullable(p).map(Plugin::getVersion)
                        .or(() -> Optional.ofNullable(m).map(Plugin::getVersion)).orElse(version);
                List<Dependency> deps = new ArrayList<>();
                if (m != null) {
                    deps.addAll(m.getDependencies());
                }
                if (p != null) {
                    deps.addAll(p.getDependencies());
                }
                String[] parts = ga.split(":");
                uses.put(ga, new Use(parts[0], parts[1], v, deps));
            });
        }
        for (Plugin p : declared.values()) {
            if (!uses.containsKey(p.getKey())) {
                uses.put(p.getKey(), new Use(p.getGroupId(), p.getArtifactId(), p.getVersion(), p.getDependencies()));
            }
        }
        if (model.getBuild() != null) {
            for (Extension e : model.getBuild().getExtensions()) {
                uses.putIfAbsent(e.getGroupId() + ":" + e.getArtifactId(), new Use(e.getGroupId(), e.getArtifactId(), e.getVersion(), List.of()));
            }
        }
        return new ArrayList<>(uses.values());
    }

    private static String fallbackDependencyPlugin(MavenDefaults defaults) {
        return MavenDefaults.BUILT_IN.stream().filter(s -> s.startsWith(DEPENDENCY + ":")).findFirst()
                .map(s -> s.substring(s.lastIndexOf(':') + 1)).orElseThrow();
    }
}
