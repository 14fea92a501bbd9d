package dev.pavu.verifier.toolchain;

import dev.pavu.verifier.config.VerifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code spotbugs} linter of Maven projects: {@code mvn … compile <plugin>:check -Dspotbugs.failOnError=false}
 * ({@code pavu.verifier.gates.spotbugs-plugin}) with the project's pom (a project that configures the plugin gets its
 * own threshold, filters …; else SpotBugs' defaults: medium priority and up). {@code compile} comes first because
 * SpotBugs analyses class files (a no-op on a candidate's workspace, which the tests gate built; it builds a baseline's
 * fresh checkout). Bugs are read from each module's {@code target/spotbugsXml.xml}; a non-zero exit means SpotBugs
 * could not run.
 */
@ApplicationScoped
public class SpotbugsToolchain {

    private static final String SETTING = "pavu.verifier.gates.spotbugs-plugin";
    private static final String EXAMPLE = "com.github.spotbugs:spotbugs-maven-plugin:4.9.8.2";

    /**
     * One bug SpotBugs reported.
     *
     * @param file    source path relative to the project root (through the report's source directories), else the
     *                path SpotBugs gives relative to its source root ({@code demo/Greeter.java})
     * @param line    1-based line of the bug's primary source line (else its method's first line); 0 when none
     * @param type    the bug pattern, e.g. {@code NP_ALWAYS_NULL}
     * @param message SpotBugs' long message, e.g. {@code Null pointer dereference of name in demo.Greeter.greet(String)}
     */
    public record Bug(String file, int line, String type, String message) {
    }

    private final VerifierConfig config;
    private final MavenToolchain maven;

    public SpotbugsToolchain(VerifierConfig config, MavenToolchain maven) {
        this.config = config;
        this.maven = maven;
    }

    /**
     * @return the configured plugin
     * @throws IllegalArgumentException when {@code pavu.verifier.gates.spotbugs-plugin} is not {@code groupId:artifactId:version}
     */
    public MavenPlugin plugin() {
        return MavenPlugin.parse(config.gates().spotbugsPlugin(), SETTING, EXAMPLE);
    }

    /** @return the plugin's jar in the local repository (it may not exist) */
    public Path pluginJar() {
        return plugin().jar(maven.localRepository());
    }

    /** @return true when the plugin's jar is in the local repository (then an offline run can start) */
    public boolean available() {
        return Files.isRegularFile(pluginJar());
    }

    /**
     * @return the offline command, run in the project root (the prefetch resolved the plugin and SpotBugs beforehand)
     */
    public List<String> command() {
        List<String> c = maven.baseCommand();
        c.addAll(List.of("compile", plugin().coordinates() + ":check", "-Dspotbugs.failOnError=false"));
        return c;
    }

    /**
     * Reads every {@code target/spotbugsXml.xml} below a project root (any module).
     *
     * @param root the project root
     * @return the bugs, in report order
     * @throws UncheckedIOException when a report cannot be read or parsed
     */
    public static List<Bug> bugs(Path root) {
        Path base = root.toAbsolutePath().normalize();
        List<Bug> found = new ArrayList<>();
        PluginReports.readAll(base, "spotbugsXml.xml", "SpotBugs", r -> read(r, base, found));
        return found;
    }

    private static void read(XMLStreamReader r, Path base, List<Bug> found) throws XMLStreamException {
        List<Path> srcDirs = new ArrayList<>();
        int depth = 0;
        String type = null;
        String message = null;
        String primaryPath = null;
        int primaryLine = 0;
        boolean primarySeen = false;
        String methodPath = null;
        int methodLine = 0;
        String parent = null;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = r.getLocalName();
                if (name.equals("SrcDir")) {
                    srcDirs.add(Path.of(r.getElementText().strip()).toAbsolutePath().normalize());
                    depth--;
                } else if (name.equals("BugInstance")) {
                    type = r.getAttributeValue(null, "type");
                    message = null;
                    primaryPath = null;
                    primaryLine = 0;
                    primarySeen = false;
                    methodPath = null;
                    methodLine = 0;
                } else if (type != null && name.equals("LongMessage") && depth == 3) {
                    message = r.getElementText().strip();
                    depth--;
                } else if (type != null && (name.equals("Method") || name.equals("Class") || name.equals("Field"))) {
                    parent = depth == 3 ? name : parent;
                } else if (type != null && name.equals("SourceLine")) {
                    String path = r.getAttributeValue(null, "sourcepath");
                    int line = number(r.getAttributeValue(null, "start"));
                    boolean primary = "true".equals(r.getAttributeValue(null, "primary"));
                    if (depth == 3 && (primaryPath == null || primary && !primarySeen)) {
                        primaryPath = path;
                        primaryLine = line;
                        primarySeen |= primary;
                    } else if (depth == 4 && "Method".equals(parent) && methodPath == null) {
                        methodPath = path;
                        methodLine = line;
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                if (r.getLocalName().equals("BugInstance") && type != null) {
                    String path = primaryPath != null ? primaryPath : methodPath;
                    int line = primaryPath != null ? primaryLine : methodLine;
                    found.add(new Bug(path == null ? "?" : relative(base, srcDirs, path), line, type, message == null ? type : message));
                    type = null;
                }
                if (depth == 3) {
                    parent = null;
                }
                depth--;
            }
        }
    }

    private static String relative(Path base, List<Path> srcDirs, String sourcePath) {
        for (Path dir : srcDirs) {
            Path f = dir.resolve(sourcePath).normalize();
            if (f.startsWith(base) && Files.isRegularFile(f)) {
                return base.relativize(f).toString().replace('\\', '/');
            }
        }
        return sourcePath;
    }

    private static int number(String s) {
        return PluginReports.number(s);
    }
}
