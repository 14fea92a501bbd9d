package dev.pavu.verifier.prefetch;

import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The annotation processors a module's maven-compiler-plugin resolves itself when it compiles
 * ({@code <annotationProcessorPaths><path>…</path></annotationProcessorPaths>}, in the plugin's or an execution's
 * configuration, e.g. Lombok or MapStruct): a dependency tree of the plugin misses them. A path without a version
 * takes the module's managed version, as the compiler plugin (3.12+) does.
 */
final class ProcessorPaths {

    private static final String COMPILER = "org.apache.maven.plugins:maven-compiler-plugin";

    private ProcessorPaths() {
    }

    /**
     * @param model a module's effective model
     * @return {@code groupId:artifactId:extension:classifier:version} of each processor path, each once
     */
    static List<String> of(Model model) {
        Set<String> out = new LinkedHashSet<>();
        if (model.getBuild() == null) {
            return List.of();
        }
        for (Plugin p : model.getBuild().getPlugins()) {
            if (!COMPILER.equals(p.getKey())) {
                continue;
            }
            List<Object> configs = new ArrayList<>();
            configs.add(p.getConfiguration());
            for (PluginExecution e : p.getExecutions()) {
                configs.add(e.getConfiguration());
            }
            for (Object c : configs) {
                if (c instanceof Xpp3Dom dom && dom.getChild("annotationProcessorPaths") != null) {
                    for (Xpp3Dom path : dom.getChild("annotationProcessorPaths").getChildren()) {
                        coordinates(path, model).ifPresent(out::add);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static java.util.Optional<String> coordinates(Xpp3Dom path, Model model) {
        String g = text(path, "groupId");
        String a = text(path, "artifactId");
        if (g == null || a == null) {
            return java.util.Optional.empty();
        }
        String type = text(path, "type");
        String classifier = text(path, "classifier");
        String v = text(path, "version");
        if (v == null && model.getDependencyManagement() != null) {
            v = model.getDependencyManagement().getDependencies().stream()
                    .filter(d -> g.equals(d.getGroupId()) && a.equals(d.getArtifactId()))
                    .map(Dependency::getVersion).findFirst().orElse(null);
        }
        if (v == null || v.contains("${")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(g + ":" + a + ":" + (type == null ? "jar" : type) + ":" + (classifier == null ? "" : classifier) + ":" + v);
    }

    private static String text(Xpp3Dom parent, String name) {
        Xpp3Dom c = parent.getChild(name);
        String v = c == null ? null : c.getValue();
        return v == null || v.isBlank() ? null : v.strip();
    }
}
