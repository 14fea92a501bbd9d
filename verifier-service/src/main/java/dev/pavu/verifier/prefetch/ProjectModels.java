package dev.pavu.verifier.prefetch;

import org.apache.maven.model.Model;
import org.apache.maven.model.Repository;
import org.apache.maven.model.building.DefaultModelBuilder;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.DefaultModelBuildingRequest;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelProblem;
import org.apache.maven.model.resolution.ModelResolver;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The effective models of a checked-out project: the root pom and its {@code <modules>}, recursively (also those of
 * profiles active as Maven would activate them: by JDK, OS, property or file), built by Maven's model builder with
 * parents from the checkout ({@code relativePath}) or the repository, BOM imports, properties and the installed Maven's
 * super POM. Poms are read with no symbolic link followed and only below the root; a module outside it or behind a
 * link is refused. Nothing of the project runs: a pom is data.
 */
final class ProjectModels {

    /** Modules read at most (a pom whose modules never end is cut there). */
    static final int MAX_MODULES = 500;

    /**
     * One module of the project.
     *
     * @param dir   its directory
     * @param model its effective model
     */
    record Module(Path dir, Model model) {
        /** @return {@code groupId:artifactId} */
        String ga() {
            return model.getGroupId() + ":" + model.getArtifactId();
        }
    }

    /**
     * @param modules  the modules whose model could be built, root first
     * @param problems what could not be read or built (one line each)
     * @param ignored  repositories the poms declared, which were ignored ({@code id (url)})
     */
    record Result(List<Module> modules, List<String> problems, Set<String> ignored) {
    }

    private ProjectModels() {
    }

    /**
     * @param root        the project root (absolute, normalised)
     * @param resolver    parents and BOMs from the repository (a fresh copy per module)
     * @param systemProps the system properties profiles are activated by (the target JDK's {@code java.version} …)
     * @param defaults    the installed Maven's super POM
     * @param ignored     collects the repositories declared in poms
     * @return the models
     */
    static Result read(Path root, ModelResolver resolver, Properties systemProps, MavenDefaults defaults, Set<String> ignored) {
        DefaultModelBuilder builder = new DefaultModelBuilderFactory().newInstance();
        defaults.superPomProvider().ifPresent(builder::setSuperPomProvider);
        List<Module> modules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Deque<Path> todo = new ArrayDeque<>(List.of(root.resolve("pom.xml")));
        Set<Path> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < MAX_MODULES) {
            Path pom = todo.removeFirst();
            if (!seen.add(pom)) {
                continue;
            }
            String rel = root.relativize(pom).toString();
            if (!SafePaths.isRegularFile(root, pom)) {
                problems.add(rel + ": not read (missing, outside the project or behind a symbolic link)");
                continue;
            }
            DefaultModelBuildingRequest req = new DefaultModelBuildingRequest();
            req.setModelSource(new ProjectPomSource(root, pom));
            req.setPomFile(pom.toFile());
            req.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
            req.setProcessPlugins(true);
            req.setTwoPhaseBuilding(false);
            req.setSystemProperties(systemProps);
            req.setUserProperties(new Properties());
            req.setModelResolver(resolver.newCopy());
            Model model;
            try {
                model = builder.build(req).getEffectiveModel();
            } catch (ModelBuildingException e) {
                problems.add(rel + ": " + summary(e));
                continue;
            }
            modules.add(new Module(pom.getParent(), model));
            for (Repository r : model.getPluginRepositories()) {
                note(ignored, r);
            }
            for (Repository r : model.getRepositories()) {
                note(ignored, r);
            }
            for (String m : model.getModules()) {
                Path p = pom.getParent().resolve(m.replace('\\', '/')).normalize();
                if (SafePaths.isDirectory(root, p)) {
                    p = p.resolve("pom.xml");
                }
                if (SafePaths.inside(root, p).isEmpty()) {
                    problems.add("module " + m + " of " + rel + ": refused (outside the project or behind a symbolic link)");
                    continue;
                }
                todo.addLast(p);
            }
        }
        if (!todo.isEmpty()) {
            problems.add("more than " + MAX_MODULES + " modules; the rest were not read");
        }
        return new Result(modules, problems, ignored);
    }

    private static void note(Set<String> ignored, Repository r) {
        if (!"central".equals(r.getId()) || !String.valueOf(r.getUrl()).startsWith("https://repo.maven.apache.org/")) {
            ignored.add(r.getId() + " (" + r.getUrl() + ")");
        }
    }

    private static String summary(ModelBuildingException e) {
        List<String> errors = new ArrayList<>();
        for (ModelProblem p : e.getProblems()) {
            if (p.getSeverity() != ModelProblem.Severity.WARNING && errors.size() < 3) {
                errors.add(p.getMessage());
            }
        }
        return errors.isEmpty() ? String.valueOf(e.getMessage()) : String.join("; ", errors);
    }
}
