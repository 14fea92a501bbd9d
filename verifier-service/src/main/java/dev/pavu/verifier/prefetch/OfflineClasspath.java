package dev.pavu.verifier.prefetch;

import org.apache.maven.model.Model;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A single-module Maven project's effective model and its compile and test classpaths, resolved in this JVM with
 * Maven Resolver OFFLINE from the shared local repository (what the prefetch put there): no Maven process, no network,
 * nothing of the project runs (the pom is only read, as the prefetch reads it). The fast path opens a project with it
 * instead of {@code mvn test-compile dependency:build-classpath} ({@code dev.pavu.verifier.fast.InProcessBuild}).
 *
 * <p>Order: the resolved graph's pre-order (depth first), as Maven's {@code project.getArtifacts()} and so
 * {@code dependency:build-classpath}; scopes as Maven's: compile = compile + provided + system (system-scoped
 * dependencies are not supported here: the caller falls back), test = every scope.
 */
public final class OfflineClasspath {

    /**
     * @param model      the effective model (parents, profiles and properties applied), or {@code null} when it cannot be read
     * @param compile    the main sources' classpath (jars), in Maven's order
     * @param test       the test classpath without the project's own classes (jars), in Maven's order
     * @param whyNot     why the project's classpath cannot be had here (a problem of the model or a missing artifact),
     *                   or {@code null}
     */
    public record Result(Model model, List<Path> compile, List<Path> test, String whyNot) {
        static Result no(String why) {
            return new Result(null, List.of(), List.of(), why);
        }
    }

    private OfflineClasspath() {
    }

    /**
     * Reads a project's model and resolves its classpaths offline.
     *
     * @param root         the project (its {@code pom.xml} is read, never run)
     * @param localRepo    the shared local repository (read only)
     * @param repositories the configured repositories ({@code id=url}, {@code pavu.verifier.maven.repositories}):
     *                     their ids say which local files count, as for Maven's own offline run
     * @param defaults     the installed Maven's super POM
     * @param systemProps  what profiles are activated by ({@link DependencyPrefetch#systemProperties})
     * @return the classpaths, or why not (never throws for a project's problem)
     */
    public static Result resolve(Path root, Path localRepo, List<String> repositories, MavenDefaults defaults, Properties systemProps) {
        Path dir = root.toAbsolutePath().normalize();
        DefaultRepositorySystemSession s = MavenRepositorySystemUtils.newSession();
        s.setLocalRepositoryManager(Resolvers.system().newLocalRepositoryManager(s, new LocalRepository(localRepo.toFile())));
        s.setOffline(true);
        s.setIgnoreArtifactDescriptorRepositories(true);
        for (Map.Entry<Object, Object> e : systemProps.entrySet()) {
            s.setSystemProperty(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
        var remotes = Resolvers.remotes(repositories);
        Set<String> ignored = new TreeSet<>();
        ProjectModels.Result models = ProjectModels.read(dir, new RepositoryModelResolver(s, remotes, ignored), systemProps, defaults, ignored);
        if (!models.problems().isEmpty() || models.modules().size() != 1) {
            return Result.no(models.problems().isEmpty() ? "not a single module" : "its model: " + String.join("; ", models.problems()));
        }
        Model m = models.modules().getFirst().model();
        List<Dependency> deps = new ArrayList<>();
        for (org.apache.maven.model.Dependency d : m.getDependencies()) {
            if ("system".equals(d.getScope())) {
                return Result.no("a system-scoped dependency (" + d.getManagementKey() + ")");
            }
            if (d.getVersion() == null || d.getVersion().contains("${")) {
                return Result.no("dependency " + d.getManagementKey() + " has no resolved version");
            }
            deps.add(convert(s, d));
        }
        List<Dependency> managed = new ArrayList<>();
        if (m.getDependencyManagement() != null) {
            for (org.apache.maven.model.Dependency d : m.getDependencyManagement().getDependencies()) {
                if (d.getVersion() != null && !d.getVersion().contains("${") && !"import".equals(d.getScope()) && !"system".equals(d.getScope())) {
                    managed.add(convert(s, d));
                }
            }
        }
        CollectRequest cr = new CollectRequest();
        cr.setRootArtifact(new DefaultArtifact(m.getGroupId(), m.getArtifactId(), "pom", m.getVersion()));
        cr.setDependencies(deps);
        cr.setManagedDependencies(managed);
        cr.setRepositories(remotes);
        try {
            List<Path> test = files(s, cr, JavaScopes.TEST);
            List<Path> compile = files(s, cr, JavaScopes.COMPILE);
            return new Result(m, compile, test, null);
        } catch (DependencyResolutionException | RuntimeException e) {
            String msg = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
            return new Result(m, List.of(), List.of(), "its dependencies do not resolve offline: " + (msg.length() > 300 ? msg.substring(0, 300) + "…" : msg));
        }
    }

    /** The files of the graph's nodes on {@code scope}'s classpath, pre-order. */
    private static List<Path> files(RepositorySystemSession s, CollectRequest cr, String scope) throws DependencyResolutionException {
        DependencyRequest req = new DependencyRequest(cr, DependencyFilterUtils.classpathFilter(scope));
        List<Path> out = new ArrayList<>();
        for (ArtifactResult ar : Resolvers.system().resolveDependencies(s, req).getArtifactResults()) {
            Artifact a = ar.getArtifact();
            if (a == null || a.getFile() == null || "pom".equals(a.getExtension())) {
                continue; // a pom-typed dependency is not on Maven's classpath either
            }
            if (!"jar".equals(a.getExtension())) {
                throw new IllegalStateException("a dependency that is not a jar: " + a);
            }
            out.add(a.getFile().toPath().toAbsolutePath().normalize());
        }
        return out;
    }

    private static Dependency convert(RepositorySystemSession s, org.apache.maven.model.Dependency d) {
        var type = s.getArtifactTypeRegistry().get(d.getType());
        String ext = type != null ? type.getExtension() : d.getType();
        String classifier = d.getClassifier() != null && !d.getClassifier().isEmpty() ? d.getClassifier()
                : type != null ? type.getClassifier() : "";
        Artifact a = new DefaultArtifact(d.getGroupId(), d.getArtifactId(), classifier, ext, d.getVersion(), type);
        var ex = d.getExclusions().stream().map(e -> new org.eclipse.aether.graph.Exclusion(e.getGroupId(), e.getArtifactId(), "*", "*")).toList();
        return new Dependency(a, d.getScope(), d.isOptional(), ex);
    }
}
