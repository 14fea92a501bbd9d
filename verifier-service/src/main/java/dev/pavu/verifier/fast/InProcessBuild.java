package dev.pavu.verifier.fast;

import dev.pavu.verifier.prefetch.OfflineClasspath;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.Resource;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Opens a fast-path baseline without a Maven process: the test classpath from the shared local repository
 * ({@link OfflineClasspath}, Maven Resolver offline, what the prefetch put there), main and test sources compiled with
 * {@code javax.tools} in the verifier ({@code -proc:none}: no annotation processor, nothing of the project runs, as for
 * a candidate's changed sources in {@link FastCompiler}), resources copied as they are.
 *
 * <p>Only for the plain build it reproduces exactly: default source, resource and output directories, resources not
 * filtered, no plugin but compiler, surefire, resources (unconfigured) and the packaging ones, the compiler configured
 * with at most {@code release}/{@code source}/{@code target}/{@code encoding} and a {@code release} set, no annotation
 * processor on the classpath or in the resources, no symbolic link or special file under the source and resource
 * directories (they would be read outside the sandbox), and a baseline that compiles. Anything else gives the reason,
 * and the caller opens the project with Maven in the sandbox, as before.
 */
final class InProcessBuild {

    /** Plugins a default jar build has, which change nothing of what is compiled or copied (when not configured, for resources). */
    private static final Set<String> PLAIN_PLUGINS = Set.of("maven-compiler-plugin", "maven-surefire-plugin", "maven-resources-plugin",
            "maven-jar-plugin", "maven-install-plugin", "maven-deploy-plugin", "maven-clean-plugin", "maven-site-plugin");
    /** Compiler settings the in-process javac applies. */
    private static final Set<String> COMPILER_KEYS = Set.of("release", "source", "target", "encoding");
    private static final String PROCESSOR_SERVICE = "META-INF/services/javax.annotation.processing.Processor";

    /**
     * @param testClasspath the project's test classpath (jars, Maven's order), without its own classes
     * @param release       the {@code --release} the sources were compiled with
     * @param whyNot        why the project needs Maven to open, or {@code null} when it was built here
     */
    record Built(List<Path> testClasspath, String release, String whyNot) {
        static Built no(String why) {
            return new Built(List.of(), null, why);
        }
    }

    private InProcessBuild() {
    }

    /**
     * Builds {@code base} as {@code mvn test-compile} would: {@code target/classes} and {@code target/test-classes}.
     *
     * @param base      the baseline's checkout (nothing built yet)
     * @param classpath its model and classpaths ({@link OfflineClasspath#resolve})
     * @return the test classpath, or why the project needs Maven ({@code target/} may then hold a partial build: the
     *         caller's Maven build overwrites it)
     * @throws IOException when the checkout cannot be read or the output written
     */
    static Built build(Path base, OfflineClasspath.Result classpath) throws IOException {
        if (classpath.whyNot() != null) {
            return Built.no(classpath.whyNot());
        }
        Model m = classpath.model();
        String why = unusual(base, m);
        if (why != null) {
            return Built.no(why);
        }
        String release = setting(m, "release");
        if (release == null || !release.matches("\\d+")) {
            return Built.no("no numeric compiler release in the pom (maven.compiler.release or the compiler's <release>)");
        }
        String encodingName = setting(m, "encoding");
        encodingName = encodingName != null ? encodingName : m.getProperties().getProperty("project.build.sourceEncoding", "UTF-8");
        Charset encoding;
        try {
            encoding = Charset.forName(encodingName);
        } catch (RuntimeException e) {
            return Built.no("an unknown source encoding " + encodingName);
        }
        List<Path> mainSrc = new ArrayList<>();
        List<Path> testSrc = new ArrayList<>();
        List<Path> mainRes = new ArrayList<>();
        List<Path> testRes = new ArrayList<>();
        for (var walk : List.of(new Object[]{"src/main/java", mainSrc}, new Object[]{"src/test/java", testSrc},
                new Object[]{"src/main/resources", mainRes}, new Object[]{"src/test/resources", testRes})) {
            @SuppressWarnings("unchecked") List<Path> into = (List<Path>) walk[1];
            why = plainFiles(base, (String) walk[0], into);
            if (why != null) {
                return Built.no(why);
            }
        }
        if (mainSrc.stream().anyMatch(p -> p.getFileName().toString().equals("module-info.java"))) {
            return Built.no("a module-info.java (the module path is not reproduced here)");
        }
        if (mainRes.stream().anyMatch(p -> base.resolve("src/main/resources").relativize(p).toString().equals(PROCESSOR_SERVICE))) {
            return Built.no("the project declares an annotation processor (" + PROCESSOR_SERVICE + ")");
        }
        for (Path jar : classpath.test()) {
            if (declaresProcessor(jar)) {
                return Built.no("an annotation processor on the classpath (" + jar.getFileName() + ")");
            }
        }
        Path classes = Files.createDirectories(base.resolve("target/classes"));
        Path testClasses = Files.createDirectories(base.resolve("target/test-classes"));
        String failed = compile(mainSrc, classes, classpath.compile(), release, encoding, base);
        if (failed != null) {
            return Built.no("the main sources do not compile here (" + failed + ")");
        }
        copy(base.resolve("src/main/resources"), mainRes, classes);
        List<Path> testCp = new ArrayList<>(List.of(testClasses, classes));
        testCp.addAll(classpath.test());
        failed = compile(testSrc, testClasses, testCp, release, encoding, base);
        if (failed != null) {
            return Built.no("the test sources do not compile here (" + failed + ")");
        }
        copy(base.resolve("src/test/resources"), testRes, testClasses);
        return new Built(classpath.test(), release, null);
    }

    /** @return why the build is not the plain one reproduced here, or {@code null} */
    static String unusual(Path base, Model m) {
        if (!"jar".equals(m.getPackaging())) {
            return "packaging " + m.getPackaging();
        }
        Build b = m.getBuild();
        if (b == null) {
            return null;
        }
        Path dir = base.toAbsolutePath().normalize();
        if (!same(dir, b.getSourceDirectory(), "src/main/java") || !same(dir, b.getTestSourceDirectory(), "src/test/java")
                || !same(dir, b.getOutputDirectory(), "target/classes") || !same(dir, b.getTestOutputDirectory(), "target/test-classes")) {
            return "non-default source or output directories";
        }
        String res = resources(dir, b.getResources(), "src/main/resources");
        res = res != null ? res : resources(dir, b.getTestResources(), "src/test/resources");
        if (res != null) {
            return res;
        }
        for (Plugin p : b.getPlugins()) {
            if (!PLAIN_PLUGINS.contains(p.getArtifactId()) || !"org.apache.maven.plugins".equals(p.getGroupId())) {
                return "build plugin " + p.getKey() + " (it may generate sources or change the build)";
            }
            if (p.getArtifactId().equals("maven-compiler-plugin")) {
                if (!p.getExecutions().isEmpty() || !p.getDependencies().isEmpty()) {
                    return "the compiler plugin has executions or dependencies of its own";
                }
                if (p.getConfiguration() instanceof Xpp3Dom c) {
                    for (Xpp3Dom child : c.getChildren()) {
                        if (!COMPILER_KEYS.contains(child.getName())) {
                            return "compiler setting <" + child.getName() + ">";
                        }
                    }
                }
            }
            if (p.getArtifactId().equals("maven-resources-plugin") && (p.getConfiguration() != null || !p.getExecutions().isEmpty())) {
                return "the resources plugin is configured";
            }
        }
        for (String k : m.getProperties().stringPropertyNames()) {
            if (k.startsWith("maven.compiler.") && !COMPILER_KEYS.contains(k.substring("maven.compiler.".length()))) {
                return "compiler property " + k;
            }
        }
        return null;
    }

    private static boolean same(Path base, String declared, String dflt) {
        return declared == null || Path.of(declared).toAbsolutePath().normalize().equals(base.resolve(dflt));
    }

    private static String resources(Path base, List<Resource> list, String dflt) {
        for (Resource r : list) {
            if (r.isFiltering() || !r.getIncludes().isEmpty() || !r.getExcludes().isEmpty() || r.getTargetPath() != null
                    || !same(base, r.getDirectory(), dflt)) {
                return "resources not copied as they are (" + r.getDirectory() + ": filtering, includes, excludes or another directory)";
            }
        }
        return list.size() > 1 ? "more than one resource directory" : null;
    }

    /** The compiler's setting: the plugin's configuration, else the {@code maven.compiler.*} property. */
    private static String setting(Model m, String key) {
        for (Plugin p : m.getBuild() == null ? List.<Plugin>of() : m.getBuild().getPlugins()) {
            if (p.getArtifactId().equals("maven-compiler-plugin") && p.getConfiguration() instanceof Xpp3Dom c && c.getChild(key) != null) {
                String v = c.getChild(key).getValue();
                return v == null ? null : v.strip();
            }
        }
        String v = m.getProperties().getProperty("maven.compiler." + key);
        return v == null ? null : v.strip();
    }

    /**
     * Lists the regular files under {@code base/rel} without following links.
     *
     * @return why not, when a path there is a symbolic link or neither a file nor a directory
     */
    private static String plainFiles(Path base, String rel, List<Path> into) throws IOException {
        Path p = base;
        for (Path part : Path.of(rel)) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                return "a symbolic link (" + base.relativize(p) + ")";
            }
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(p)) { // Files.walk does not follow links by default
            for (Path f : s.sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isSymbolicLink() || a.isOther()) {
                    return "a symbolic link or special file (" + base.relativize(f) + ")";
                }
                if (a.isRegularFile() && (!rel.endsWith("java") || f.toString().endsWith(".java"))) {
                    into.add(f);
                }
            }
        }
        return null;
    }

    private static boolean declaresProcessor(Path jar) throws IOException {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            return z.getEntry(PROCESSOR_SERVICE) != null;
        }
    }

    private static void copy(Path root, List<Path> files, Path out) throws IOException {
        for (Path f : files) {
            Path to = out.resolve(root.relativize(f).toString());
            Files.createDirectories(to.getParent());
            Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** @return {@code null} when the sources compile (or there are none), else the first error */
    private static String compile(List<Path> sources, Path out, List<Path> cp, String release, Charset encoding, Path base) throws IOException {
        if (sources.isEmpty()) {
            return null;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, encoding)) {
            fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            fm.setLocationFromPaths(StandardLocation.CLASS_PATH, cp);
            fm.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            List<String> opts = List.of("-proc:none", "-g", "-nowarn", "-Xlint:none", "--release", release, "-encoding", encoding.name());
            Boolean ok = javac.getTask(null, fm, diags, opts, null, fm.getJavaFileObjectsFromPaths(sources)).call();
            if (Boolean.TRUE.equals(ok)) {
                return null;
            }
        }
        return diags.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).findFirst()
                .map(d -> (d.getSource() == null ? "?" : base.relativize(Path.of(d.getSource().toUri())).toString()) + ":" + d.getLineNumber()
                        + " " + d.getMessage(java.util.Locale.ROOT).lines().findFirst().orElse(""))
                .orElse("javac failed without an error");
    }
}
