package dev.pavu.verifier.fast;

import dev.pavu.workspace.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which test classes surefire runs, as far as the warm JVM can mimic it: surefire's {@code <includes>} and
 * {@code <excludes>} written as Ant-style path patterns (surefire's "Inclusions and Exclusions of Tests": {@code **}
 * any folders, {@code *} any characters but {@code /}, {@code ?} one; {@code .java} or {@code .class} or no suffix),
 * turned into regular expressions over a test class's path without {@code .class} (e.g. {@code humaneval/TEST_ADD}),
 * which the fast runner reads from {@value #FILE} in its class directory. Anything else that selects tests
 * ({@code groups}, {@code excludedGroups}, {@code test}, include/exclude files, {@code %regex[…]}, method filters
 * {@code #}, property references, a pattern without a folder part) or more than one surefire configuration that
 * selects keeps the project on the cold path, with the reason. The pom is the submitted project's, so it is parsed
 * with no DTD or external entity, and the patterns are bounded ({@value #MAX_PATTERNS} of at most
 * {@value #MAX_PATTERN_CHARS} characters).
 *
 * @param includes regular expressions a test class path must match one of; empty: surefire's defaults
 *                 ({@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}), which the runner applies itself
 * @param excludes regular expressions no test class path may match
 * @param whyNot   why the warm JVM cannot mimic the selection, or {@code null} when it can
 */
public record SurefireSelection(List<String> includes, List<String> excludes, String whyNot) {

    /** The selection file in the runner's class directory (one {@code include <regex>} or {@code exclude <regex>} per line). */
    public static final String FILE = "pavu-test-selection.txt";
    static final int MAX_PATTERNS = 50;
    static final int MAX_PATTERN_CHARS = 200;
    private static final Set<String> UNSUPPORTED = Set.of("groups", "excludedGroups", "includesFile", "excludesFile", "test");
    private static final SurefireSelection DEFAULTS = new SurefireSelection(List.of(), List.of(), null);

    /**
     * @param pom the project's {@code pom.xml} text
     * @return the selection: surefire's defaults when the pom configures none, a reason when it cannot be parsed
     */
    public static SurefireSelection read(String pom) {
        Document doc;
        try {
            doc = HardenedXml.documentBuilder().parse(new InputSource(new StringReader(pom)));
        } catch (Exception unreadable) {
            return no("the pom cannot be read with DTDs and external entities refused (" + unreadable.getMessage() + ")");
        }
        List<Element> selecting = new ArrayList<>();
        NodeList ids = doc.getElementsByTagName("artifactId");
        for (int i = 0; i < ids.getLength(); i++) {
            Node id = ids.item(i);
            if ("maven-surefire-plugin".equals(id.getTextContent().strip()) && id.getParentNode() instanceof Element plugin
                    && "plugin".equals(plugin.getNodeName())) {
                NodeList configs = plugin.getElementsByTagName("configuration");
                for (int c = 0; c < configs.getLength(); c++) {
                    Element config = (Element) configs.item(c);
                    for (Node n = config.getFirstChild(); n != null; n = n.getNextSibling()) {
                        if (n instanceof Element e && UNSUPPORTED.contains(e.getNodeName())) {
                            return no("surefire selects the tests itself (<" + e.getNodeName() + ">), which the warm JVM does not mimic");
                        }
                    }
                    if (child(config, "includes") != null || child(config, "excludes") != null) {
                        selecting.add(config);
                    }
                }
            }
        }
        if (selecting.isEmpty()) {
            return DEFAULTS;
        }
        if (selecting.size() > 1) {
            return no("more than one surefire configuration selects tests (<includes>/<excludes>), which the warm JVM does not mimic");
        }
        Element config = selecting.getFirst();
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        String why = patterns(child(config, "includes"), "include", includes);
        if (why == null) {
            why = patterns(child(config, "excludes"), "exclude", excludes);
        }
        return why != null ? no(why) : new SurefireSelection(List.copyOf(includes), List.copyOf(excludes), null);
    }

    /**
     * Writes the selection for the fast runner; nothing when it is surefire's defaults.
     *
     * @param runnerDir the runner's class directory
     * @throws IOException when the file cannot be written
     */
    public void write(Path runnerDir) throws IOException {
        if (includes.isEmpty() && excludes.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        includes.forEach(r -> lines.add("include " + r));
        excludes.forEach(r -> lines.add("exclude " + r));
        Files.write(runnerDir.resolve(FILE), lines, StandardCharsets.UTF_8);
    }

    /**
     * @param antPattern one surefire pattern, e.g. {@code **}{@code /TEST_*.java}
     * @return the regular expression over a class path without {@code .class}, or {@code null} when the pattern is
     *         not one the warm JVM mimics
     */
    static String regex(String antPattern) {
        String p = antPattern.strip().replace('\\', '/');
        if (p.isEmpty() || p.length() > MAX_PATTERN_CHARS || p.startsWith("%") || p.contains("#") || p.contains("${")
                || p.contains("!") || !p.contains("/")) {
            return null;
        }
        if (p.endsWith(".java")) {
            p = p.substring(0, p.length() - 5);
        } else if (p.endsWith(".class")) {
            p = p.substring(0, p.length() - 6);
        }
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (p.startsWith("**/", i)) {
                r.append("(?:.*/)?");
                i += 2;
            } else if (p.startsWith("**", i)) {
                r.append(".*");
                i += 1;
            } else if (c == '*') {
                r.append("[^/]*");
            } else if (c == '?') {
                r.append("[^/]");
            } else {
                r.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return r.toString();
    }

    private static String patterns(Element list, String item, List<String> out) {
        if (list == null) {
            return null;
        }
        for (Node n = list.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || !item.equals(e.getNodeName())) {
                continue;
            }
            for (String one : e.getTextContent().split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                String regex = regex(one);
                if (regex == null) {
                    return "surefire's <" + item + ">" + one.strip() + "</" + item + "> is not a pattern the warm JVM mimics";
                }
                out.add(regex);
                if (out.size() > MAX_PATTERNS) {
                    return "surefire's <" + item + "s> has more than " + MAX_PATTERNS + " patterns";
                }
            }
        }
        return null;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getNodeName())) {
                return e;
            }
        }
        return null;
    }

    private static SurefireSelection no(String why) {
        return new SurefireSelection(List.of(), List.of(), why);
    }
}
