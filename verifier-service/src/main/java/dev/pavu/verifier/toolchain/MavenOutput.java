package dev.pavu.verifier.toolchain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what matters out of Maven's console output ({@code -B}, no colours): compiler errors, the first
 * {@code [ERROR]} line, a crashed test JVM, the test class running when the run was stopped.
 */
public final class MavenOutput {

    /** The line Maven prints when the surefire plugin starts: the boundary between the static and the tests gate. */
    public static final Pattern SUREFIRE_START =
            Pattern.compile("^\\[INFO] --- (?:maven-)?surefire(?:-plugin)?:[^:\\s]+:test\\b.*");
    private static final Pattern COMPILER_ERROR =
            Pattern.compile("^\\[ERROR] (/\\S+?\\.(?:java|kt|groovy|scala)):\\[(\\d+),(\\d+)] (.*)$");
    private static final Pattern RUNNING = Pattern.compile("^\\[INFO] Running (\\S+)\\s*$");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");

    private MavenOutput() {
    }

    /**
     * @param output Maven's output
     * @return true when the build failed in the compiler (main or test sources)
     */
    public static boolean compilationFailed(String output) {
        String text = strip(output);
        return text.contains("COMPILATION ERROR")
                || Pattern.compile("Failed to execute goal \\S*maven-compiler-plugin\\S*:(?:compile|testCompile)").matcher(text).find();
    }

    /**
     * The first compiler errors, paths made relative to the project root, e.g.
     * {@code src/main/java/demo/Calc.java:[3,9] cannot find symbol}.
     *
     * @param output Maven's output
     * @param root   the project root (to shorten paths)
     * @param max    errors at most
     * @return the errors, in output order, without duplicates
     */
    public static List<String> compilerErrors(String output, Path root, int max) {
        List<String> errors = new ArrayList<>();
        String rootPrefix = root.toAbsolutePath().normalize() + "/";
        for (String line : strip(output).split("\n")) {
            Matcher m = COMPILER_ERROR.matcher(line.stripTrailing());
            if (m.matches()) {
                String path = m.group(1).startsWith(rootPrefix) ? m.group(1).substring(rootPrefix.length()) : m.group(1);
                String e = path + ":[" + m.group(2) + "," + m.group(3) + "] " + m.group(4).trim();
                if (!errors.contains(e)) {
                    errors.add(e);
                }
                if (errors.size() >= max) {
                    break;
                }
            }
        }
        return errors;
    }

    /**
     * @param output Maven's output
     * @return the first meaningful {@code [ERROR]} line without its prefix, or {@code null}
     */
    public static String firstError(String output) {
        for (String line : strip(output).split("\n")) {
            String l = line.stripTrailing();
            if (l.startsWith("[ERROR] ")) {
                String rest = l.substring(8).trim();
                if (!rest.isEmpty() && !rest.startsWith("->") && !rest.startsWith("To see the full")
                        && !rest.startsWith("Re-run Maven") && !rest.startsWith("For more information")) {
                    return rest;
                }
            }
        }
        return null;
    }

    /**
     * @param output Maven's output
     * @return true when surefire reports that the forked test JVM died or could not start
     */
    public static boolean testJvmCrashed(String output) {
        String t = strip(output);
        return t.contains("The forked VM terminated without properly saying goodbye")
                || t.contains("There was an error in the forked process")
                || t.contains("ExecutionException The forked VM terminated")
                || t.contains("The forked VM terminated");
    }

    /**
     * @param output Maven's output (may be cut)
     * @return the last test class surefire announced as running, or {@code null}
     */
    public static String lastRunningTestClass(String output) {
        String last = null;
        for (String line : strip(output).split("\n")) {
            Matcher m = RUNNING.matcher(line.stripTrailing());
            if (m.matches()) {
                last = m.group(1);
            }
        }
        return last;
    }

    private static String strip(String s) {
        return s == null ? "" : ANSI.matcher(s).replaceAll("");
    }
}
