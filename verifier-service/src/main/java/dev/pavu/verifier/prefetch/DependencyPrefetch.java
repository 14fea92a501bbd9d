package dev.pavu.verifier.prefetch;

import org.apache.maven.model.Model;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.ArtifactType;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dependency prefetch of a Maven project, WITHOUT running any of it: its poms are read as data (effective models
 * of every module, {@link ProjectModels}), then Maven Resolver, as a library in this JVM, downloads what an offline
 * {@code mvn -o test} and the fast path's {@code dependency:build-classpath} will need — each module's dependencies
 * (all scopes, transitive, the project's own modules excluded), the build plugins with their dependencies
 * ({@link BuildPlugins}), what plugins resolve themselves (annotation processors, resource bundles: {@link MojoArtifacts}), surefire's providers and the
 * JUnit Platform launcher ({@link SurefireProviders}), the
 * linters' plugins, and the plugin groups' metadata — from the configured repositories only (a pom's
 * {@code <repositories>} are ignored), into a private STAGING repository with checksums verified (a mismatch fails).
 * Only then are the staged files added to the shared local repository ({@link Promotion}): nothing the project
 * declares runs, and nothing it does can write the shared repository. Not thread-safe per work directory; a
 * prefetch whose thread is interrupted stops between two resolutions.
 */
public final class DependencyPrefetch {

    private final List<RemoteRepository> repositories;
    private final MavenDefaults defaults;
    private final String vintageVersion;
    private final Properties systemProperties;

    /**
     * @param repositories     {@code id=url} entries ({@code pavu.verifier.maven.repositories})
     * @param defaults         the installed Maven's default plugins and super POM
     * @param vintageVersion   JUnit Vintage version for JUnit 4 projects ({@code pavu.verifier.fast-path.vintage-version})
     * @param systemProperties what profiles are activated by: {@link #systemProperties(Path, Map)}
     * @throws IllegalArgumentException when a repository entry is malformed
     */
    public DependencyPrefetch(List<String> repositories, MavenDefaults defaults, String vintageVersion, Properties systemProperties) {
        this.repositories = Resolvers.remotes(repositories);
        this.defaults = defaults;
        this.vintageVersion = vintageVersion;
        this.systemProperties = systemProperties;
    }

    /**
     * The system properties Maven would see when building with a JDK: this JVM's, with the target JDK's
     * {@code java.version}/{@code java.home} (JDK-activated profiles) and the run's environment as {@code env.*}.
     *
     * @param javaHome    the target JDK
     * @param environment the offline runs' environment
     * @return the properties
     */
    public static Properties systemProperties(Path javaHome, Map<String, String> environment) {
        Properties p = new Properties();
        p.putAll(System.getProperties());
        p.setProperty("java.home", javaHome.toString());
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "").strip();
                    p.setProperty("java.version", v);
                    p.setProperty("java.specification.version", v.replaceFirst("^(1\\.\\d+|\\d+).*", "$1"));
                }
            }
        } catch (IOException e) {
            // not a JDK with a release file: this JVM's version stands
        }
        environment.forEach((k, v) -> p.setProperty("env." + k, v));
        return p;
    }

    /**
     * Prefetches one project.
     *
     * @param root    the checked-out project (read only, never run)
     * @param shared  the shared local repository the offline runs read
     * @param work    an empty private directory (staging repository, the modules' effective poms); the caller deletes it
     * @param plugins further plugins to resolve, {@code groupId:artifactId:version} (the job's linters)
     * @return what was done
     * @throws InterruptedException when the thread is interrupted (time is up); nothing was promoted then
     * @throws IOException          when the work directory cannot be written or the promotion fails
     */
    public PrefetchReport run(Path root, Path shared, Path work, List<String> plugins) throws InterruptedException, IOException {
        return run(root, shared, work, plugins, Duration.ofDays(1));
    }

    /**
     * Prefetches one project within a time limit: no resolution starts after it, and nothing is promoted then.
     *
     * @param limit the wall-clock limit
     * @see #run(Path, Path, Path, List)
     */
    public PrefetchReport run(Path root, Path shared, Path work, List<String> plugins, Duration limit)
            throws InterruptedException, IOException {
        long t0 = System.nanoTime();
        long deadline = t0 + limit.toNanos();
        Path dir = root.toAbsolutePath().normalize();
        Path staging = Files.createDirectories(work.resolve("repository"));
        AtomicLong downloads = new AtomicLong();
        Set<String> ignored = new TreeSet<>();
        RepositorySystemSession modelSession = Resolvers.session(staging, shared, systemProperties, null, downloads);
        ProjectModels.Result models = ProjectModels.read(dir, new RepositoryModelResolver(modelSession, repositories, ignored),
                systemProperties, defaults, ignored);
        Reactor reactor = new Reactor(models.modules(), work.resolve("reactor"));
        ResolutionRun run = new ResolutionRun(Resolvers.session(staging, shared, systemProperties, reactor, downloads), repositories, deadline);
        run.checkInterrupted();
        models.problems().forEach(run::problem);
        Set<String> pluginKeys = new HashSet<>();
        Set<String> providerKeys = new HashSet<>();
        for (ProjectModels.Module module : models.modules()) {
            Model m = module.model();
            Artifact self = new DefaultArtifact(m.getGroupId(), m.getArtifactId(), "pom", m.getVersion());
            List<Dependency> deps = convert(run, m.getDependencies(), m.getArtifactId());
            List<Dependency> managed = m.getDependencyManagement() == null ? List.of()
                    : convert(run, m.getDependencyManagement().getDependencies(), m.getArtifactId());
            List<Artifact> classpath = run.tree("the dependencies of " + module.ga(), null, self, deps, managed, reactor.notSibling());
            String surefire = null;
            for (BuildPlugins.Use u : BuildPlugins.of(m, defaults)) {
                String v = u.version() != null ? u.version() : run.release(u.groupId(), u.artifactId());
                if (v == null) {
                    continue;
                }
                if (v.contains("${")) {
                    run.problem("plugin " + u.ga() + " of " + module.ga() + ": version " + v + " is not resolved");
                    continue;
                }
                if (u.ga().equals(BuildPlugins.SUREFIRE)) {
                    surefire = v;
                }
                List<Dependency> pluginDeps = convert(run, u.dependencies(), u.ga());
                if (pluginKeys.add(u.ga() + ":" + v + pluginDeps)) {
                    plugin(run, u.ga() + ":" + v, pluginDeps);
                }
            }
            for (String coords : MojoArtifacts.of(m)) {
                if (providerKeys.add(coords)) {
                    String[] p = coords.split(":", -1);
                    run.tree("artifact a plugin resolves itself: " + coords, new Dependency(new DefaultArtifact(p[0], p[1], p[3], p[2], p[4]), "runtime"),
                            null, List.of(), List.of(), null);
                }
            }
            if (surefire != null) {
                for (String coords : SurefireProviders.of(surefire, classpath, vintageVersion)) {
                    if (providerKeys.add(coords)) {
                        plugin(run, coords, List.of());
                        // surefire resolves its provider itself when it runs, with the installed Maven's resolver
                        run.treeAsDeclared(coords, new Dependency(new DefaultArtifact(coords), "runtime"));
                    }
                }
            }
        }
        for (String coords : plugins) {
            if (pluginKeys.add(coords + "[]")) {
                plugin(run, coords, List.of());
            }
        }
        run.groupMetadata("org.apache.maven.plugins");
        run.groupMetadata("org.codehaus.mojo");
        run.checkInterrupted();
        boolean promote = !run.integrityFailure();
        int added = promote ? Promotion.promote(staging, shared).added().size() : 0;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new PrefetchReport(models.modules().size(), run.artifacts().size(), pluginKeys.size(), providerKeys.size(),
                downloads.get(), added, promote, run.problems(), new ArrayList<>(ignored), ms, null);
    }

    /** A plugin (or provider) and its runtime dependencies; Maven adds plexus-utils 1.1 to a plugin without one. */
    private void plugin(ResolutionRun run, String coords, List<Dependency> extra) throws InterruptedException {
        String[] p = coords.split(":");
        Dependency root = new Dependency(new DefaultArtifact(p[0], p[1], "jar", p[2]), "runtime");
        List<Artifact> got = run.tree(coords, root, null, extra, List.of(), null);
        boolean plexusUtils = got.stream().anyMatch(a -> a.getArtifactId().equals("plexus-utils"));
        if (!got.isEmpty() && !plexusUtils && p[1].startsWith("maven-") && p[1].endsWith("-plugin")) {
            run.tree("plexus-utils for " + coords, new Dependency(new DefaultArtifact("org.codehaus.plexus:plexus-utils:1.1"), "runtime"),
                    null, List.of(), List.of(), null);
        }
    }

    private static List<Dependency> convert(ResolutionRun run, List<org.apache.maven.model.Dependency> deps, String owner) {
        RepositorySystemSession s = run.session();
        List<Dependency> out = new ArrayList<>();
        for (org.apache.maven.model.Dependency d : deps) {
            if ("system".equals(d.getScope()) || "import".equals(d.getScope())) {
                continue;
            }
            if (d.getVersion() == null || d.getVersion().contains("${")) {
                run.problem(owner + ": dependency " + d.getManagementKey() + " has no resolved version (" + d.getVersion() + ")");
                continue;
            }
            ArtifactType type = s.getArtifactTypeRegistry().get(d.getType());
            String ext = type != null ? type.getExtension() : d.getType();
            String classifier = d.getClassifier() != null && !d.getClassifier().isEmpty() ? d.getClassifier()
                    : type != null ? type.getClassifier() : "";
            Artifact a = new DefaultArtifact(d.getGroupId(), d.getArtifactId(), classifier, ext, d.getVersion(), type);
            List<Exclusion> ex = d.getExclusions().stream()
                    .map(e -> new Exclusion(e.getGroupId(), e.getArtifactId(), "*", "*")).toList();
            out.add(new Dependency(a, d.getScope(), d.isOptional(), ex));
        }
        return out;
    }
}
