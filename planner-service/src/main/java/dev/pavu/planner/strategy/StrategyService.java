package dev.pavu.planner.strategy;

import dev.pavu.contracts.Decision;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.kit.sources.SourceLimitsConfig;
import dev.pavu.kit.sources.SourceLimitsSettings;
import dev.pavu.planner.source.BundleStore;
import dev.pavu.planner.source.SourceResolver;
import dev.pavu.workspace.source.SourceCache;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The strategy step before each repair iteration's plan: which model roles of the job the gateway can serve,
 * the features of the cost model (failing tests, localisation confidence, method size from the checkout, model
 * capability from the gateway, past success from the updater), the repair-vs-regenerate decision
 * ({@link CostModel}), and — when the job names a {@code planner} model — its exploration text. The result is
 * the plan's kind (REPAIR or GENERATE), the task as the actuator should see it (roles whose alias the gateway
 * does not know are dropped, so such a job repairs on templates alone), and the decision with every number.
 */
@ApplicationScoped
public class StrategyService {

    /** The role of the model that proposes patches. */
    public static final String PROPOSER = "proposer";
    /** The role of the model that explores and reasons before each plan. */
    public static final String PLANNER = "planner";

    private final StrategyConfig config;
    private final ModelDirectory directory;
    private final PastSuccess past;
    private final Exploration exploration;
    private final PlannerConfig plannerConfig;
    private final SourceCache cache;

    /**
     * @param config        cost model settings
     * @param directory     the gateway's aliases
     * @param past          past success rates
     * @param exploration   the planner model's call
     * @param plannerConfig the planner's directories
     * @param store         the bundle store (source of checkouts)
     * @param limits        what a checkout may hold ({@code pavu.sources.*})
     */
    public StrategyService(StrategyConfig config, ModelDirectory directory, PastSuccess past, Exploration exploration,
                           PlannerConfig plannerConfig, BundleStore store, SourceLimitsConfig limits) {
        this.config = config;
        this.directory = directory;
        this.past = past;
        this.exploration = exploration;
        this.plannerConfig = plannerConfig;
        this.cache = new SourceCache(plannerConfig.workDir().resolve("strategy-cache"), sha -> Files.newInputStream(store.pathOf(sha)),
                SourceLimitsSettings.limits(limits));
    }

    /**
     * What the strategy step needs to know about a job.
     *
     * @param jobId                the job
     * @param iteration            the iteration being planned
     * @param task                 the job's task (its models as submitted)
     * @param bundleSha            the job's bundle
     * @param commit               the job's commit
     * @param locations            the plan's locations, most suspicious first
     * @param failing              the baseline's failing tests
     * @param earlierRepairs       REPAIR iterations so far
     * @param earlierRegenerations GENERATE iterations so far
     */
    public record Input(UUID jobId, int iteration, TaskSpec task, String bundleSha, String commit,
                        List<SuspiciousLocation> locations, List<TestFailure> failing, int earlierRepairs,
                        int earlierRegenerations) {
    }

    /**
     * The step's result.
     *
     * @param kind     REPAIR or GENERATE
     * @param task     the task for the plan (unknown model roles dropped)
     * @param decision the decision with its numbers
     * @param failure  when not {@code null}: the job cannot go on (a generation task without a usable model), the reason
     * @param lessons  pattern → multiplier ≥ 1 from lesson cards of similar failures (empty: none; see
     *                 {@code dev.pavu.planner.evidence.LessonPriors})
     */
    public record Choice(PlanKind kind, TaskSpec task, Decision decision, String failure, Map<String, Double> lessons) {

        /** A choice without lessons. */
        public Choice(PlanKind kind, TaskSpec task, Decision decision, String failure) {
            this(kind, task, decision, failure, Map.of());
        }

        /**
         * @param found pattern → multiplier from lesson cards
         * @return this choice with those lessons, its decision's numbers saying how many patterns they weighted
         *         ({@code lessonPatterns}), so that the plan's event records what was used
         */
        public Choice withLessons(Map<String, Double> found) {
            Decision d = decision;
            if (d != null) {
                Map<String, Double> numbers = new LinkedHashMap<>(d.numbers() == null ? Map.of() : d.numbers());
                numbers.put("lessonPatterns", (double) found.size());
                d = new Decision(d.strategy(), numbers, d.rationale());
            }
            return new Choice(kind, task, d, failure, Map.copyOf(found));
        }
    }

    /**
     * A generation task (IMPLEMENT) cannot run without a proposer model the gateway serves: checked when the job is
     * submitted, so that it fails at once.
     *
     * @param task the job's task
     * @return the reason naming the missing setting, or empty when the job can go on
     */
    public Optional<String> missingModel(TaskSpec task) {
        if (task.kind() != TaskKind.IMPLEMENT) {
            return Optional.empty();
        }
        String alias = task.models().get(PROPOSER);
        if (alias == null || alias.isBlank()) {
            return Optional.of(noProposer());
        }
        return unusable(alias, directory.aliases());
    }

    static String noProposer() {
        return "task kind IMPLEMENT needs a language model: give models.proposer (e.g. \"coder\") in the job and "
                + "configure the alias in the gateway's models file (pavu.gateway.models-file, env PAVU_GATEWAY_MODELS_FILE)";
    }

