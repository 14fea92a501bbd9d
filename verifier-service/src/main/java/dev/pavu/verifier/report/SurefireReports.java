package dev.pavu.verifier.report;

import dev.pavu.contracts.TestFailure;
import io.quarkus.logging.Log;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Maven Surefire XML reports ({@code **}{@code /target/surefire-reports/TEST-*.xml}) into a
 * {@link TestReport}: test ids {@code Class#method}, kind {@code failure} (assertion) or {@code error}
 * (unexpected exception), message and stack trace, truncated to the given sizes.
 *
 * <p>The files are written by the candidate's own build, so they are untrusted: DTDs and external
 * entities are off, files above 64 MB are skipped, and nothing else in them is interpreted.
 */
public final class SurefireReports {

    private static final long MAX_FILE = 64L * 1024 * 1024;
    private static final XMLInputFactory XML = secureFactory();

    private final int messageChars;
    private final int stackTraceChars;
    private final int maxFailures;

    /**
     * @param messageChars    characters kept of each message
     * @param stackTraceChars characters kept of each stack trace
     * @param maxFailures     failing tests listed at most (all are counted)
     */
    public SurefireReports(int messageChars, int stackTraceChars, int maxFailures) {
        this.messageChars = messageChars;
        this.stackTraceChars = stackTraceChars;
        this.maxFailures = maxFailures;
    }

    /** @return characters kept of each message */
    public int messageChars() {
        return messageChars;
    }

    /** @return characters kept of each stack trace */
    public int stackTraceChars() {
        return stackTraceChars;
    }

    /** @return failing tests listed at most */
    public int maxFailures() {
        return maxFailures;
    }

    /**
     * Finds and reads every {@code target/surefire-reports/TEST-*.xml} below a project root (any module
     * depth; symbolic links are not followed).
     *
     * @param projectRoot the checked-out project
     * @return the combined report; {@link TestReport#EMPTY} when there is no report file
     */
    public TestReport read(Path projectRoot) {
        return readFiles(find(projectRoot));
    }

    /**
     * Reads JUnit XML report files of any runner that writes surefire's format: Gradle's
     * {@code build/test-results/test/TEST-*.xml}, pytest's {@code --junitxml}, Node's {@code --test-reporter=junit}
     * ({@code <testcase classname name>} with {@code <failure>}, {@code <error>} or {@code <skipped>}).
     *
     * @param files report files; missing ones are ignored
     * @return the combined report; {@link TestReport#EMPTY} when no file exists
     */
    public TestReport readFiles(List<Path> files) {
        return readFiles(files, false);
    }

    /**
     * @param files     report files; missing ones are ignored
     * @param freeNames true when test names are free text (Node's runner: {@code adds two numbers}), kept whole
     *                  instead of cut to a Java method name at the first space or parenthesis
     * @return the combined report
     */
    public TestReport readFiles(List<Path> files, boolean freeNames) {
        files = files.stream().filter(Files::isRegularFile).toList();
        int run = 0;
        int failed = 0;
        int skipped = 0;
        List<TestFailure> failures = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Ids ids = new Ids(new LinkedHashSet<>(), new LinkedHashSet<>());
        for (Path f : files) {
            try {
                if (Files.size(f) > MAX_FILE) {
                    Log.warnf("skipping surefire report %s: larger than %d bytes", f, MAX_FILE);
                    continue;
                }
                Counts c = readFile(f, failures, seen, freeNames, ids);
                run += c.run;
                failed += c.failed;
                skipped += c.skipped;
            } catch (IOException | XMLStreamException e) {
                Log.warnf("unreadable surefire report %s: %s", f, e.getMessage());
            }
        }
        ids.skipped().removeAll(ids.executed()); // an id both run and skipped (parameterised cases) counts as run
        return new TestReport(run, failed, skipped, failures, files.size(), ids.executed(), ids.skipped());
    }

    /** What surefire's JUnit 4 provider records as a skipped test case when {@code skipAfterFailureCount} stopped it. */
    static final String STOPPED_MARKER = "org.junit.runner.notification.StoppedByUserException";

    /**
     * Whether a run stopped at its first failing test ({@code surefire.skipAfterFailureCount}): its JUnit 4
     * provider then records a skipped test case whose message is {@code StoppedByUserException}.
     *
     * @param projectRoot the checked-out project
     * @return true when a {@code TEST-*.xml} below it holds that marker (files above 64 MB are not read)
     */
    public static boolean stoppedEarly(Path projectRoot) {
        for (Path dir : reportDirs(projectRoot)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(x -> x.getFileName().toString().startsWith("TEST-") && x.toString().endsWith(".xml")).toList()) {
                    if (Files.size(f) <= MAX_FILE && Files.readString(f, java.nio.charset.StandardCharsets.UTF_8).contains(STOPPED_MARKER)) {
                        return true;
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                Log.debugf("cannot read %s: %s", dir, e.getMessage());
            }
        }
        return false;
    }

    /**
     * Deletes every {@code surefire-reports} directory below a project root, so that a run is judged only
     * by the reports it wrote itself.
     *
     * @param projectRoot the checked-out project
     */
    public static void clear(Path projectRoot) {
        for (Path dir : reportDirs(projectRoot)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                Log.debugf("cannot clear %s: %s", dir, e.getMessage());
            }
        }
    }

    static List<Path> find(Path root) {
        List<Path> out = new ArrayList<>();
        for (Path dir : reportDirs(root)) {
            try (var s = Files.list(dir)) {
                s.filter(p -> {
                    String n = p.getFileName().toString();
                    // never through a link: the reports are written by the submitted project's build
                    return n.startsWith("TEST-") && n.endsWith(".xml") && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }).sorted().forEach(out::add);
            } catch (IOException e) {
                Log.debugf("cannot list %s: %s", dir, e.getMessage());
            }
        }
        return out;
    }

    private static List<Path> reportDirs(Path root) {
        return ReportDirs.find(root, dir -> ReportDirs.named(dir, "surefire-reports", "target"), Set.of(".git", "node_modules", "src"));
    }

    private record Counts(int run, int failed, int skipped) {
    }

    /** The ids of the cases run and skipped, filled while reading. */
    private record Ids(Set<String> executed, Set<String> skipped) {
        void add(String cls, String name, boolean skippedCase, boolean freeNames) {
            String id = (cls == null || cls.isBlank() ? "(unknown)" : cls.trim()) + "#"
                    + (freeNames && name != null && !name.isBlank() ? name.trim() : methodName(name));
            Set<String> into = skippedCase ? skipped : executed;
            if (into.size() < TestReport.MAX_IDS) {
                into.add(id);
            }
        }
    }

    private Counts readFile(Path file, List<TestFailure> failures, Set<String> seen, boolean freeNames, Ids ids) throws IOException, XMLStreamException {
        int run = 0;
        int failed = 0;
        int skipped = 0;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = XML.createXMLStreamReader(in);
            try {
                String cls = null;
                String method = null;
                boolean caseFailed = false;
                boolean caseSkipped = false;
                while (r.hasNext()) {
                    int ev = r.next();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        switch (r.getLocalName()) {
                            case "testcase" -> {
                                cls = attr(r, "classname");
                                method = attr(r, "name");
                                caseFailed = false;
                                caseSkipped = false;
                            }
                            case "failure", "error" -> {
                                if (cls == null && method == null) {
                                    break; // not inside a testcase
                                }
                                String kind = r.getLocalName();
                                String message = attr(r, "message");
                                String type = attr(r, "type");
                                String body = r.getElementText();
                                if (!caseFailed) {
                                    caseFailed = true;
                                    failed++;
                                    TestFailure tf = failure(cls, method, kind, message, type, body, freeNames);
                                    if (failures.size() < maxFailures && seen.add(tf.testId())) {
                                        failures.add(tf);
                                    }
                                }
                            }
                            case "skipped" -> caseSkipped = true;
                            default -> {
                                // properties, system-out, flakyFailure, rerunFailure …: not needed
                            }
                        }
                    } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("testcase")) {
                        if (caseSkipped && !caseFailed) {
                            skipped++;
                        } else {
                            run++;
                        }
                        ids.add(cls, method, caseSkipped && !caseFailed, freeNames);
                        cls = null;
                        method = null;
                    }
                }
            } finally {
                r.close();
            }
        }
        return new Counts(run, failed, skipped);
    }

    private TestFailure failure(String cls, String name, String kind, String message, String type, String body, boolean freeNames) {
        String className = cls == null || cls.isBlank() ? "(unknown)" : cls.trim();
        String method = freeNames && name != null && !name.isBlank() ? name.trim() : methodName(name);
        String msg = message;
        if (msg == null || msg.isBlank()) {
            msg = type;
        }
        return new TestFailure(className + "#" + method, className, method, kind,
                truncate(msg, messageChars), truncate(body == null ? null : body.strip(), stackTraceChars));
    }

    /**
     * @param name the testcase {@code name} attribute, e.g. {@code total}, {@code total(int)[2]} or {@code total()}
     * @return the bare method name ({@code total})
     */
    static String methodName(String name) {
        if (name == null || name.isBlank()) {
            return "(unknown)";
        }
        String n = name.trim();
        int cut = n.length();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '(' || c == '[' || c == ' ' || c == '{') {
                cut = i;
                break;
            }
        }
        return cut == 0 ? n : n.substring(0, cut);
    }

    /**
     * @param s   text, may be {@code null}
     * @param max characters to keep
     * @return {@code s} cut to {@code max} characters with {@code …[truncated N chars]} appended when cut
     */
    public static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "…[truncated " + (s.length() - max) + " chars]";
    }

    private static String attr(XMLStreamReader r, String name) {
        return r.getAttributeValue(null, name);
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return f;
    }
}
