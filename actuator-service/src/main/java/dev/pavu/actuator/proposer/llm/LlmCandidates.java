package dev.pavu.actuator.proposer.llm;

import dev.pavu.actuator.client.ChatMessage;
import dev.pavu.actuator.client.ChatRequest;
import dev.pavu.actuator.client.ChatResponse;
import dev.pavu.actuator.client.GatewayClient;
import dev.pavu.actuator.client.GatewayException;
import dev.pavu.actuator.proposer.Candidate;
import dev.pavu.actuator.proposer.JavaSources;
import dev.pavu.contracts.GatePolicy;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.workspace.diff.ChangeKind;
import dev.pavu.workspace.diff.FilePatch;
import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.PathPolicy;
import dev.pavu.workspace.diff.ProtectedPaths;
import dev.pavu.workspace.diff.UnifiedDiffs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The LLM proposer's work on one plan, without CDI: build the prompt, ask the gateway for N answers, and turn
 * each answer into at most one checked candidate — parse ({@link EditParser}), place ({@link EditApplier}),
 * re-parse the changed Java files, normalise into a git-style diff ({@link UnifiedDiffs#create}), drop
 * duplicates and already-tried diffs, dry-run it ({@link UnifiedDiffs#check}) and, when asked, let the model
 * review it ({@link SelfReview}). Every answer that gives no candidate leaves one rejection line saying why.
 */
public final class LlmCandidates {

    /** Candidates of a REPAIR plan: patches of the suspicious lines. */
    public static final String PATTERN_REPAIR = "llm-repair";
    /** Candidates of a GENERATE plan: regenerated methods. */
    public static final String PATTERN_REGENERATE = "llm-regenerate";

    /**
     * Settings of one run.
     *
     * @param samples     answers asked for
     * @param useN        one request with {@code n} instead of N seeded requests
     * @param seed        seed of the first sample
     * @param temperature sampling temperature
     * @param maxTokens   completion tokens per answer
     * @param parallelism requests at the same time
     * @param prompt      prompt limits
     * @param anchor      fuzzy thresholds
     */
    public record Settings(int samples, boolean useN, int seed, double temperature, int maxTokens, int parallelism,
                           PromptBuilder.Settings prompt, Anchor.Settings anchor) {
    }

    /**
     * The answer to a plan.
     *
     * @param candidates    checked candidates, in sample order
     * @param rejectedCount answers that gave no candidate
     * @param rejections    why, one line each
     * @param note          a one-line summary
     */
    public record Answer(List<Candidate> candidates, int rejectedCount, List<String> rejections, String note) {
        /** @param reason why nothing was asked @return an empty answer */
        public static Answer nothing(String reason) {
            return new Answer(List.of(), 0, List.of(reason), reason);
        }
    }

    private final GatewayClient gateway;
    private final Settings settings;
    private final Consumer<String> log;

    /**
     * @param gateway  the model gateway
     * @param settings settings
     * @param log      where to log one-line progress (e.g. {@code Log::infof} wrapped)
     */
    public LlmCandidates(GatewayClient gateway, Settings settings, Consumer<String> log) {
        this.gateway = gateway;
        this.settings = settings;
        this.log = log;
    }

    /**
     * @param plan     a REPAIR or GENERATE plan whose task names a {@code proposer} alias
     * @param tree     its checkout
     * @param max      at most this many candidates
     * @param exclude  hashes of diffs not to propose again (the plan's tried ones, the template candidates)
     * @param tried    the job's earlier failed candidates, for the prompt
     * @param reviewer alias of the self-review, or {@code null} for none
     * @param dryRun   the dry-run check against the checkout
     * @return the candidates and the rejections
     */
    public Answer propose(PlanProposed plan, SourceTree tree, int max, Collection<String> exclude, List<TriedCandidate> tried,
                          String reviewer, DryRun dryRun) {
        long t0 = System.nanoTime();
        String alias = plan.task().models().get("proposer");
        if (alias == null || alias.isBlank()) {
            return Answer.nothing("no proposer model: the job's models name no \"proposer\" alias");
        }
        int n = Math.min(settings.samples(), max);
        if (n <= 0) {
            return Answer.nothing("the plan leaves no room for LLM candidates");
        }
        Prompt prompt = PromptBuilder.build(plan, tree, tried, settings.prompt());
        List<Sample> samples = ask(alias, prompt, n, plan.task().team());
        List<String> targets = targets(plan);
        boolean generate = plan.kind() == PlanKind.GENERATE;
        List<Candidate> kept = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        Set<String> seen = new HashSet<>(exclude);
        Set<String> tried0 = Set.copyOf(plan.triedPatchHashes());
        Set<String> errors = new LinkedHashSet<>();
        int rejected = 0;
        int tokens = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            String name = "llm sample " + (i + 1) + "/" + n;
            tokens += s.tokens();
            if (s.error() != null) {
                rejected++;
                if (errors.add(s.error())) {
                    rejections.add(name + ": " + s.error());
                }
                continue;
            }
            Outcome o = candidate(s.text(), tree, targets, seen, tried0, dryRun, protectedRules(plan));
            if (o.reason() != null) {
                rejected++;
                rejections.add(name + ": " + o.reason());
                continue;
            }
            String description = name + " (" + alias + ", " + o.changes().format() + "): " + o.where()
                    + (o.changes().notes().isEmpty() ? "" : "; " + String.join("; ", o.changes().notes()));
            kept.add(new Candidate(o.file(), o.line(), generate ? PATTERN_REGENERATE : PATTERN_REPAIR,
                    description.length() > 400 ? description.substring(0, 399) + "…" : description, o.diff(), o.hash(),
                    1.0 - (double) i / (n + 1)));
            if (kept.size() >= max) {
                break;
            }
        }
        int vetoed = 0;
        if (reviewer != null && !kept.isEmpty()) {
            List<Candidate> reviewed = new ArrayList<>();
            for (Candidate c : kept) {
                SelfReview.Verdict v = review(reviewer, plan, c.diff());
                if (v.veto()) {
                    vetoed++;
                    rejected++;
                    rejections.add(c.description().split(" \\(")[0] + ": vetoed by self-review (" + reviewer + "): " + v.reason());
                } else {
                    reviewed.add(c);
                }
            }
            kept = reviewed;
        }
        String note = kept.size() + " LLM candidate" + (kept.size() == 1 ? "" : "s") + " from " + n + " sample"
                + (n == 1 ? "" : "s") + " of " + alias + " (" + (generate ? "regenerate" : "repair") + ", "
                + rejected + " rejected" + (vetoed > 0 ? ", " + vetoed + " vetoed by review" : "") + ", "
                + tokens + " tokens, " + (System.nanoTime() - t0) / 1_000_000 + " ms)";
        log.accept(note);
        return new Answer(kept, rejected, rejections, note);
    }

    /** Checks one diff against the checkout without writing. */
    @FunctionalInterface
    public interface DryRun {
        /**
         * @param diff a unified diff
         * @throws PatchRejectedException when it does not apply
         */
        void check(String diff);
    }

    private record Sample(String text, String error, int tokens) {
    }

    private record Outcome(String reason, EditApplier.Changes changes, String diff, String hash, String file, int line,
                           String where) {
        static Outcome rejected(String reason) {
            return new Outcome(reason, null, null, null, null, 0, null);
        }
    }

    /**
     * The job's protected paths (tests, build and CI files, as the verifier enforces them): an answer that changes
     * one is rejected here with the verifier's own reason, instead of becoming a candidate the verifier refuses.
     */
    private static ProtectedPaths.Rules protectedRules(PlanProposed plan) {
        GatePolicy g = plan.verify() == null ? null : plan.verify().gates();
        return new ProtectedPaths.Rules(g != null && g.testEditsAllowed(), g != null && g.buildEditsAllowed(), Set.of());
    }

    private Outcome candidate(String text, SourceTree tree, List<String> targets, Set<String> seen, Set<String> tried,
                              DryRun dryRun, ProtectedPaths.Rules rules) {
        EditParser.Parsed parsed = EditParser.parse(text);
        if (parsed.edits().isEmpty()) {
            return Outcome.rejected(String.join("; ", parsed.problems()));
        }
        EditApplier.Result r = EditApplier.apply(tree, parsed.edits(), targets, settings.anchor());
        if (r.refusal() != null) {
            return Outcome.rejected(r.refusal());
        }
        EditApplier.Changes ch = r.changes();
        try {
            ProtectedPaths.check(ch.revised().keySet().stream()
                    .map(path -> new FilePatch(path, path, ChangeKind.MODIFY, List.of())).toList(), rules);
        } catch (PatchRejectedException e) {
            return Outcome.rejected("the answer changes a protected file: " + e.getMessage());
        }
        StringBuilder diff = new StringBuilder();
        String file = null;
        int line = 0;
        for (Map.Entry<String, String> e : ch.revised().entrySet()) {
            String path = e.getKey();
            if (path.endsWith(".java")) {
                Optional<String> problem = JavaSources.problem(e.getValue());
                if (problem.isPresent()) {
                    return Outcome.rejected(path + " does not parse after the change: " + problem.get());
                }
            }
            String original = ch.originals().get(path);
            try {
                diff.append(UnifiedDiffs.create(path, original, e.getValue()));
            } catch (PatchRejectedException ex) {
                return Outcome.rejected("cannot write a diff of " + path + ": " + ex.getMessage());
            }
            if (file == null) {
                file = path;
                line = firstChangedLine(original == null ? "" : original, e.getValue());
            }
        }
        String d = diff.toString();
        String hash = UnifiedDiffs.hash(d);
        if (tried.contains(hash)) {
            return Outcome.rejected("already tried for this job");
        }
        if (!seen.add(hash)) {
            return Outcome.rejected("same patch as an earlier candidate");
        }
        try {
            dryRun.check(d);
        } catch (PatchRejectedException ex) {
            return Outcome.rejected("dry-run apply failed: " + ex.getMessage().lines().findFirst().orElse(""));
        }
        String where = ch.revised().keySet().stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).reduce((a, b) -> a + ", " + b)
                .orElse("") + (line > 0 ? ":" + line : "");
        return new Outcome(null, ch, d, hash, file, line, where);
    }

    private List<Sample> ask(String alias, Prompt prompt, int n, String team) {
        List<ChatMessage> messages = List.of(ChatMessage.system(prompt.system()), ChatMessage.user(prompt.user()));
        if (settings.useN() && n > 1) {
            try {
                ChatResponse r = gateway.complete(new ChatRequest(alias, messages, settings.temperature(),
                        settings.maxTokens(), settings.seed(), n), team);
                List<String> texts = r.texts();
                if (texts.size() >= n) {
                    int per = r.usage() == null ? 0 : (r.usage().promptTokens() + r.usage().completionTokens()) / n;
                    return texts.stream().limit(n).map(t -> new Sample(t, null, per)).toList();
                }
            } catch (GatewayException e) {
                if (e.status() != 400) {
                    return List.of(new Sample(null, describe(alias, e), 0));
                }
                // the gateway does not take n: ask n times
            } catch (RuntimeException e) {
                return List.of(new Sample(null, describe(alias, e), 0));
            }
        }
        Semaphore slots = new Semaphore(Math.max(1, settings.parallelism()));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Sample>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int seed = settings.seed() + i;
                futures.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        ChatResponse r = gateway.complete(new ChatRequest(alias, messages, settings.temperature(),
                                settings.maxTokens(), seed, null), team);
                        List<String> texts = r.texts();
                        int used = r.usage() == null ? 0 : r.usage().promptTokens() + r.usage().completionTokens();
                        return texts.isEmpty() ? new Sample(null, "the model gave no choice", used)
                                : new Sample(texts.getFirst(), null, used);
                    } catch (RuntimeException e) {
                        return new Sample(null, describe(alias, e), 0);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<Sample> out = new ArrayList<>();
            for (Future<Sample> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    out.add(new Sample(null, describe(alias, e.getCause()), 0));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(new Sample(null, "interrupted", 0));
                }
            }
            return out;
        }
    }

    private SelfReview.Verdict review(String reviewer, PlanProposed plan, String diff) {
        Prompt p = SelfReview.prompt(plan, diff);
        try {
            ChatResponse r = gateway.complete(new ChatRequest(reviewer, List.of(ChatMessage.system(p.system()),
                    ChatMessage.user(p.user())), 0.0, 256, null, null), plan.task().team());
            return SelfReview.read(r.texts().isEmpty() ? null : r.texts().getFirst());
        } catch (RuntimeException e) {
            return new SelfReview.Verdict(false, "review failed: " + describe(reviewer, e));
        }
    }

    /** @return a one-line reason naming the alias and what the gateway said */
    static String describe(String alias, Throwable e) {
        if (e instanceof GatewayException g) {
            if ("model_not_found".equals(g.code())) {
                return "the model gateway does not know the alias \"" + alias + "\": " + g.getMessage()
                        + " (configure it in the gateway's models file, pavu.gateway.models-file)";
            }
            return "model " + alias + ": " + g.getMessage();
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return "model gateway unreachable or failing for " + alias + " (" + m.lines().findFirst().orElse(m)
                + "); check PAVU_GATEWAY_URL";
    }

    /** @return the plan's files (safe, normalised), most suspicious first */
    static List<String> targets(PlanProposed plan) {
        List<String> out = new ArrayList<>();
        plan.locations().forEach(l -> {
            try {
                String p = PathPolicy.normalise(l.file());
                if (!out.contains(p)) {
                    out.add(p);
                }
            } catch (RuntimeException e) {
                // an unsafe path in a plan is never a target
            }
        });
        return out;
    }

    static int firstChangedLine(String before, String after) {
        List<String> a = TextLines.of(before).lines();
        List<String> b = TextLines.of(after).lines();
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        return i + 1;
    }
}