    /** @return why a generation task cannot use {@code alias}, or empty when it can */
    static Optional<String> unusable(String alias, ModelDirectory.Aliases aliases) {
        if (aliases.problem() != null) {
            return Optional.of("task kind IMPLEMENT needs a language model, but " + aliases.problem()
                    + "; start the gateway or point PAVU_GATEWAY_URL at it");
        }
        if (!aliases.knows(alias)) {
            return Optional.of("task kind IMPLEMENT needs a language model, but the model gateway (" + aliases.gatewayUrl()
                    + ") does not know models.proposer \"" + alias + "\" (it serves: "
                    + (aliases.capabilities().isEmpty() ? "no model at all" : String.join(", ", aliases.capabilities().keySet()))
                    + "); configure the alias in the gateway's models file (pavu.gateway.models-file, env PAVU_GATEWAY_MODELS_FILE)");
        }
        return Optional.empty();
    }

    /**
     * @param in        the job's state
     * @param base      numbers the planner already records (iteration, locations, budget)
     * @param rationale the planner's one-line description of the iteration (locations handed out)
     * @return the plan's kind, task and decision, or the reason the job must fail
     */
    public Choice decide(Input in, Map<String, Double> base, String rationale) {
        TaskSpec task = in.task();
        boolean generation = task.kind() == TaskKind.IMPLEMENT;
        String proposer = task.models().get(PROPOSER);
        ModelDirectory.Aliases aliases = task.models().isEmpty() ? null : directory.aliases();
        Map<String, String> usable = new LinkedHashMap<>();
        StringBuilder notes = new StringBuilder();
        for (Map.Entry<String, String> role : task.models().entrySet()) {
            if (aliases != null && aliases.problem() == null && aliases.knows(role.getValue())) {
                usable.put(role.getKey(), role.getValue());
            } else {
                notes.append(" models.").append(role.getKey()).append(" \"").append(role.getValue()).append("\" is not used: ")
                        .append(aliases != null && aliases.problem() != null ? aliases.problem()
                                : "the gateway does not know the alias").append('.');
            }
        }
        boolean modelAvailable = usable.containsKey(PROPOSER);
        if (generation && !modelAvailable) {
            String why = proposer == null || proposer.isBlank() ? noProposer()
                    : unusable(proposer, aliases).orElse(noProposer());
            return new Choice(PlanKind.GENERATE, task, null, why);
        }
        List<CodeContext.Method> methods = methods(in);
        PastSuccess.Rates rates = past.rates();
        double capability = modelAvailable
                ? aliases.capability(proposer).orElse(config.defaultCapability()) : 0.0;
        double top = in.locations().isEmpty() ? 0 : in.locations().getFirst().score();
        double next = in.locations().size() > 1 ? in.locations().get(1).score() : 0;
        int methodLines = methods.isEmpty() ? config.defaultMethodLines() : methods.getFirst().lines();
        Features f = new Features(in.failing().size(), top, Math.max(0, top - next), methodLines, capability,
                rates.repair(), rates.regenerate(), in.earlierRepairs(), in.earlierRegenerations(), modelAvailable);
        CostModel.Estimate e = CostModel.estimate(f, CostModel.Coefficients.of(config.repair()),
                CostModel.Coefficients.of(config.regenerate()), generation);
        Map<String, Double> numbers = new LinkedHashMap<>(base);
        numbers.putAll(e.numbers());
        numbers.put("pastRepairJobs", (double) rates.repairJobs());
        numbers.put("pastRegenerateJobs", (double) rates.regenJobs());
        numbers.put("pastFromUpdater", rates.fromUpdater() ? 1.0 : 0.0);
        numbers.put("methodFromSource", methods.isEmpty() ? 0.0 : 1.0);
        boolean regenerate = e.strategy().equals("regenerate");
        StringBuilder why = new StringBuilder(regenerate
                ? "regenerate " + (methods.isEmpty() ? "the suspicious method" : methods.getFirst().name() + " ("
                + methods.getFirst().file() + " lines " + methods.getFirst().begin() + "–" + methods.getFirst().end() + ")")
                + " with " + proposer
                : rationale + (modelAvailable ? " with templates and " + proposer : " with templates"));
        why.append("; ").append(e.summary()).append('.').append(notes);
        String explorer = usable.get(PLANNER);
        numbers.put("explorationTokens", 0.0);
        if (explorer != null) {
            Exploration.Result r = exploration.explore(explorer, task, in.failing(), methods, e);
            numbers.put("explorationTokens", (double) r.tokens());
            if (r.text() != null) {
                why.append("\nExploration by ").append(explorer).append(":\n").append(r.text());
            } else {
                why.append(" Exploration skipped: ").append(r.problem()).append('.');
            }
        }
        Log.infof("job %s iteration %d: %s (P repair %.2f, P regenerate %.2f)", in.jobId(), in.iteration(), e.summary(),
                e.numbers().get("pRepair"), e.numbers().get("pRegenerate"));
        TaskSpec planTask = new TaskSpec(task.kind(), task.text(), task.testCommand(), task.errorLog(), usable, task.team(),
                task.priority(), task.reproduceCommand());
        return new Choice(regenerate ? PlanKind.GENERATE : PlanKind.REPAIR, planTask,
                new Decision(e.strategy(), numbers, why.toString()), null);
    }

    /** The methods holding the plan's top locations, from a short-lived checkout; empty when it cannot be had. */
    private List<CodeContext.Method> methods(Input in) {
        if (in.bundleSha() == null || in.commit() == null || in.locations().isEmpty()) {
            return List.of();
        }
        Path target = plannerConfig.workDir().resolve("strategy").resolve(in.jobId() + "-" + in.iteration());
        try {
            SourceResolver.deleteQuietly(target);
            cache.checkout(in.bundleSha(), in.commit(), target);
            return CodeContext.methods(target, in.locations(), 3);
        } catch (RuntimeException e) {
            Log.warnf("job %s: the suspicious methods could not be read (%s); the cost model uses default sizes",
                    in.jobId(), e.getMessage());
            return List.of();
        } finally {
            SourceResolver.deleteQuietly(target);
        }
    }
}
