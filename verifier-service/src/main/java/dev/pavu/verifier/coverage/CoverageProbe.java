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
 * <p>Two jars go into {@code <workspace>/target/pavu-agent/} (the workspace is the only writable path the
 * sandbox binds, and the jars must be readable inside it):
 * <ul>
 *   <li>{@code jacocoagent.jar}, the JaCoCo agent, extracted with {@link AgentJar} from the
 *       {@code org.jacoco.agent} dependency of the verifier (so it comes from the verifier's own class path,
 *       never from a path in the local repository);</li>
 *   <li>{@code pavu-coverage-probe.jar}, built here from the {@code dev.pavu.probe.CoverageListener} class of
 *       the {@code pavu-coverage-probe} module plus its {@code META-INF/services} registration (the verifier
 *       ships the class without the registration, so that its own tests never load it).</li>
 * </ul>
 * The agent reaches the test JVM through {@code JAVA_TOOL_OPTIONS} ({@code -javaagent:…=includes=<main
 * packages>,jmx=true,output=none}), so a project's own surefire {@code argLine} stays as it is; the Maven
 * JVM gets the agent too but loads none of the included classes. The listener jar is added with surefire's
 * {@code -Dmaven.test.additionalClasspath=} (user property of {@code additionalClasspathElements}). A project
 * that configures {@code additionalClasspathElements} itself, runs its tests outside the JUnit Platform
 * (surefire's JUnit 4 provider) or with {@code forkCount=0} yields no per-test coverage; the verdict then has
 * none and the collector says so in the log.
 */
@ApplicationScoped
public class CoverageProbe {

    /** Folder of the two jars, relative to the workspace. */
    public static final String AGENT_DIR = "target/pavu-agent";
    /** The listener class, as a resource of the verifier's class path. */
    static final String LISTENER = "dev.pavu.probe.CoverageListener";
    static final String SERVICES = "META-INF/services/org.junit.platform.launcher.TestExecutionListener";
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
            writeProbeJar(probe);
            String includes = includes(root);
            String javaagent = "-javaagent:" + agent + "=includes=" + includes + ",jmx=true,output=none,dumponexit=false";
            return new ProbeSetup(List.of("-Dmaven.test.additionalClasspath=" + probe), Map.of("JAVA_TOOL_OPTIONS", javaagent),
                    "per-test coverage: JaCoCo agent (includes=" + abbreviate(includes) + ") and Pavu's JUnit listener; data in target/pavu-coverage");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the coverage probe in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeProbeJar(Path jar) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        String resource = LISTENER.replace('.', '/') + ".class";
        try (InputStream cls = CoverageProbe.class.getClassLoader().getResourceAsStream(resource);
             OutputStream out = Files.newOutputStream(jar);
             JarOutputStream j = new JarOutputStream(out, mf)) {
            if (cls == null) {
                throw new IOException(resource + " is not on the verifier's class path (module pavu-coverage-probe)");
            }
            j.putNextEntry(new JarEntry(resource));
            cls.transferTo(j);
            j.closeEntry();
            j.putNextEntry(new JarEntry(SERVICES));
            j.write((LISTENER + "\n").getBytes(StandardCharsets.UTF_8));
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
