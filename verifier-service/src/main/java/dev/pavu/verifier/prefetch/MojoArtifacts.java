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
 * Artifacts that plugins of the phases up to {@code test} resolve themselves when they run, named in their
 * configuration (the plugin's or an execution's), so a dependency tree of the plugin misses them: the annotation
 * processors of maven-compiler-plugin ({@code <annotationProcessorPaths><path>…</path>}, e.g. Lombok or MapStruct; a
 * path without a version takes the module's managed version, as the compiler plugin 3.12+ does) and the resource
 * bundles of maven-remote-resources-plugin ({@code <resourceBundles><resourceBundle>g:a:v</resourceBundle>}, which
 * every project under the {@code org.apache:apache} parent runs at {@code generate-resources}).
 */
final class MojoArtifacts {

    private static final String COMPILER = "org.apache.maven.plugins:maven-compiler-plugin";
    private static final String REMOTE_RESOURCES = "org.apache.maven.plugins:maven-remote-resources-plugin";

    private MojoArtifacts() {
    }

    /**
     * @param model a module's effective model
     * @return {@code groupId:artifactId:extension:classifier:version} of each artifact, each once
     */
    static List<String> of(Model model) {
        Set<String> out = new LinkedHashSet<>();
        if (model.getBuild() == null) {
            return List.of();
        }
        for (Plugin p : model.getBuild().getPlugins()) {
            if (REMOTE_RESOURCES.equals(p.getKey())) {
                for (Object c : configurations(p)) {
                    if (c instanceof Xpp3Dom dom && dom.getChild("resourceBundles") != null) {
                        for (Xpp3Dom b : dom.getChild("resourceBundles").getChildren()) {
                            String[] gav = String.valueOf(b.getValue()).strip().split(":");
                            if (gav.length == 3 && !b.getValue().contains("${")) {
                                out.add(gav[0] + ":" + gav[1] + ":jar::" + gav[2]);
                            }
                        }
                    }
                }
            }
            if (!COMPILER.equals(p.getKey())) {
                continue;
            }
            for (Object c : configurations(p)) {
                if (c instanceof Xpp3Dom dom && dom.getChild("annotationProcessorPaths") != null) {
                    for (Xpp3Dom path : dom.getChild("annotationProcessorPaths").getChildren()) {
                        coordinates(path, model).ifPresent(out::add);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static List<Object> configurations(Plugin p) {
        List<Object> configs = new ArrayList<>();
        configs.add(p.getConfiguration());
        for (PluginExecution e : p.getExecutions()) {
            configs.add(e.getConfiguration());
        }
        return configs;
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
