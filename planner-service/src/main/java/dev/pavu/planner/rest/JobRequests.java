package dev.pavu.planner.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pavu.contracts.Budget;
import dev.pavu.contracts.GatePolicy;
import dev.pavu.contracts.ProbeSpec;
import dev.pavu.contracts.LoggedFailure;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.delivery.BranchRules;
import dev.pavu.planner.delivery.ResultBranchRequest;
import dev.pavu.planner.rest.Problem.FieldError;
import dev.pavu.planner.service.JobSubmission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and checks a job request (the JSON body of {@code POST /jobs}, or the {@code job} part of the
 * multipart form). Collects every problem at once, each with its field path, so a user can fix them all.
 */
public final class JobRequests {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final Set<String> TOP = Set.of("source", "task", "kind", "testCommand", "reproduceCommand", "errorLog", "budget", "models", "gates",
            "priority", "resultBranch");
    private static final Set<String> GATES = Set.of("linters", "testsFirst", "probe", "allowTestEdits", "allowBuildEdits");
    /** Longest test command accepted (characters). */
    static final int MAX_TEST_COMMAND = 4000;
    private static final Set<String> PROBE = Set.of("startCommand", "healthUrl", "smokeCommand", "timeoutMs");
    private static final Pattern LOOPBACK_URL = Pattern.compile("^https?://(127\\.0\\.0\\.1|localhost|\\[::1])(:\\d{1,5})?(/\\S*)?$");
    private static final Set<String> SOURCE = Set.of("gitUrl", "ref");
    private static final Set<String> BUDGET = Set.of("maxIterations", "maxCandidates", "candidateTimeoutMs", "jobTimeoutMs");
    private static final Pattern SSH = Pattern.compile("^(?i)((git\\+)?ssh://\\S+|[\\w.-]+@[\\w.-]+:\\S+)$");
    private static final Pattern REF = Pattern.compile("^[^\\s~^:?*\\[\\\\]+$");
    /** Upper bounds that keep a typo from booking the machine for days. */
    static final int MAX_ITERATIONS = 100;
    static final int MAX_CANDIDATES = 100_000;

    private JobRequests() {
    }

    /**
     * Size limits of the request's texts ({@code pavu.planner.limits.*}).
     *
     * @param maxTaskBytes        largest {@code task}, UTF-8 bytes
     * @param maxErrorLogBytes    largest {@code errorLog}, UTF-8 bytes
     * @param maxTestCommandBytes largest {@code testCommand}, UTF-8 bytes
     * @param errorLogKeepChars   keep at most this many characters of {@code errorLog} (its end)
     */
    public record Limits(int maxTaskBytes, int maxErrorLogBytes, int maxTestCommandBytes, int errorLogKeepChars) {

        /** @return the limits the planner is configured with */
        public static Limits of(PlannerConfig config) {
            return new Limits(config.limits().maxTaskBytes(), config.limits().maxErrorLogBytes(),
                    config.limits().maxTestCommandBytes(), config.errorLogMaxChars());
        }
    }

    /**
     * @param json           the request text; blank is allowed only with an uploaded bundle (all defaults)
     * @param bundleUploaded whether a bundle part came with it
     * @param limits         size limits of the texts
     * @param urlRefusal     why a {@code source.gitUrl} may not be cloned, or empty when it may
     * @return the validated submission
     * @throws ProblemException 413 when a text is larger than its limit (checked first), else 400 with one
     *                          {@link FieldError} per problem
     */
    public static JobSubmission parse(String json, boolean bundleUploaded, Limits limits,
                                      Function<String, Optional<String>> urlRefusal) {
        return parse(json, bundleUploaded, limits, urlRefusal, BranchRules.NONE);
    }

