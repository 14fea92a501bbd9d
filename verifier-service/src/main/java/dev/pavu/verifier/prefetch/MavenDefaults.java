package dev.pavu.verifier.prefetch;

import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.model.superpom.SuperPomProvider;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What the installed Maven (the one the offline runs use) brings of its own: the default plugins of the jar
 * lifecycle up to {@code test} (from {@code lib/maven-core*.jar}'s {@code META-INF/plexus/components.xml}, where
 * Maven 3.8 keeps them) and its super POM (from {@code lib/maven-model-builder*.jar}), whose pluginManagement pins
 * e.g. maven-dependency-plugin 2.8 in Maven 3.8.7. When these cannot be read (no Maven found, Maven 3.9 keeps the
 * bindings in code), the configured or built-in fallbacks apply.
 *
 * @param lifecyclePlugins {@code groupId:artifactId} → version of resources, compiler and surefire plugins (and
 *                         others bound to the phases up to {@code test})
 * @param superPom         the installed Maven's super POM, empty = maven-model-builder's own
 * @param source           where the bindings came from, for the note (e.g. {@code Maven at /usr/share/maven})
 */
public record MavenDefaults(Map<String, String> lifecyclePlugins, Optional<Model> superPom, String source) {

    /** Maven 3.9.11's jar lifecycle bindings (and its super POM's dependency plugin), the last fallback. */
    static final List<String> BUILT_IN = List.of("org.apache.maven.plugins:maven-resources-plugin:3.3.1",
            "org.apache.maven.plugins:maven-compiler-plugin:3.13.0", "org.apache.maven.plugins:maven-surefire-plugin:3.2.5",
            "org.apache.maven.plugins:maven-dependency-plugin:3.7.0");

    private static final List<String> PHASES = List.of("validate", "initialize", "generate-sources", "process-sources",
            "generate-resources", "process-resources", "compile", "process-classes", "generate-test-sources",
            "process-test-sources", "generate-test-resources", "process-test-resources", "test-compile",
            "process-test-classes", "test");
    private static final Pattern PHASE = Pattern.compile("<(" + String.join("|", PHASES).replace("-", "\\-") + ")>\\s*([^<]+?)\\s*</\\1>");

    /**
     * @param configured the setting {@code pavu.verifier.maven.lifecycle-plugins} (wins when present)
     * @param mavenHome  the installed Maven, when found
     * @return the defaults
     */
    public static MavenDefaults of(Optional<List<String>> configured, Optional<Path> mavenHome) {
        Optional<Model> superPom = mavenHome.flatMap(MavenDefaults::superPom);
        if (configured.isPresent() && !configured.get().isEmpty()) {
            return new MavenDefaults(parse(configured.get()), superPom, "pavu.verifier.maven.lifecycle-plugins");
        }
        Optional<Map<String, String>> read = mavenHome.flatMap(MavenDefaults::bindings);
        return read.map(b -> new MavenDefaults(b, superPom, "the Maven at " + mavenHome.get()))
                .orElseGet(() -> new MavenDefaults(parse(BUILT_IN), superPom, "Maven 3.9.11's defaults"));
    }

    /** @return a super POM provider giving the installed Maven's super POM, or empty for the library's own */
    Optional<SuperPomProvider> superPomProvider() {
        return superPom.map(m -> version -> m.clone());
    }

    private static Map<String, String> parse(List<String> gavs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : gavs) {
            String[] p = s.strip().split(":");
            if (p.length >= 3) {
                m.put(p[0] + ":" + p[1], p[2]);
            }
        }
        return m;
    }

    private static Optional<Path> jar(Path home, String prefix) {
        try (Stream<Path> s = Files.list(home.resolve("lib"))) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".jar")).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> entry(Path jar, String name) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            ZipEntry e = z.getEntry(name);
            if (e == null) {
                return Optional.empty();
            }
            try (InputStream in = z.getInputStream(e)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Map<String, String>> bindings(Path home) {
        Optional<String> xml = jar(home, "maven-core").flatMap(j -> entry(j, "META-INF/plexus/components.xml"));
        if (xml.isEmpty()) {
            return Optional.empty();
        }
        for (String component : xml.get().split("<component>")) {
            if (!component.contains("<role-hint>jar</role-hint>") || !component.contains("LifecycleMapping")) {
                continue;
            }
            Map<String, String> m = new LinkedHashMap<>();
            Matcher mt = PHASE.matcher(component);
            while (mt.find()) {
                for (String mojo : mt.group(2).split(",")) {
                    String[] p = mojo.strip().split(":");
                    if (p.length == 4) {
                        m.putIfAbsent(p[0] + ":" + p[1], p[2]);
                    }
                }
            }
            return m.isEmpty() ? Optional.empty() : Optional.of(m);
        }
        return Optional.empty();
    }

    private static Optional<Model> superPom(Path home) {
        Optional<String> xml = jar(home, "maven-model-builder").flatMap(j -> entry(j, "org/apache/maven/model/pom-4.0.0.xml"));
        try {
            return xml.isEmpty() ? Optional.empty() : Optional.of(new MavenXpp3Reader().read(new java.io.StringReader(xml.get()), false));
        } catch (IOException | XmlPullParserException e) {
            return Optional.empty();
        }
    }

    /** @return the lifecycle plugins as {@code groupId:artifactId:version} */
    List<String> coordinates() {
        List<String> l = new ArrayList<>();
        lifecyclePlugins.forEach((ga, v) -> l.add(ga + ":" + v));
        return l;
    }
}
