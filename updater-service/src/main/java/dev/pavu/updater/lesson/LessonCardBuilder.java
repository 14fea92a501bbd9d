package dev.pavu.updater.lesson;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.LoggedFailure;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.updater.lesson.LessonCard.FailureSignature;
import dev.pavu.updater.lesson.LessonCard.Fix;
import dev.pavu.updater.lesson.LessonCard.Tried;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a job's {@link LessonCard} from its events as the audit log holds them (a pure function: no database, no
 * other service). The failure comes from the baseline verdict's failing tests (else the first repair plan's, else the
 * task's error log), the suspicious code from the first repair plan's ranked locations (a {@code FIX_LOG} job's log
 * frames when it has no failing tests), what was tried from the
 * DiffProposed and VerdictIssued events, and the fix or the reason from the JobConcluded event.
 *
 * <p>Everything taken from events is treated as untrusted text: cleaned of control characters and bounded
 * ({@link Shapes}); the rendered card is at most {@link LessonConfig#maxCardChars()} characters.
 */
public final class LessonCardBuilder {

    /** Failing tests kept on a card. */
    public static final int MAX_TESTS = 20;
    /** Suspicious locations kept on a card. */
    public static final int MAX_SUSPICIOUS = 3;
    /** Entries kept per count map (patterns, proposers, verdicts, models). */
    static final int MAX_ENTRIES = 20;
    /** Largest name (test id, pattern, location), characters. */
    static final int MAX_NAME = 200;

    /** The first line of a stack trace: a qualified exception type, then ':' and its message, or nothing. */
    private static final Pattern TRACE_HEADER = Pattern.compile(
            "^\\s*((?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*)(?::\\s?(.*)|\\s*)$");

    private final LessonConfig config;

    /** @param config bounds of the card's parts */
    public LessonCardBuilder(LessonConfig config) {
        this.config = config;
    }

    /**
     * @param team        the job's team as stored (the caller resolves a missing team to the default team)
     * @param events      the job's events in log order; must contain {@code concluded}
     * @param concluded   the job's conclusion
     * @return the card
     */
    public LessonCard build(String team, List<PavuEvent> events, JobConcluded concluded) {
        Objects.requireNonNull(concluded, "concluded is required");
        JobSubmitted submitted = first(events, JobSubmitted.class);
        FailureSignature signature = signature(events, submitted);
        Tried tried = tried(events, submitted, concluded);
        Fix fix = fix(events, concluded);
        String reason = Shapes.clean(concluded.reason(), config.maxMessageChars());
        String kind = submitted == null ? null : submitted.task().kind().name();
        LessonCard card = new LessonCard(concluded.envelope().jobId(), team, kind, signature, tried,
                concluded.outcome().name(), fix, reason, "", concluded.envelope().occurredAt());
        return new LessonCard(card.jobId(), card.team(), card.taskKind(), signature, tried, card.outcome(), fix, reason,
                render(card), card.concludedAt());
    }

    /**
     * The text that is embedded: the failure alone (exception, message shape, failing tests, suspicious code), so
     * that a card is found by a failure that looks like its own whatever was tried; the outcome and reason when the
     * job met no failure (it failed before the baseline ran).
     *
     * @param card a card
     * @return at most {@link LessonConfig#maxCardChars()} characters
     */
    public String embeddedText(LessonCard card) {
        FailureSignature s = card.signature();
        StringBuilder b = new StringBuilder();
        if (s.exception() != null || !s.messageShape().isEmpty()) {
            b.append(s.exception() == null ? "" : s.exception()).append(s.messageShape().isEmpty() ? "" : ": ")
                    .append(s.messageShape()).append('\n');
        }
        if (!s.failingTests().isEmpty()) {
            b.append("Failing tests: ").append(String.join(", ", s.failingTests())).append('\n');
        }
        if (!s.suspicious().isEmpty()) {
            b.append("Suspicious: ").append(String.join(", ", s.suspicious())).append('\n');
        }
        if (b.isEmpty()) {
            b.append(card.outcome()).append(": ").append(card.reason());
        }
        return Shapes.cut(b.toString().strip(), config.maxCardChars());
    }

    private FailureSignature signature(List<PavuEvent> events, JobSubmitted submitted) {
        List<TestFailure> failures = List.of();
        for (PavuEvent e : events) {
            if (e instanceof VerdictIssued v && v.isBaseline() && !v.failingTests().isEmpty()) {
                failures = v.failingTests();
                break;
            }
        }
        PlanProposed repair = firstRepairPlan(events);
        if (failures.isEmpty() && repair != null) {
            failures = repair.failingTests();
        }
        String exception = null;
        String shape = "";
        List<String> logFrames = List.of();
        if (!failures.isEmpty()) {
            TestFailure f = failures.getFirst();
            String header = firstLine(f.stackTrace());
            Matcher m = TRACE_HEADER.matcher(header);
            String type = LoggedFailure.of(Shapes.cut(f.stackTrace(), 20_000)).map(LoggedFailure::exception)
                    .orElse(m.matches() ? m.group(1) : null);
            exception = type == null ? null : Shapes.clean(type, MAX_NAME);
            String message = f.message() != null ? f.message() : m.matches() ? m.group(2) : null;
            shape = Shapes.shape(message, config.maxMessageChars());
        } else if (submitted != null && submitted.task().errorLog() != null) {
            String log = Shapes.cut(submitted.task().errorLog(), 50_000);
            var logged = LoggedFailure.of(log);
            if (logged.isPresent()) {
                exception = Shapes.clean(logged.get().exception(), MAX_NAME);
                // the message printed after the innermost exception's type, e.g. "queue 17 is empty"
                int at = log.lastIndexOf(logged.get().exception() + ": ");
                String message = at < 0 ? "" : firstLine(log.substring(at + logged.get().exception().length() + 2));
                shape = Shapes.shape(message, config.maxMessageChars());
                logFrames = logged.get().frames();
            }
        }
        TreeSet<String> tests = new TreeSet<>();
        for (TestFailure f : failures) {
            String id = f.testId() != null ? f.testId() : f.className() + "#" + f.methodName();
            tests.add(Shapes.clean(id, MAX_NAME));
        }
        List<String> suspicious = new ArrayList<>();
        logFrames.stream().limit(MAX_SUSPICIOUS).forEach(f -> suspicious.add(Shapes.clean(f, MAX_NAME)));
        if (repair != null && suspicious.isEmpty()) {
            for (SuspiciousLocation l : repair.locations()) {
                if (suspicious.size() == MAX_SUSPICIOUS) {
                    break;
                }
                String where = Shapes.clean(l.file(), MAX_NAME) + ":" + l.line();
                suspicious.add(l.className() == null ? where : Shapes.clean(l.className()
                        + (l.methodName() == null ? "" : "." + l.methodName()), MAX_NAME) + " (" + where + ")");
            }
        }
        return new FailureSignature(exception, shape, tests.stream().limit(MAX_TESTS).toList(), List.copyOf(suspicious));
    }

    private Tried tried(List<PavuEvent> events, JobSubmitted submitted, JobConcluded concluded) {
        Map<String, Integer> patterns = new TreeMap<>();
        Map<String, Integer> proposers = new TreeMap<>();
        Map<String, Integer> verdicts = new TreeMap<>();
        int diffs = 0;
        int iterations = 0;
        for (PavuEvent e : events) {
            switch (e) {
                case DiffProposed d when !d.isEmptyPatch() -> {
                    diffs++;
                    count(patterns, d.pattern());
                    count(proposers, d.proposer());
                }
                case VerdictIssued v when !v.isBaseline() -> count(verdicts, v.verdict().name());
                case PlanProposed p when p.kind() != PlanKind.BASELINE -> iterations++;
                default -> {
                }
            }
        }
        Map<String, String> models = new LinkedHashMap<>();
        if (submitted != null) {
            submitted.task().models().entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(MAX_ENTRIES)
                    .forEach(m -> models.put(Shapes.clean(m.getKey(), MAX_NAME), Shapes.clean(m.getValue(), MAX_NAME)));
        }
        int candidates = Math.max(concluded.candidatesTried(), verdicts.values().stream().mapToInt(i -> i).sum());
        return new Tried(candidates == 0 ? diffs : candidates, bounded(patterns), bounded(proposers),
                java.util.Collections.unmodifiableMap(models), bounded(verdicts), iterations);
    }

    private Fix fix(List<PavuEvent> events, JobConcluded concluded) {
        if (concluded.winningCandidateId() == null && (concluded.patch() == null || concluded.patch().isBlank())) {
            return null;
        }
        String pattern = null;
        String proposer = null;
        String description = null;
        for (PavuEvent e : events) {
            if (e instanceof DiffProposed d && d.candidateId().equals(concluded.winningCandidateId())) {
                pattern = d.pattern();
                proposer = d.proposer();
                description = d.description();
            } else if (pattern == null && e instanceof VerdictIssued v
                    && v.candidateId().equals(concluded.winningCandidateId())) {
                pattern = v.pattern();
            }
        }
        return new Fix(pattern == null ? null : Shapes.clean(pattern, MAX_NAME),
                proposer == null ? null : Shapes.clean(proposer, MAX_NAME),
                description == null ? null : Shapes.clean(description, config.maxMessageChars()),
                Shapes.lines(concluded.patch(), config.maxDiffChars()));
    }

    private String render(LessonCard c) {
        FailureSignature s = c.signature();
        Tried t = c.tried();
        StringBuilder b = new StringBuilder();
        b.append("Job ").append(c.jobId()).append(c.taskKind() == null ? "" : " (" + c.taskKind() + ")")
                .append(": ").append(c.outcome()).append('\n');
        b.append("Failure: ").append(s.exception() == null ? "unknown exception" : s.exception())
                .append(s.messageShape().isEmpty() ? "" : ": " + s.messageShape()).append('\n');
        if (!s.failingTests().isEmpty()) {
            b.append("Failing tests: ").append(String.join(", ", s.failingTests())).append('\n');
        }
        if (!s.suspicious().isEmpty()) {
            b.append("Suspicious: ").append(String.join(", ", s.suspicious())).append('\n');
        }
        b.append("Tried: ").append(t.candidates()).append(" candidates in ").append(t.iterations())
                .append(" iterations");
        if (!t.patterns().isEmpty()) {
            b.append("; patterns ").append(counts(t.patterns()));
        }
        if (!t.proposers().isEmpty()) {
            b.append("; proposers ").append(counts(t.proposers()));
        }
        if (!t.models().isEmpty()) {
            b.append("; models ").append(t.models().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        if (!t.verdicts().isEmpty()) {
            b.append("; verdicts ").append(counts(t.verdicts()));
        }
        b.append('\n');
        if (c.fix() != null) {
            Fix f = c.fix();
            b.append("Fixed by: ").append(f.pattern() == null ? "unknown pattern" : f.pattern())
                    .append(f.proposer() == null ? "" : " (" + f.proposer() + ")")
                    .append(f.description() == null ? "" : ": " + f.description()).append('\n');
            if (!f.diff().isEmpty()) {
                b.append("Diff:\n").append(f.diff()).append('\n');
            }
        } else {
            b.append("Not fixed (").append(c.outcome()).append("): ")
                    .append(c.reason().isEmpty() ? "no reason given" : c.reason()).append('\n');
        }
        return Shapes.cut(b.toString().strip(), config.maxCardChars());
    }

    private static String counts(Map<String, Integer> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void count(Map<String, Integer> m, String key) {
        m.merge(key == null || key.isBlank() ? "unknown" : Shapes.clean(key, MAX_NAME), 1, Integer::sum);
    }

    private static Map<String, Integer> bounded(Map<String, Integer> m) {
        Map<String, Integer> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_ENTRIES).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static PlanProposed firstRepairPlan(List<PavuEvent> events) {
        for (PavuEvent e : events) {
            if (e instanceof PlanProposed p && p.kind() != PlanKind.BASELINE) {
                return p;
            }
        }
        return null;
    }

    private static <T extends PavuEvent> T first(List<PavuEvent> events, Class<T> type) {
        for (PavuEvent e : events) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String head = text.length() > 2000 ? text.substring(0, 2000) : text;
        int nl = head.indexOf('\n');
        return nl < 0 ? head : head.substring(0, nl);
    }
}
