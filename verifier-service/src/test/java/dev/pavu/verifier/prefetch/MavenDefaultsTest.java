package dev.pavu.verifier.prefetch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the installed Maven's lifecycle bindings and super POM, and the fallbacks. */
class MavenDefaultsTest {

    @TempDir
    Path tmp;

    private static void jar(Path file, String entry, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(text.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
    }

    @Test
    void readsTheJarBindingsUpToTestAndTheSuperPomOfAMaven38Layout() throws IOException {
        Path home = tmp.resolve("maven");
        jar(home.resolve("lib/maven-core-3.x.jar"), "META-INF/plexus/components.xml", """
                <component-set><components>
                <component><role>org.apache.maven.lifecycle.mapping.LifecycleMapping</role><role-hint>pom</role-hint>
                  <configuration><lifecycles><lifecycle><id>default</id><phases>
                    <install>org.apache.maven.plugins:maven-install-plugin:2.4:install</install>
                  </phases></lifecycle></lifecycles></configuration></component>
                <component><role>org.apache.maven.lifecycle.mapping.LifecycleMapping</role><role-hint>jar</role-hint>
                  <configuration><lifecycles><lifecycle><id>default</id><phases>
                    <process-resources>org.apache.maven.plugins:maven-resources-plugin:2.6:resources</process-resources>
                    <compile>org.apache.maven.plugins:maven-compiler-plugin:3.1:compile</compile>
                    <process-test-resources>org.apache.maven.plugins:maven-resources-plugin:2.6:testResources</process-test-resources>
                    <test-compile>org.apache.maven.plugins:maven-compiler-plugin:3.1:testCompile</test-compile>
                    <test>org.apache.maven.plugins:maven-surefire-plugin:2.12.4:test</test>
                    <package>org.apache.maven.plugins:maven-jar-plugin:2.4:jar</package>
                  </phases></lifecycle></lifecycles></configuration></component>
                </components></component-set>
                """);
        jar(home.resolve("lib/maven-model-builder-3.x.jar"), "org/apache/maven/model/pom-4.0.0.xml", """
                <project><modelVersion>4.0.0</modelVersion><build><pluginManagement><plugins>
                  <plugin><artifactId>maven-dependency-plugin</artifactId><version>2.8</version></plugin>
                </plugins></pluginManagement></build></project>
                """);
        MavenDefaults d = MavenDefaults.of(Optional.empty(), Optional.of(home));
        assertEquals(Map.of("org.apache.maven.plugins:maven-resources-plugin", "2.6", "org.apache.maven.plugins:maven-compiler-plugin", "3.1",
                "org.apache.maven.plugins:maven-surefire-plugin", "2.12.4"), d.lifecyclePlugins());
        assertTrue(d.source().contains(home.toString()), d.source());
        assertEquals("2.8", d.superPom().orElseThrow().getBuild().getPluginManagement().getPlugins().getFirst().getVersion());
    }

    @Test
    void theSettingWinsAndWithoutAnInstalledMavenTheBuiltInDefaultsApply() {
        MavenDefaults configured = MavenDefaults.of(Optional.of(List.of("org.apache.maven.plugins:maven-surefire-plugin:3.5.4")),
                Optional.of(tmp.resolve("no-maven")));
        assertEquals(Map.of("org.apache.maven.plugins:maven-surefire-plugin", "3.5.4"), configured.lifecyclePlugins());
        MavenDefaults none = MavenDefaults.of(Optional.empty(), Optional.empty());
        assertEquals("3.2.5", none.lifecyclePlugins().get(BuildPlugins.SUREFIRE));
        assertTrue(none.superPom().isEmpty());
    }
}
