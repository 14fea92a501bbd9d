package dev.pavu.probe.maven;

import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.ArrayList;
import java.util.List;

/**
 * A Maven core extension of a coverage run that registers {@code dev.pavu.probe.JUnit4CoverageListener} with
 * surefire's JUnit 4 providers, which take custom {@code RunListener}s only from the provider property
 * {@code listener} (surefire's {@code <properties>} configuration, which has no user property to set it with).
 *
 * <p>Loaded by the Maven of the sandboxed build through {@code -Dmaven.ext.class.path=<jar>} (the jar carries this
 * class and its Plexus component descriptor {@code META-INF/plexus/components.xml}, role
 * {@code AbstractMavenLifecycleParticipant}); it runs in the Maven JVM, inside the
 * sandbox, and runs no project code. After the projects are read it adds, to the configuration of every
 * {@code maven-surefire-plugin} of every module that uses JUnit 4 (below) — the plugin's own and each
 * execution's — the property {@code listener} with the listener's class name, appended with a comma to a
 * listener the project configures itself. Nothing else of the build changes, so surefire's verdicts are those of
 * the run without it; the listener only records coverage.
 *
 * <p>A module uses JUnit 4 when it declares {@code junit:junit} of a version other than 3.x and no JUnit Platform
 * ({@code org.junit.*}) or TestNG ({@code org.testng}) dependency: surefire then picks its JUnit 4 provider. The
 * TestNG provider would read {@code listener} as TestNG listeners, and the JUnit Platform provider has its own
 * listener ({@code dev.pavu.probe.CoverageListener}); surefire's JUnit 3 provider takes no listener.
 */
public class JUnit4ListenerExtension extends AbstractMavenLifecycleParticipant {

    /** The listener surefire loads from the test classpath. */
    public static final String LISTENER = "dev.pavu.probe.JUnit4CoverageListener";

    /** Called by Maven's component container. */
    public JUnit4ListenerExtension() {
    }

    /**
     * Adds the listener to the surefire configurations of the session's JUnit 4 modules. Never fails the build: on
     * any error (an unexpected Maven model) it leaves the rest as it is, and that module yields no coverage.
     *
     * @param session the build's session, its projects read
     */
    @Override
    public void afterProjectsRead(MavenSession session) {
        try {
            addListener(session);
        } catch (RuntimeException | LinkageError e) {
            // coverage is best effort: the build runs as the project defines it
        }
    }

    private static void addListener(MavenSession session) {
        for (MavenProject project : session.getProjects()) {
            if (!usesJUnit4(project.getDependencies())) {
                continue;
            }
            for (Plugin plugin : project.getBuildPlugins()) {
                if (!"maven-surefire-plugin".equals(plugin.getArtifactId())) {
                    continue;
                }
                plugin.setConfiguration(withListener(plugin.getConfiguration()));
                for (PluginExecution execution : plugin.getExecutions()) {
                    execution.setConfiguration(withListener(execution.getConfiguration()));
                }
            }
        }
    }

    /**
     * @param dependencies a module's dependencies
     * @return whether surefire runs the module's tests with its JUnit 4 provider
     */
    static boolean usesJUnit4(List<Dependency> dependencies) {
        boolean junit4 = false;
        for (Dependency d : dependencies) {
            String group = d.getGroupId() == null ? "" : d.getGroupId();
            if (group.equals("org.testng") || group.startsWith("org.junit.")) {
                return false;
            }
            if (group.equals("junit") && "junit".equals(d.getArtifactId())) {
                junit4 = d.getVersion() == null || !d.getVersion().trim().startsWith("3.");
            }
        }
        return junit4;
    }

    /**
     * @param configuration a surefire configuration ({@link Xpp3Dom}) or {@code null}
     * @return the configuration (a new one for {@code null}) whose property {@code listener} names the listener; a
     *         configuration of another type (a Maven model this extension does not know) unchanged
     */
    static Object withListener(Object configuration) {
        if (configuration != null && !(configuration instanceof Xpp3Dom)) {
            return configuration;
        }
        Xpp3Dom config = configuration == null ? new Xpp3Dom("configuration") : (Xpp3Dom) configuration;
        Xpp3Dom properties = config.getChild("properties");
        if (properties == null) {
            properties = new Xpp3Dom("properties");
            config.addChild(properties);
        }
        List<Xpp3Dom> named = new ArrayList<>();
        for (Xpp3Dom p : properties.getChildren("property")) {
            Xpp3Dom name = p.getChild("name");
            if (name != null && "listener".equals(name.getValue() == null ? null : name.getValue().trim())) {
                named.add(p);
            }
        }
        if (named.isEmpty()) {
            Xpp3Dom property = new Xpp3Dom("property");
            Xpp3Dom name = new Xpp3Dom("name");
            name.setValue("listener");
            Xpp3Dom value = new Xpp3Dom("value");
            value.setValue(LISTENER);
            property.addChild(name);
            property.addChild(value);
            properties.addChild(property);
            return config;
        }
        for (Xpp3Dom p : named) {
            Xpp3Dom value = p.getChild("value");
            if (value == null) {
                value = new Xpp3Dom("value");
                p.addChild(value);
            }
            String own = value.getValue() == null ? "" : value.getValue().trim();
            if (!List.of(own.split("\\s*,\\s*")).contains(LISTENER)) {
                value.setValue(own.isEmpty() ? LISTENER : own + "," + LISTENER);
            }
        }
        return config;
    }
}
