package dev.pavu.verifier.toolchain;

import dev.pavu.verifier.config.VerifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.xml.stream.XMLStreamConstants;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code checkstyle} linter of Maven projects: the Checkstyle Maven plugin's {@code check} goal
 * ({@code pavu.verifier.gates.checkstyle-plugin}) run with the project's pom, so a project that configures the plugin
 * gets its own configuration; violations are read from each module's {@code target/checkstyle-result.xml}.
 *
 * <p>Which configuration: the project's when its pom mentions the plugin or {@code checkstyle.config.location}
 * (Pavu passes none, the plugin applies the pom's); else {@code checkstyle.xml} or
 * {@code config/checkstyle/checkstyle.xml} at the project root; else Pavu's default
 * ({@code pavu/checkstyle-default.xml}: unused imports, empty blocks, missing braces, equals/hashCode … — likely
 * mistakes, no style guide), copied to {@value #DEFAULT_CONFIG_FILE} in the project root. The check never fails the
 * Maven build on violations ({@code -Dcheckstyle.failOnViolation=false}); a non-zero exit means Checkstyle itself
 * could not run.
 */
@ApplicationScoped
public class CheckstyleToolchain {

    /** Where Pavu's default configuration is written in a project root (the linters leave {@code .pavu*} alone). */
    public static final String DEFAULT_CONFIG_FILE = ".pavu-checkstyle.xml";
    static final String DEFAULT_CONFIG_RESOURCE = "/pavu/checkstyle-default.xml";

    /**
     * The configuration a run uses.
     *
     * @param location the value of {@code -Dcheckstyle.config.location} (absolute path); empty = the pom's own
     * @param source   for the gate's detail: {@code the project's pom}, {@code checkstyle.xml}, {@code Pavu's default}
     */
    public record Config(Optional<Path> location, String source) {
    }

    private final VerifierConfig config;
    private final MavenToolchain maven;

    public CheckstyleToolchain(VerifierConfig config, MavenToolchain maven) {
        this.config = config;
        this.maven = maven;
    }

    /**
     * @return the configured plugin as {@code groupId:artifactId:version}
     * @throws IllegalArgumentException when {@code pavu.verifier.gates.checkstyle-plugin} is not of that shape (the
     *                                  message says what it was and what to set)
     */
    public String plugin() {
        return MavenPlugin.parse(config.gates().checkstylePlugin(), "pavu.verifier.gates.checkstyle-plugin",
                "org.apache.maven.plugins:maven-checkstyle-plugin:3.6.0").coordinates();
    }

    /** @return the plugin's jar in the local repository (it may not exist) */
    public Path pluginJar() {
        return MavenPlugin.parse(plugin(), "pavu.verifier.gates.checkstyle-plugin", "").jar(maven.localRepository());
    }

    /** @return true when the plugin's jar is in the local repository (then an offline run can start) */
    public boolean available() {
        return Files.isRegularFile(pluginJar());
    }

    /**
     * Chooses the configuration for a project and, for Pavu's default, writes it into the project root.
     *
     * @param root the project root
     * @return the configuration
     * @throws UncheckedIOException when the default cannot be written
     */
    public static Config config(Path root) {
        if (pomConfiguresCheckstyle(root)) {
            return new Config(Optional.empty(), "the project's pom");
        }
        for (String own : List.of("checkstyle.xml", "config/checkstyle/checkstyle.xml")) {
            if (Files.isRegularFile(root.resolve(own))) {
                return new Config(Optional.of(root.resolve(own).toAbsolutePath().normalize()), own);
            }
        }
        Path file = root.resolve(DEFAULT_CONFIG_FILE).toAbsolutePath().normalize();
        try (InputStream in = CheckstyleToolchain.class.getResourceAsStream(DEFAULT_CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_CONFIG_RESOURCE + " is missing from the verifier's class path");
            }
            Files.write(file, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Pavu's default Checkstyle configuration to " + file, e);
        }
        return new Config(Optional.of(file), "Pavu's default");
    }

    static boolean pomConfiguresCheckstyle(Path root) {
        Path pom = root.resolve("pom.xml");
        try {
            String text = Files.isRegularFile(pom) ? Files.readString(pom) : "";
            return text.contains("maven-checkstyle-plugin") || text.contains("checkstyle.config.location");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param cfg     the configuration ({@link #config(Path)})
     * @return {@code mvn -o -B … <plugin>:check -Dcheckstyle.failOnViolation=false [-Dcheckstyle.config.location=…]}
     */
    public List<String> command(Config cfg) {
        List<String> c = maven.baseCommand();
        c.add(plugin() + ":check");
        c.add("-Dcheckstyle.failOnViolation=false");
        cfg.location().ifPresent(l -> c.add("-Dcheckstyle.config.location=" + l));
        return c;
    }

    /**
     * Reads every {@code target/checkstyle-result.xml} below a project root (any module); only violations of
     * severity {@code error} (the plugin's default {@code violationSeverity}) count.
     *
     * @param root the project root
     * @return the violations, paths relative to the root, in report order
     * @throws UncheckedIOException when a report cannot be read or parsed
     */
    public static List<Violation> violations(Path root) {
        Path base = root.toAbsolutePath().normalize();
        List<Violation> found = new ArrayList<>();
        PluginReports.readAll(base, "checkstyle-result.xml", "Checkstyle", r -> {
            String file = null;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (r.getLocalName().equals("file")) {
                    file = relative(base, r.getAttributeValue(null, "name"));
                } else if (r.getLocalName().equals("error") && file != null
                        && "error".equals(r.getAttributeValue(null, "severity"))) {
                    found.add(new Violation(file, number(r.getAttributeValue(null, "line")),
                            number(r.getAttributeValue(null, "column")), rule(r.getAttributeValue(null, "source")),
                            String.valueOf(r.getAttributeValue(null, "message"))));
                }
            }
        });
        return found;
    }

    /**
     * One Checkstyle violation.
     *
     * @param file    path relative to the project root
     * @param line    1-based line, 0 when none
     * @param column  1-based column, 0 when none
     * @param rule    the check's short name ({@code com.puppycrawl…NeedBracesCheck} → {@code NeedBraces})
     * @param message Checkstyle's message
     */
    public record Violation(String file, int line, int column, String rule, String message) {
    }

    static String rule(String source) {
        if (source == null || source.isBlank()) {
            return "";
        }
        String s = source.substring(source.lastIndexOf('.') + 1);
        return s.endsWith("Check") && s.length() > 5 ? s.substring(0, s.length() - 5) : s;
    }

    private static String relative(Path base, String name) {
        if (name == null) {
            return "?";
        }
        Path p = Path.of(name).toAbsolutePath().normalize();
        return p.startsWith(base) ? base.relativize(p).toString().replace('\\', '/') : name;
    }

    private static int number(String s) {
        return PluginReports.number(s);
    }
}
