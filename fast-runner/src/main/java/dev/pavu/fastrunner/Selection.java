package dev.pavu.fastrunner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which test classes run, as surefire picks them: its default name patterns, or the project's own
 * {@code <includes>}/{@code <excludes>} as regular expressions over the class path without {@code .class}, which
 * the verifier writes to {@code pavu-test-selection.txt} in this runner's class directory.
 */
record Selection(List<Pattern> includes, List<Pattern> excludes) {
    /** Surefire's default test class names. */
    private static final Pattern TEST_CLASS = Pattern.compile("^(Test[^.$]*|[^.$]*Test|[^.$]*Tests|[^.$]*TestCase)$");
    static final Selection INSTANCE = load();

    static Selection load() {
        List<Pattern> in = new ArrayList<>();
        List<Pattern> ex = new ArrayList<>();
        try (java.io.InputStream s = PavuFastRunner.class.getResourceAsStream("/pavu-test-selection.txt")) {
            if (s != null) {
                for (String l : new String(s.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (l.startsWith("include ")) {
                        in.add(Pattern.compile(l.substring(8)));
                    } else if (l.startsWith("exclude ")) {
                        ex.add(Pattern.compile(l.substring(8)));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Selection(List.copyOf(in), List.copyOf(ex));
    }

    boolean selects(String path, String simpleName) {
        boolean included = includes.isEmpty() ? TEST_CLASS.matcher(simpleName).matches()
                : includes.stream().anyMatch(p -> p.matcher(path).matches());
        return included && excludes.stream().noneMatch(p -> p.matcher(path).matches());
    }
}
