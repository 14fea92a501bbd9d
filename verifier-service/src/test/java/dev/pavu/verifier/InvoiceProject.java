package dev.pavu.verifier;

import java.util.Map;

/** A tiny Maven project (JUnit 5) with a one-line bug, and candidate patches for it. */
final class InvoiceProject {

    static final String MAIN = "src/main/java/demo/Invoice.java";

    static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>demo</groupId>
              <artifactId>invoice</artifactId>
              <version>1.0</version>
              <properties>
                <maven.compiler.release>17</maven.compiler.release>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
              </properties>
              <dependencies>
                <dependency>
                  <groupId>org.junit.jupiter</groupId>
                  <artifactId>junit-jupiter</artifactId>
                  <version>5.11.4</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                  <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
                </plugins>
              </build>
            </project>
            """;

    static final String INVOICE = """
            package demo;

            import java.util.ArrayList;
            import java.util.List;

            public class Invoice {
                private final List<Integer> amounts = new ArrayList<>();

                public Invoice add(int amount) {
                    amounts.add(amount);
                    return this;
                }

                public int total() {
                    int sum = 0;
                    for (int i = 1; i < amounts.size(); i++) {
                        sum += amounts.get(i);
                    }
                    return sum;
                }

                public int count() {
                    return amounts.size();
                }
            }
            """;

    static final String TEST = """
            package demo;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import org.junit.jupiter.api.Test;

            class InvoiceTest {
                @Test
                void total() {
                    assertEquals(30, new Invoice().add(10).add(20).total(), "total of 10 and 20");
                }

                @Test
                void count() {
                    assertEquals(2, new Invoice().add(10).add(20).count());
                }

                @Test
                void emptyTotal() {
                    assertEquals(0, new Invoice().total());
                }
            }
            """;

    static Map<String, String> files() {
        return Map.of("pom.xml", POM, MAIN, INVOICE, "src/test/java/demo/InvoiceTest.java", TEST);
    }

    /** @return {@link #INVOICE} with one line replaced */
    static String invoiceWith(String oldLine, String newLine) {
        if (!INVOICE.contains(oldLine)) {
            throw new IllegalArgumentException(oldLine);
        }
        return INVOICE.replace(oldLine, newLine);
    }

    private InvoiceProject() {
    }
}