    /**
     * Same as {@link #parse(String, boolean, Limits, Function)}, with the submitting team's result-branch rules.
     *
     * @param json           the request text
     * @param bundleUploaded whether a bundle part came with it
     * @param limits         size limits of the texts
     * @param urlRefusal     why a {@code source.gitUrl} may not be cloned, or empty when it may
     * @param branches       the branch-name rules and the credentials the submitting team may use
     * @return the validated submission
     * @throws ProblemException 413 when a text is over its limit, else 400 with one {@link FieldError} per problem (a
     *                          {@code resultBranch} of a bundle job, a refused branch name, a credential the team may
     *                          not use — told like an unknown one)
     */
    public static JobSubmission parse(String json, boolean bundleUploaded, Limits limits,
                                      Function<String, Optional<String>> urlRefusal, BranchRules branches) {
        JsonNode root;
        if (json == null || json.isBlank()) {
            if (!bundleUploaded) {
                throw ProblemException.badField("body", "the request body is empty: expected a JSON job such as "
                        + "{\"source\":{\"gitUrl\":\"https://host/repo.git\",\"ref\":\"main\"},\"task\":\"make the failing tests pass\"}");
            }
            root = MAPPER.createObjectNode();
        } else {
            try {
                root = MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr();
                throw ProblemException.badField(bundleUploaded ? "job" : "body", "not valid JSON" + where + ": " + e.getOriginalMessage());
            }
            if (root == null || !root.isObject()) {
                throw ProblemException.badField(bundleUploaded ? "job" : "body", "expected a JSON object, got "
                        + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
            }
        }
        tooLarge(root, "task", limits.maxTaskBytes(), "pavu.planner.limits.max-task-bytes");
        tooLarge(root, "errorLog", limits.maxErrorLogBytes(), "pavu.planner.limits.max-error-log-bytes");
        tooLarge(root, "testCommand", limits.maxTestCommandBytes(), "pavu.planner.limits.max-test-command-bytes");
        tooLarge(root, "reproduceCommand", limits.maxTestCommandBytes(), "pavu.planner.limits.max-test-command-bytes");
        List<FieldError> errors = new ArrayList<>();
        unknown(root, "", TOP, errors);

        String gitUrl = null;
        String ref = null;
        JsonNode source = root.get("source");
        if (source == null || source.isNull()) {
            if (!bundleUploaded) {
                errors.add(new FieldError("source", "required: give source.gitUrl (and optionally source.ref), "
                        + "or upload a git bundle as multipart/form-data part 'bundle'"));
            }
        } else if (!source.isObject()) {
            errors.add(new FieldError("source", "expected an object {gitUrl, ref}, got " + kind(source)));
        } else {
            unknown(source, "source.", SOURCE, errors);
            gitUrl = text(source, "source.gitUrl", errors);
            ref = text(source, "source.ref", errors);
            if (bundleUploaded && gitUrl != null) {
                errors.add(new FieldError("source.gitUrl", "must be absent when a bundle is uploaded: the bundle is the source"));
            } else if (!bundleUploaded && gitUrl == null && !source.has("gitUrl")) {
                errors.add(new FieldError("source.gitUrl", "required: the repository URL to clone, e.g. https://host/repo.git"));
            } else if (!bundleUploaded && gitUrl != null && gitUrl.isBlank()) {
                errors.add(new FieldError("source.gitUrl", "must not be blank"));
            } else if (gitUrl != null && SSH.matcher(gitUrl.strip()).matches()) {
                errors.add(new FieldError("source.gitUrl", "ssh URLs such as '" + gitUrl + "' are not supported (Pavu uses "
                        + "no credentials): use the https:// URL of a public repository, or upload a git bundle"));
            } else if (gitUrl != null) {
                urlRefusal.apply(gitUrl.strip()).ifPresent(why -> errors.add(new FieldError("source.gitUrl", why)));
            }
            if (ref != null && (ref.isBlank() || !REF.matcher(ref).matches())) {
                errors.add(new FieldError("source.ref", "'" + ref + "' is not a valid git ref (branch, tag or commit id)"));
            }
        }

        String task = text(root, "task", errors);
        String testCommand = text(root, "testCommand", errors);
        String errorLog = text(root, "errorLog", errors);
        TaskKind kind = TaskKind.REPAIR;
        String kindText = text(root, "kind", errors);
        if (kindText != null) {
            try {
                kind = TaskKind.valueOf(kindText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("kind", "'" + kindText + "' is not one of " + Arrays.toString(TaskKind.values())));
            }
        }
        checkTestCommand(testCommand, errors);
        String reproduceCommand = text(root, "reproduceCommand", errors);
        checkReproduce(reproduceCommand, kind, errorLog, errors);
        Budget budget = budget(root.get("budget"), errors);
        Map<String, String> models = models(root.get("models"), errors);
        GatePolicy gates = gates(root.get("gates"), errors);
        int priority = priority(root.get("priority"), errors);
        ResultBranchRequest resultBranch = ResultBranchField.parse(root.get("resultBranch"),
                gitUrl != null && !bundleUploaded, ref, branches, errors);

        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                    : errors.size() + " problems in the job request: " + String.join("; ",
                    errors.stream().map(e -> e.field() + ": " + e.message()).toList());
            throw ProblemException.badRequest(detail, errors);
        }
        if (errorLog != null && errorLog.length() > limits.errorLogKeepChars()) {
            errorLog = "[…truncated…]\n" + errorLog.substring(errorLog.length() - limits.errorLogKeepChars());
        }
        testCommand = testCommand == null || testCommand.isBlank() ? null : testCommand.strip();
        reproduceCommand = reproduceCommand == null || reproduceCommand.isBlank() ? null : reproduceCommand.strip();
        return new JobSubmission(gitUrl == null ? null : gitUrl.strip(), ref == null ? null : ref.strip(),
                new TaskSpec(kind, task, testCommand, errorLog, models, null, priority, reproduceCommand), budget, gates,
                resultBranch);
    }

