package dev.pavu.verifier.coverage;

import jakarta.enterprise.context.ApplicationScoped;
import org.jacoco.agent.AgentJar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Prepares a candidate's workspace for a coverage run (per-test line coverage for spectrum-based fault
 * localisation).
 *
 * <p>Three jars go into {@code <workspace>/target/pavu-agent/} (the workspace is the only writable path the
 * sandbox binds, and the jars must be readable inside it):
 * <ul>
 *   <li>{@code jacocoagent.jar}, the JaCoCo agent, extracted with {@link AgentJar} from the
 *       {@code org.jacoco.agent} dependency of the verifier (so it comes from the verifier's own class path,
 *       never from a path in the local repository);</li>
 *   <li>{@code pavu-coverage-probe.jar}, built here from the listener classes of the {@code pavu-coverage-probe}
 *       module ({@code dev.pavu.probe}: the JUnit Platform {@code CoverageListener} with its
 *       {@code META-INF/services} registration, the JUnit 4 {@code JUnit4CoverageListener} and the
 *       {@code CoverageRecorder} both write through; the verifier ships the classes without the registration, so
 *       that its own tests never load them);</li>
 *   <li>{@code pavu-coverage-ext.jar}, the Maven core extension {@code dev.pavu.probe.maven.JUnit4ListenerExtension}
 *       with its Plexus component descriptor, which names the JUnit 4 listener in the provider property {@code listener} of
 *       surefire's JUnit 4 providers (surefire has no user property for it).</li>
 * </ul>
 * The agent reaches the test JVM through {@code JAVA_TOOL_OPTIONS} ({@code -javaagent:…=includes=<main
 * packages>,jmx=true,output=none}), so a project's own surefire {@code argLine} stays as it is; the Maven
 * JVM gets the agent too but loads none of the included classes. The listener jar is added with surefire's
 * {@code -Dmaven.test.additionalClasspath=} (user property of {@code additionalClasspathElements}), the extension
 * with Maven's {@code -Dmaven.ext.class.path=}; both run inside the sandbox like the build itself. So JUnit 5
 * (JUnit Platform) and JUnit 4 projects, JUnit 3 {@code TestCase}s of a {@code junit:junit} 4.x project included,
 * yield per-test coverage of one shape. A project that configures {@code additionalClasspathElements} itself,
 * declares {@code junit:junit} 3.x (surefire's JUnit 3 provider takes no listener), uses TestNG or runs its tests
 * with {@code forkCount=0} yields none; the verdict then has none and the collector says so in the log.
 */
@ApplicationScoped
public class CoverageProbe {

    /** Folder of the two jars, relative to the workspace. */
    public static final String AGENT_DIR = "target/pavu-agent";
    /** The JUnit Platform listener class, as a resource of the verifier's class path. */
    static final String LISTENER = "dev.pavu.probe.CoverageListener";
    /** The classes of the listener jar: both listeners and the recorder they share. */
    static final List<String> LISTENER_CLASSES = List.of(LISTENER, "dev.pavu.probe.JUnit4CoverageListener",
            "dev.pavu.probe.CoverageRecorder");
    /** The Maven core extension that registers the JUnit 4 listener with surefire. */
    static final String EXTENSION = "dev.pavu.probe.maven.JUnit4ListenerExtension";
    static final String SERVICES = "META-INF/services/org.junit.platform.launcher.TestExecutionListener";
    /**
     * The Plexus component descriptor through which Maven finds the extension (plain XML: Maven 3.8.7 left a JSR-330
     * component of {@code maven.ext.class.path} with a Sisu index unloaded, in a trial).
     */
    static final String COMPONENTS = "META-INF/plexus/components.xml";
    static final String COMPONENTS_XML = """
            <component-set>
              <components>
                <component>
                  <role>org.apache.maven.AbstractMavenLifecycleParticipant</role>
                  <role-hint>pavu-junit4-coverage</role-hint>
                  <implementation>%s</implementation>
                </component>
              </components>
            </component-set>
            """;
    /** Above this many main packages the agent instruments every class ({@code includes=*}). */
    static final int MAX_INCLUDES = 200;

    /**
     * @param root the candidate's workspace (patch applied)
     * @return what to add to the test command
     * @throws UncheckedIOException when the jars cannot be written
     * @throws IllegalStateException when the workspace path contains whitespace ({@code JAVA_TOOL_OPTIONS}
     *                               splits on it)
     */
    public ProbeSetup prepare(Path root) {
        Path dir = root.toAbsolutePath().normalize().resolve(AGENT_DIR);
        if (dir.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalStateException("cannot collect coverage: the workspace path contains whitespace: " + dir);
        }
        try {
            Files.createDirectories(dir);
            Path agent = dir.resolve("jacocoagent.jar");
            AgentJar.extractTo(agent.toFile());
            Path probe = dir.resolve("pavu-coverage-probe.jar");
            writeJar(probe, LISTENER_CLASSES, SERVICES, LISTENER + "\n");
            Path extension = dir.resolve("pavu-coverage-ext.jar");
            writeJar(extension, List.of(EXTENSION), COMPONENTS, COMPONENTS_XML.formatted(EXTENSION));
            String includes = includes(root);
            String javaagent = "-javaagent:" + agent + "=includes=" + includes + ",jmx=true,output=none,dumponexit=false";
            return new ProbeSetup(List.of("-Dmaven.test.additionalClasspath=" + probe, "-Dmaven.ext.class.path=" + extension),
                    Map.of("JAVA_TOOL_OPTIONS", javaagent), "per-test coverage: JaCoCo agent (includes=" + abbreviate(includes)
                    + ") and Pavu's JUnit Platform and JUnit 4 listeners; data in target/pavu-coverage");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the coverage probe in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes a jar of the given classes of the verifier's class path and one registration file {@code index}. */
    private static void writeJar(Path jar, List<String> classes, String index, String text) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            for (String cls : classes) {
                String resource = cls.replace('.', '/') + ".class";
                try (InputStream in = CoverageProbe.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException(resource + " is not on the verifier's class path (module pavu-coverage-probe)");
                    }
                    j.putNextEntry(new JarEntry(resource));
                    in.transferTo(j);
                    j.closeEntry();
                }
            }
            j.putNextEntry(new JarEntry(index));
            j.write(text.getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
    }

    /**
     * The agent's {@code includes}: {@code pkg.*} for every package with sources under a {@code src/main/java}
     * of the project (any module), joined by {@code :}; {@code *} when there are more than
     * {@value #MAX_INCLUDES} or a class sits in the default package.
     *
     * @param root the project
     * @return the pattern list
     */
    static String includes(Path root) throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        boolean defaultPackage = false;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Path rel = root.relativize(p);
                int at = indexOf(rel, "src", "main", "java");
                if (at < 0 || rel.toString().contains("/target/")) {
                    continue;
                }
                Path pkg = rel.subpath(at + 3, rel.getNameCount()).getParent();
                if (pkg == null) {
                    defaultPackage = true;
                } else {
                    packages.add(pkg.toString().replace('/', '.') + ".*");
                }
            }
        }
        if (defaultPackage || packages.isEmpty() || packages.size() > MAX_INCLUDES) {
            return "*";
        }
        return String.join(":", packages);
    }

    private static int indexOf(Path rel, String a, String b, String c) {
        for (int i = 0; i + 3 < rel.getNameCount(); i++) {
            if (rel.getName(i).toString().equals(a) && rel.getName(i + 1).toString().equals(b)
                    && rel.getName(i + 2).toString().equals(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
