package dev.pavu.verifier.toolchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.verifier.config.VerifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command lines and environment of a Node project's gates: {@code node --check} on every source (static) and
 * {@code npm test} with npm offline (tests). When the project's test script is Node's own runner
 * ({@code node --test …}), the runner's JUnit reporter is added ({@code --test-reporter=junit}, Node 20+), so failing
 * tests are named, and tests can be run first by name ({@code --test-name-pattern}); any other test script is judged
 * by its exit code.
 */
@ApplicationScoped
public class NodeToolchain {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NODE_TEST = Pattern.compile("^\\s*node\\s+(?:\\S+\\s+)*--test(?:\\s|$).*");
    private static final Pattern ERROR_AT = Pattern.compile("^(/\\S+?\\.[cm]?js):(\\d+)$");
    private static final Pattern JS_ERROR = Pattern.compile("^(\\w*Error): (.*)$");
    /** Sources the static gate checks at most (one {@code node --check} each). */
    static final int MAX_CHECKED = 2000;

    private final VerifierConfig config;

    public NodeToolchain(VerifierConfig config) {
        this.config = config;
    }

    /** @return the node binary, when found */
    public Optional<Path> node() {
        return Executables.which(config.node().command());
    }

    /** @return the npm command, when found */
    public Optional<Path> npm() {
        return Executables.which(config.node().npmCommand());
    }

    /**
     * @param root the project root
     * @return the {@code scripts.test} of {@code package.json}, or {@code null}
     */
    public static String testScript(Path root) {
        try {
            JsonNode pkg = JSON.readTree(root.resolve("package.json").toFile());
            JsonNode t = pkg.path("scripts").path("test");
            return t.isTextual() ? t.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * @param root the project root
     * @return true when the test script is Node's test runner, which takes reporter and name-pattern arguments
     */
    public static boolean usesNodeTestRunner(Path root) {
        String s = testScript(root);
        return s != null && NODE_TEST.matcher(s).matches() && !s.contains("&&") && !s.contains(";") && !s.contains("|");
    }

    /**
     * The static gate: {@code node --check} on each {@code .js}, {@code .mjs}, {@code .cjs} file outside
     * {@code node_modules} and dot-directories, stopping at the first that does not parse.
     *
     * @param node  the node binary
     * @param files the sources, relative to the root
     * @return the command
     */
    public List<String> checkCommand(Path node, List<String> files) {
        List<String> c = new ArrayList<>(List.of("sh", "-c",
                "for f in \"$@\"; do \"" + node + "\" --check \"$f\" || exit 1; done", "pavu-node-check"));
        c.addAll(files);
        return c;
    }

    /**
     * @param root the project root
     * @return the sources the static gate checks, relative, sorted
     */
    public static List<String> sources(Path root) {
        List<String> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(root) && (n.startsWith(".") || n.equals("node_modules")) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String n = file.getFileName().toString();
                    if (attrs.isRegularFile() && (n.endsWith(".js") || n.endsWith(".mjs") || n.endsWith(".cjs"))
                            && files.size() < MAX_CHECKED) {
                        files.add(root.relativize(file).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // an unreadable tree: check what was found
        }
        files.sort(null);
        return files;
    }

    /**
     * @param npm         the npm command
     * @param root        the project root
     * @param names       test names to run instead of the whole suite (only with Node's runner); empty = all
     * @param report      where the JUnit XML goes (only with Node's runner)
     * @return the test command
     */
    public List<String> testCommand(Path npm, Path root, List<String> names, Path report) {
        List<String> c = new ArrayList<>(List.of(npm.toString(), "test"));
        if (usesNodeTestRunner(root)) {
            c.addAll(List.of("--", "--test-reporter=spec", "--test-reporter-destination=stdout",
                    "--test-reporter=junit", "--test-reporter-destination=" + report));
            if (!names.isEmpty()) {
                c.add("--test-name-pattern=^(?:" + String.join("|", names.stream().map(NodeToolchain::quoteRegex).toList()) + ")$");
            }
        }
        return c;
    }

    /**
     * @param testIds test ids as reported ({@code classname#name}; Node's reporter gives {@code test#<test name>})
     * @return the test names
     */
    public static List<String> testNames(List<String> testIds) {
        return testIds.stream().map(id -> id.substring(id.indexOf('#') + 1)).filter(n -> !n.isBlank()).distinct().toList();
    }

    static String quoteRegex(String s) {
        return s.replaceAll("[\\\\^$.|?*+()\\[\\]{}/]", "\\\\$0");
    }

    /**
     * @param output {@code node --check}'s output
     * @param root   the project root
     * @return e.g. {@code calc.js:2 SyntaxError: Unexpected token ';'}
     */
    public static List<String> syntaxErrors(String output, Path root) {
        List<String> errors = new ArrayList<>();
        String where = null;
        String prefix = root.toAbsolutePath().normalize() + "/";
        for (String line : output.split("\n")) {
            Matcher at = ERROR_AT.matcher(line.strip());
            if (at.matches()) {
                String p = at.group(1).startsWith(prefix) ? at.group(1).substring(prefix.length()) : at.group(1);
                where = p + ":" + at.group(2);
                continue;
            }
            Matcher e = JS_ERROR.matcher(line.strip());
            if (e.matches() && where != null) {
                errors.add(where + " " + e.group(1) + ": " + e.group(2));
                where = null;
            }
        }
        return errors;
    }

    /**
     * @param node the node binary
     * @return the whole environment of a run: npm offline, without update checks, its cache in the private
     * {@code /tmp}; {@code CI=true} so that runners never wait in watch mode
     */
    public Map<String, String> environment(Path node) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", node.getParent() + File.pathSeparator + "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", "/tmp");
        env.put("LANG", "C.UTF-8");
        env.put("TMPDIR", "/tmp");
        env.put("CI", "true");
        env.put("npm_config_offline", "true");
        env.put("npm_config_update_notifier", "false");
        env.put("npm_config_fund", "false");
        env.put("npm_config_audit", "false");
        env.put("npm_config_cache", "/tmp/pavu-npm-cache");
        return env;
    }

    /**
     * @param node the node binary
     * @return installations a run must see read-only (node's and npm's, when outside the system directories)
     */
    public List<Path> readOnlyPaths(Path node) {
        List<Path> paths = new ArrayList<>(List.of(Executables.installation(node)));
        npm().map(Executables::installation).filter(p -> !paths.contains(p)).ifPresent(paths::add);
        return paths;
    }
}
