package dev.pavu.verifier.prefetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Small generated Maven projects for the prefetch tests: each has {@code demo.Calc} whose {@code add} is wrong for
 * {@code a > 1} (it adds one too many), and tests of one framework that pass for small numbers and fail for large.
 */
final class SmallProjects {

    static final String CALC = """
            package demo;
            public class Calc {
                public static int add(int a, int b) {
                    return a > 1 ? a + b + 1 : a + b;
                }
            }
            """;

    /** surefire and compiler pinned, as most projects do. */
    static final String PINNED_PLUGINS = """
              <build><plugins>
                <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.2.5</version></plugin>
              </plugins></build>
            """;

    private SmallProjects() {
    }

    static String pom(String artifactId, String properties, String dependencies, String build) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>demo</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0</version>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    %s
                  </properties>
                  <dependencies>%s</dependencies>
                  %s
                </project>
                """.formatted(artifactId, properties, dependencies, build);
    }

    static String dep(String g, String a, String v) {
        return "<dependency><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><version>" + v
                + "</version><scope>test</scope></dependency>";
    }

    static Path write(Path dir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return dir;
    }

    /** JUnit 3 (TestCase), NO plugin version pinned: the installed Maven's default lifecycle plugins run it. */
    static Path junit3(Path dir) throws IOException {
        return write(dir, Map.of("pom.xml", pom("junit3", "<maven.compiler.source>8</maven.compiler.source><maven.compiler.target>8</maven.compiler.target>",
                        dep("junit", "junit", "3.8.2"), ""),
                "src/main/java/demo/Calc.java", CALC,
                "src/test/java/demo/CalcTest.java", """
                        package demo;
                        import junit.framework.TestCase;
                        public class CalcTest extends TestCase {
                            public void testSmall() { assertEquals(2, Calc.add(1, 1)); }
                            public void testLarge() { assertEquals(5, Calc.add(2, 3)); }
                        }
                        """));
    }

    /** JUnit 4: {@code @Test(timeout)}, {@code @Before}, {@code @RunWith(Parameterized.class)}. */
    static Path junit4(Path dir) throws IOException {
        return write(dir, Map.of("pom.xml", pom("junit4", "<maven.compiler.release>17</maven.compiler.release>",
                        dep("junit", "junit", "4.13.2"), PINNED_PLUGINS),
                "src/main/java/demo/Calc.java", CALC,
                "src/test/java/demo/CalcTest.java", """
                        package demo;
                        import static org.junit.Assert.assertEquals;
                        import org.junit.Before;
                        import org.junit.Test;
                        public class CalcTest {
                            private int one;
                            @Before public void setUp() { one = 1; }
                            @Test(timeout = 5000) public void small() { assertEquals(2, Calc.add(one, one)); }
                            @Test public void large() { assertEquals(5, Calc.add(2, 3)); }
                        }
                        """,
                "src/test/java/demo/CalcParamTest.java", """
                        package demo;
                        import static org.junit.Assert.assertEquals;
                        import java.util.Arrays;
                        import java.util.Collection;
                        import org.junit.Test;
                        import org.junit.runner.RunWith;
                        import org.junit.runners.Parameterized;
                        import org.junit.runners.Parameterized.Parameters;
                        @RunWith(Parameterized.class)
                        public class CalcParamTest {
                            @Parameters public static Collection<Object[]> data() {
                                return Arrays.asList(new Object[][] {{1, 1, 2}, {4, 4, 8}});
                            }
                            private final int a, b, sum;
                            public CalcParamTest(int a, int b, int sum) { this.a = a; this.b = b; this.sum = sum; }
                            @Test public void adds() { assertEquals(sum, Calc.add(a, b)); }
                        }
                        """));
    }

    static final String JUPITER_TEST = """
            package demo;
            import static org.junit.jupiter.api.Assertions.assertEquals;
            import org.junit.jupiter.api.Test;
            public class CalcJupiterTest {
                @Test void small() { assertEquals(2, Calc.add(1, 1)); }
                @Test void large() { assertEquals(5, Calc.add(2, 3)); }
            }
            """;

    /** JUnit 5 (Jupiter), with an annotation processor path the compiler plugin resolves itself. */
    static Path junit5(Path dir) throws IOException {
        String build = PINNED_PLUGINS.replace("<version>3.13.0</version></plugin>", "<version>3.13.0</version>"
                + "<configuration><annotationProcessorPaths><path><groupId>com.google.auto.service</groupId>"
                + "<artifactId>auto-service</artifactId><version>1.1.1</version></path></annotationProcessorPaths>"
                + "</configuration></plugin>");
        return write(dir, Map.of("pom.xml", pom("junit5", "<maven.compiler.release>17</maven.compiler.release>",
                        dep("org.junit.jupiter", "junit-jupiter", "5.11.4"), build),
                "src/main/java/demo/Calc.java", CALC,
                "src/test/java/demo/CalcJupiterTest.java", JUPITER_TEST));
    }

    /** JUnit 4 and 5 mixed: Jupiter and JUnit Vintage on the JUnit Platform. */
    static Path mixed(Path dir) throws IOException {
        return write(dir, Map.of("pom.xml", pom("mixed", "<maven.compiler.release>17</maven.compiler.release>",
                        dep("org.junit.jupiter", "junit-jupiter", "5.11.4") + dep("org.junit.vintage", "junit-vintage-engine", "5.11.4")
                                + dep("junit", "junit", "4.13.2"), PINNED_PLUGINS),
                "src/main/java/demo/Calc.java", CALC,
                "src/test/java/demo/CalcJupiterTest.java", JUPITER_TEST,
                "src/test/java/demo/CalcLegacyTest.java", """
                        package demo;
                        import static org.junit.Assert.assertEquals;
                        import org.junit.Test;
                        public class CalcLegacyTest {
                            @Test public void small() { assertEquals(2, Calc.add(1, 1)); }
                            @Test public void larger() { assertEquals(7, Calc.add(3, 4)); }
                        }
                        """));
    }

    /** TestNG. */
    static Path testng(Path dir) throws IOException {
        return write(dir, Map.of("pom.xml", pom("testng", "<maven.compiler.release>17</maven.compiler.release>",
                        dep("org.testng", "testng", "7.10.2"), PINNED_PLUGINS),
                "src/main/java/demo/Calc.java", CALC,
                "src/test/java/demo/CalcNgTest.java", """
                        package demo;
                        import static org.testng.Assert.assertEquals;
                        import org.testng.annotations.Test;
                        public class CalcNgTest {
                            @Test public void small() { assertEquals(Calc.add(1, 1), 2); }
                            @Test public void large() { assertEquals(Calc.add(2, 3), 5); }
                        }
                        """));
    }

    /** Two modules: the bug in {@code a}, the tests in {@code b} (which depends on {@code a}); versions managed in the parent. */
    static Path reactor(Path dir) throws IOException {
        String parent = """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>demo</groupId>
                  <artifactId>parent</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <modules><module>a</module><module>b</module></modules>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <maven.compiler.release>17</maven.compiler.release>
                    <junit.version>5.11.4</junit.version>
                  </properties>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>org.junit</groupId><artifactId>junit-bom</artifactId><version>${junit.version}</version><type>pom</type><scope>import</scope></dependency>
                  </dependencies></dependencyManagement>
                  <build><pluginManagement><plugins>
                    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.2.5</version></plugin>
                  </plugins></pluginManagement></build>
                </project>
                """;
        String child = """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent><groupId>demo</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
                  <artifactId>%s</artifactId>
                  <dependencies>%s</dependencies>
                </project>
                """;
        return write(dir, Map.of("pom.xml", parent,
                "a/pom.xml", child.formatted("a", ""),
                "a/src/main/java/demo/Calc.java", CALC,
                "b/pom.xml", child.formatted("b", "<dependency><groupId>demo</groupId><artifactId>a</artifactId><version>1.0</version></dependency>"
                        + "<dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>"),
                "b/src/test/java/demo/CalcJupiterTest.java", JUPITER_TEST));
    }
}