    /**
     * The optional job priority: a whole number {@value TaskSpec#MIN_PRIORITY}–{@value TaskSpec#MAX_PRIORITY}, higher
     * first; absent or null = {@value TaskSpec#DEFAULT_PRIORITY}.
     */
    private static int priority(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return TaskSpec.DEFAULT_PRIORITY;
        }
        if (!node.isIntegralNumber() || node.asLong() < TaskSpec.MIN_PRIORITY || node.asLong() > TaskSpec.MAX_PRIORITY) {
            errors.add(new FieldError("priority", "expected a whole number from " + TaskSpec.MIN_PRIORITY + " (lowest) to "
                    + TaskSpec.MAX_PRIORITY + " (highest), got " + (node.isValueNode() ? node.toString() : kind(node))
                    + "; absent = " + TaskSpec.DEFAULT_PRIORITY));
            return TaskSpec.DEFAULT_PRIORITY;
        }
        return node.asInt();
    }

    /**
     * The optional gate policy: {@code {"linters": ["ruff"], "testsFirst": true, "probe": {"startCommand": "python3 app.py",
     * "healthUrl": "http://127.0.0.1:8080/health", "smokeCommand": "…", "timeoutMs": 20000}}}.
     */
    private static GatePolicy gates(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("gates", "expected an object {linters, testsFirst, probe, allowTestEdits, allowBuildEdits}, got " + kind(node)));
            return null;
        }
        unknown(node, "gates.", GATES, errors);
        List<String> linters = null;
        JsonNode l = node.get("linters");
        if (l != null && !l.isNull()) {
            if (!l.isArray()) {
                errors.add(new FieldError("gates.linters", "expected an array of linter names such as [\"ruff\"], got " + kind(l)));
            } else {
                linters = new ArrayList<>();
                for (JsonNode n : l) {
                    String name = n.isTextual() ? n.asText().strip().toLowerCase(Locale.ROOT) : null;
                    if (name == null || !GatePolicy.KNOWN_LINTERS.contains(name)) {
                        errors.add(new FieldError("gates.linters", "'" + (n.isTextual() ? n.asText() : n.toString())
                                + "' is not a linter Pavu knows: " + GatePolicy.KNOWN_LINTERS));
                    } else if (!linters.contains(name)) {
                        linters.add(name);
                    }
                }
            }
        }
        Boolean testsFirst = bool(node, "testsFirst", errors);
        ProbeSpec probe = probe(node.get("probe"), errors);
        return new GatePolicy(linters, testsFirst, probe, bool(node, "allowTestEdits", errors), bool(node, "allowBuildEdits", errors));
    }

    /** @return the optional boolean {@code gates.<name>}, {@code null} when absent */
    private static Boolean bool(JsonNode gates, String name, List<FieldError> errors) {
        JsonNode n = gates.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            errors.add(new FieldError("gates." + name, "expected true or false, got " + kind(n)));
            return null;
        }
        return n.asBoolean();
    }

    /**
     * The test command runs as {@code sh -c <testCommand>} in the verifier's sandbox, so any shell text is
     * accepted except what cannot be handed to {@code sh} as one argument (a NUL) or is far too long to be a command.
     */
    /**
     * A reproduce command belongs to a {@code FIX_LOG} job whose error log holds a Java stack trace (the failure it
     * reproduces is read from it); it is a command line like the test command.
     */
    private static void checkReproduce(String command, TaskKind kind, String errorLog, List<FieldError> errors) {
        if (command == null || command.isBlank()) {
            return;
        }
        if (kind != TaskKind.FIX_LOG) {
            errors.add(new FieldError("reproduceCommand", "is for kind FIX_LOG only (it checks that the logged failure is "
                    + "gone); this job's kind is " + kind));
        } else if (errorLog == null || errorLog.isBlank()) {
            errors.add(new FieldError("errorLog", "required with reproduceCommand: the log whose failure the command "
                    + "reproduces"));
        } else if (LoggedFailure.of(errorLog).isEmpty()) {
            errors.add(new FieldError("errorLog", "holds no Java stack trace (a line naming the exception, e.g. "
                    + "'java.lang.IllegalStateException: empty', followed by 'at pkg.Class.method(File.java:12)' lines), so "
                    + "there is no failure for reproduceCommand to look for; give the log with its stack trace"));
        }
        if (command.indexOf('\0') >= 0) {
            errors.add(new FieldError("reproduceCommand", "contains a NUL character, which no command line can hold"));
        }
        if (command.length() > MAX_TEST_COMMAND) {
            errors.add(new FieldError("reproduceCommand", "is " + command.length() + " characters long; at most "
                    + MAX_TEST_COMMAND + " are accepted (put a longer command in a script of the repository and run that)"));
        }
    }

    private static void checkTestCommand(String testCommand, List<FieldError> errors) {
        if (testCommand == null || testCommand.isBlank()) {
            return;
        }
        if (testCommand.indexOf('\0') >= 0) {
            errors.add(new FieldError("testCommand", "contains a NUL character, which no command line can hold"));
        }
        if (testCommand.length() > MAX_TEST_COMMAND) {
            errors.add(new FieldError("testCommand", "is " + testCommand.length() + " characters long; at most "
                    + MAX_TEST_COMMAND + " are accepted (put a longer command in a script of the repository and run that)"));
        }
    }

    private static ProbeSpec probe(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("gates.probe", "expected an object {startCommand, healthUrl, smokeCommand, timeoutMs}, got "
                    + kind(node)));
            return null;
        }
        unknown(node, "gates.probe.", PROBE, errors);
        String start = blankToNull(text(node, "gates.probe.startCommand", errors));
        String url = blankToNull(text(node, "gates.probe.healthUrl", errors));
        String smoke = blankToNull(text(node, "gates.probe.smokeCommand", errors));
        long timeout = 0;
        JsonNode t = node.get("timeoutMs");
        if (t != null && !t.isNull()) {
            if (!t.isIntegralNumber() || !t.canConvertToLong() || t.asLong() < 1) {
                errors.add(new FieldError("gates.probe.timeoutMs", "expected a whole number of milliseconds ≥ 1, got "
                        + kind(t) + (t.isValueNode() ? " " + t : "")));
            } else {
                timeout = t.asLong();
            }
        }
        if (start == null && smoke == null) {
            errors.add(new FieldError("gates.probe", "give a startCommand (with a healthUrl and/or a smokeCommand) or a smokeCommand"));
        }
        if (url != null && start == null) {
            errors.add(new FieldError("gates.probe.healthUrl", "needs a startCommand: the application to start and poll"));
        }
        if (url != null && !LOOPBACK_URL.matcher(url).matches()) {
            errors.add(new FieldError("gates.probe.healthUrl", "'" + url + "' is not on the loopback: the probe runs in a sandbox "
                    + "whose only network is its own loopback; use e.g. http://127.0.0.1:8080/health"));
        }
        return new ProbeSpec(start, url, smoke, timeout);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Budget budget(JsonNode node, List<FieldError> errors) {
        Budget d = Budget.DEFAULT;
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("budget", "expected an object {maxIterations, maxCandidates, candidateTimeoutMs, "
                    + "jobTimeoutMs}, got " + kind(node)));
            return d;
        }
        unknown(node, "budget.", BUDGET, errors);
        long it = positive(node, "maxIterations", d.maxIterations(), MAX_ITERATIONS, errors);
        long cand = positive(node, "maxCandidates", d.maxCandidates(), MAX_CANDIDATES, errors);
        long ct = positive(node, "candidateTimeoutMs", d.candidateTimeoutMs(), Long.MAX_VALUE, errors);
        long jt = positive(node, "jobTimeoutMs", d.jobTimeoutMs(), Long.MAX_VALUE, errors);
        if (ct > jt) {
            errors.add(new FieldError("budget.candidateTimeoutMs", "(" + ct + ") must not exceed budget.jobTimeoutMs (" + jt + ")"));
        }
        return ct > 0 && jt > 0 && it > 0 && cand > 0 && ct <= jt && it <= MAX_ITERATIONS && cand <= MAX_CANDIDATES
                ? new Budget((int) it, (int) cand, ct, jt) : d;
    }

    private static long positive(JsonNode node, String name, long fallback, long max, List<FieldError> errors) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        String field = "budget." + name;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            errors.add(new FieldError(field, "expected a whole number, got " + kind(v) + (v.isValueNode() ? " " + v : "")));
            return fallback;
        }
        long n = v.asLong();
        if (n < 1) {
            errors.add(new FieldError(field, "must be at least 1, was " + n));
            return fallback;
        }
        if (n > max) {
            errors.add(new FieldError(field, "must be at most " + max + ", was " + n));
            return fallback;
        }
        return n;
    }

    private static Map<String, String> models(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            errors.add(new FieldError("models", "expected an object of role → model alias, e.g. {\"proposer\":\"coder\"}, got " + kind(node)));
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().isBlank()) {
                errors.add(new FieldError("models", "a role name must not be blank"));
            } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                errors.add(new FieldError("models." + e.getKey(), "expected a model alias (a non-blank string), got " + kind(e.getValue())));
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    /** 413 when the text field {@code name} of {@code root} has more than {@code max} UTF-8 bytes. */
    private static void tooLarge(JsonNode root, String name, int max, String setting) {
        JsonNode v = root.get(name);
        if (v != null && v.isTextual()) {
            long bytes = utf8Length(v.asText());
            if (bytes > max) {
                throw ProblemException.tooLarge(name, "has " + bytes + " bytes (UTF-8), more than the limit of " + max
                        + " bytes (" + setting + "); shorten it" + (name.equals("errorLog")
                        ? " — the planner keeps only its end anyway, send the last part of the log" : ""));
            }
        }
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static String text(JsonNode parent, String path, List<FieldError> errors) {
        String name = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(path, "expected a string, got " + kind(v)));
            return null;
        }
        return v.asText();
    }

    static void unknown(JsonNode node, String prefix, Set<String> known, List<FieldError> errors) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                errors.add(new FieldError(prefix + f, "unknown field; known fields here: " + known.stream().sorted().toList()));
            }
        }
    }

    static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> v.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }
}
