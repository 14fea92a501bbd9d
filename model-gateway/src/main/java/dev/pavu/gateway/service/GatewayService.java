package dev.pavu.gateway.service;

import dev.pavu.gateway.client.Backend;
import dev.pavu.gateway.client.BackendAnswer;
import dev.pavu.gateway.client.BackendFailure;
import dev.pavu.gateway.client.BackendRequest;
import dev.pavu.gateway.client.StreamEvent;
import dev.pavu.gateway.config.BackendSpec;
import dev.pavu.gateway.config.GatewayConfig;
import dev.pavu.gateway.openai.ChatCompletion;
import dev.pavu.gateway.openai.ChatCompletionRequest;
import dev.pavu.gateway.openai.PavuInfo;
import dev.pavu.gateway.openai.Usage;
import dev.pavu.gateway.repository.ModelCall;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Serves chat completions: checks the request, answers deterministic requests from the cache, refuses
 * prompts over the context window and tenants over budget before anything is sent, then tries the alias's
 * backends in order (each with retries and a circuit breaker) until one answers. Every call is recorded and
 * counted, whatever its outcome.
 */
@ApplicationScoped
public class GatewayService {

    private final GatewayConfig config;
    private final ModelCatalog catalog;
    private final ResponseCache cache;
    private final BudgetService budgets;
    private final CallRecorder recorder;
    private final GatewayMetrics metrics;

    /**
     * @param config   gateway settings
     * @param catalog  aliases and backends
     * @param cache    response cache
     * @param budgets  token budgets
     * @param recorder call recorder
     * @param metrics  meters
     */
    public GatewayService(GatewayConfig config, ModelCatalog catalog, ResponseCache cache, BudgetService budgets,
                          CallRecorder recorder, GatewayMetrics metrics) {
        this.config = config;
        this.catalog = catalog;
        this.cache = cache;
        this.budgets = budgets;
        this.recorder = recorder;
        this.metrics = metrics;
    }

    /**
     * Answers a non-streaming completion.
     *
     * @param body   the request
     * @param tenant tenant header value, or null for the default tenant
     * @return the completion
     * @throws GatewayException 400 malformed or over the context window, 404 unknown alias, 429 over budget,
     *                          503 no model configured or every backend failed
     */
    public ChatCompletion complete(ChatCompletionRequest body, String tenant) {
        Instant start = Instant.now();
        CompletionCall call = prepare(body, tenant, start);
        Optional<CachedAnswer> cached = fromCacheOrReplay(call, start);
        if (cached.isPresent()) {
            CachedAnswer a = cached.get();
            Outcome outcome = config.replayOnly() ? Outcome.REPLAYED : Outcome.CACHED;
            long ms = finish(call, start, a.backend(), a.model(), outcome, true, a.tokensIn(), a.tokensOut(), 0, List.of(),
                    null, a.finishReason(), a.text());
            return completion(call, a.text(), a.finishReason(), a.tokensIn(), a.tokensOut(),
                    new PavuInfo(call.alias(), a.backend(), a.model(), true, call.requestHash(), ms, null));
        }
        List<Candidate> candidates = admit(call, start);
        List<String> attempts = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.skipReason() != null) {
                attempts.add(describe(c.backend()) + ": " + c.skipReason());
                continue;
            }
            try {
                BackendAnswer answer = c.backend().chat(c.request(), config.queueWait());
                int in = answer.tokensIn() != null ? answer.tokensIn() : call.promptTokens();
                int out = answer.tokensOut() != null ? answer.tokensOut() : TokenEstimator.tokens(answer.text());
                BackendSpec spec = c.backend().spec();
                double cost = cost(spec, in, out);
                budgets.charge(call.tenant(), in + out);
                if (call.deterministic() && cache.enabled()) {
                    cache.put(call.requestHash(), new CachedAnswer(answer.text(), answer.finishReason(), in, out, spec.id(), spec.model()));
                }
                long ms = finish(call, start, spec.id(), spec.model(), Outcome.OK, false, in, out, cost, attempts, null,
                        answer.finishReason(), answer.text());
                return completion(call, answer.text(), answer.finishReason(), in, out,
                        new PavuInfo(call.alias(), spec.id(), spec.model(), false, call.requestHash(), ms,
                                attempts.isEmpty() ? null : List.copyOf(attempts)));
            } catch (BackendFailure f) {
                Log.warnf("alias %s: backend %s failed: %s", call.alias(), c.backend().spec().id(), f.reason());
                attempts.add(describe(c.backend()) + ": " + f.reason());
            }
        }
        throw fail(call, start, GatewayException.unavailable(call.alias(), attempts), attempts);
    }

    /**
     * Opens a streaming completion. Everything that can go wrong before the first chunk (bad request, unknown
     * alias, context window, budget, every backend down) is thrown here, so the client gets a proper HTTP
     * status; later failures end the stream with an error event.
     *
     * @param body   the request ({@code stream: true})
     * @param tenant tenant header value, or null
     * @return the started stream
     * @throws GatewayException as for {@link #complete}
     */
    public CompletionStream stream(ChatCompletionRequest body, String tenant) {
        Instant start = Instant.now();
        CompletionCall call = prepare(body, tenant, start);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = start.getEpochSecond();
        Optional<CachedAnswer> cached = fromCacheOrReplay(call, start);
        if (cached.isPresent()) {
            CachedAnswer a = cached.get();
            PavuInfo info = new PavuInfo(call.alias(), a.backend(), a.model(), true, call.requestHash(), null, null);
            return new CachedStream(id, created, call, info, a, start);
        }
        List<Candidate> candidates = admit(call, start);
        List<String> attempts = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.skipReason() != null) {
                attempts.add(describe(c.backend()) + ": " + c.skipReason());
                continue;
            }
            try {
                Backend.BackendStream open = c.backend().stream(c.request(), config.queueWait());
                BackendSpec spec = c.backend().spec();
                PavuInfo info = new PavuInfo(call.alias(), spec.id(), spec.model(), false, call.requestHash(), null,
                        attempts.isEmpty() ? null : List.copyOf(attempts));
                return new LiveStream(id, created, call, info, spec, open, List.copyOf(attempts), start);
            } catch (BackendFailure f) {
                Log.warnf("alias %s: backend %s failed to stream: %s", call.alias(), c.backend().spec().id(), f.reason());
                attempts.add(describe(c.backend()) + ": " + f.reason());
            }
        }
        throw fail(call, start, GatewayException.unavailable(call.alias(), attempts), attempts);
    }

    private CompletionCall prepare(ChatCompletionRequest body, String tenantHeader, Instant start) {
        String tenant = tenantHeader == null || tenantHeader.isBlank() ? config.defaultTenant() : tenantHeader.trim();
        CompletionCall call;
        try {
            call = CompletionCall.of(body, tenant);
        } catch (GatewayException e) {
            String alias = body == null || body.model() == null ? "" : body.model();
            metrics.call(knownOr(alias), null, e.outcome(), false, Duration.between(start, Instant.now()), tenant, 0, 0, 0);
            throw e;
        }
        if (catalog.isEmpty()) {
            throw fail(call, start, GatewayException.noModelConfigured(catalog.location()), List.of());
        }
        if (catalog.alias(call.alias()).isEmpty()) {
            throw fail(call, start, GatewayException.unknownAlias(call.alias(), catalog.aliases()), List.of());
        }
        return call;
    }

    private Optional<CachedAnswer> fromCacheOrReplay(CompletionCall call, Instant start) {
        if (config.replayOnly()) {
            Optional<CachedAnswer> recorded = cache.recorded(call.requestHash());
            if (recorded.isEmpty()) {
                throw fail(call, start, GatewayException.notRecorded(call.requestHash()), List.of());
            }
            return recorded;
        }
        if (call.deterministic() && cache.enabled()) {
            return cache.get(call.requestHash());
        }
        return Optional.empty();
    }

    /** A backend and what to send it, or why it is skipped. */
    private record Candidate(Backend backend, BackendRequest request, String skipReason) {
    }

    /**
     * Context-window check (before anything is sent) and budget check.
     */
    private List<Candidate> admit(CompletionCall call, Instant start) {
        List<Candidate> candidates = new ArrayList<>();
        List<String> windows = new ArrayList<>();
        int requestedOut = call.maxTokens() == null ? 0 : call.maxTokens();
        boolean anyFits = false;
        for (Backend b : catalog.backends(call.alias())) {
            BackendSpec spec = b.spec();
            int needed = call.promptTokens() + Math.max(1, Math.min(requestedOut, spec.maxOutputTokens()));
            if (needed > spec.contextWindow()) {
                String why = "context window " + spec.contextWindow() + " tokens too small for a prompt of about "
                        + call.promptTokens() + " tokens" + (requestedOut > 0 ? " + max_tokens " + requestedOut : "");
                candidates.add(new Candidate(b, null, why));
                windows.add(spec.model() + " (" + spec.contextWindow() + ")");
                continue;
            }
            anyFits = true;
            int out = call.maxTokens() != null
                    ? Math.min(call.maxTokens(), spec.maxOutputTokens())
                    : Math.min(spec.maxOutputTokens(), spec.contextWindow() - call.promptTokens());
            candidates.add(new Candidate(b, new BackendRequest(call.messages(), call.temperature(), call.topP(),
                    Math.max(1, out), call.seed(), call.stop()), null));
        }
        if (!anyFits) {
            throw fail(call, start, GatewayException.contextExceeded("prompt of about " + call.promptTokens()
                    + " tokens" + (requestedOut > 0 ? " + max_tokens " + requestedOut : "")
                    + " does not fit the context window of any backend of alias '" + call.alias() + "': "
                    + String.join(", ", windows) + "; shorten the prompt or use an alias with a larger window"), List.of());
        }
        try {
            budgets.check(call.tenant(), call.promptTokens());
        } catch (GatewayException e) {
            throw fail(call, start, e, List.of());
        }
        return candidates;
    }

    private GatewayException fail(CompletionCall call, Instant start, GatewayException e, List<String> attempts) {
        finish(call, start, null, null, e.outcome(), false, 0, 0, 0, attempts, e.getMessage(), null, null);
        return e;
    }

    /** Records and counts a finished call; returns its latency in ms. */
    private long finish(CompletionCall call, Instant start, String backend, String model, Outcome outcome, boolean cached,
                        int in, int out, double cost, List<String> attempts, String error, String finishReason,
                        String responseText) {
        Duration latency = Duration.between(start, Instant.now());
        ModelCall row = new ModelCall();
        row.createdAt = OffsetDateTime.ofInstant(start, ZoneOffset.UTC);
        row.tenant = call.tenant();
        row.requestHash = call.requestHash();
        row.alias = call.alias();
        row.backend = backend;
        row.model = model;
        row.stream = call.stream();
        row.cached = cached;
        row.outcome = outcome.label();
        row.tokensIn = in;
        row.tokensOut = out;
        row.cost = cost;
        row.latencyMs = latency.toMillis();
        row.attempts = attempts.isEmpty() ? null : String.join("\n", attempts);
        row.error = error;
        row.finishReason = finishReason;
        row.requestJson = call.requestJson();
        row.responseText = responseText;
        recorder.record(row);
        boolean charged = !cached && (outcome == Outcome.OK || outcome == Outcome.STREAM_BROKEN);
        metrics.call(knownOr(call.alias()), backend, outcome, cached, latency, call.tenant(),
                charged ? in : 0, charged ? out : 0, cost);
        return latency.toMillis();
    }

    private String knownOr(String alias) {
        return catalog.alias(alias).isPresent() ? alias : "unknown";
    }

    private static String describe(Backend b) {
        return b.spec().type().wireName() + " " + b.spec().baseUrl() + " model " + b.spec().model();
    }

    private static double cost(BackendSpec spec, int in, int out) {
        return in / 1000.0 * spec.costPer1kIn() + out / 1000.0 * spec.costPer1kOut();
    }

    private static ChatCompletion completion(CompletionCall call, String text, String finishReason, int in, int out,
                                             PavuInfo info) {
        return new ChatCompletion("chatcmpl-" + UUID.randomUUID().toString().replace("-", ""), "chat.completion",
                Instant.now().getEpochSecond(), call.alias(),
                List.of(new ChatCompletion.Choice(0, new ChatCompletion.Message("assistant", text), finishReason)),
                Usage.of(in, out), info);
    }

    /** What every answer stream has: its id, creation time (epoch seconds), call, routing info and start. */
    private abstract static class StreamBase implements CompletionStream {
        protected final String id;
        protected final long created;
        protected final CompletionCall call;
        protected final PavuInfo info;
        protected final Instant start;

        StreamBase(String id, long created, CompletionCall call, PavuInfo info, Instant start) {
            this.id = id;
            this.created = created;
            this.call = call;
            this.info = info;
            this.start = start;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public long created() {
            return created;
        }

        @Override
        public String alias() {
            return call.alias();
        }

        @Override
        public boolean includeUsage() {
            return call.includeUsage();
        }

        @Override
        public PavuInfo info() {
            return info;
        }
    }

    /** A stream replaying a cached answer as one fragment. */
    private final class CachedStream extends StreamBase {
        private final CachedAnswer answer;

        CachedStream(String id, long created, CompletionCall call, PavuInfo info, CachedAnswer answer, Instant start) {
            super(id, created, call, info, start);
            this.answer = answer;
        }

        @Override
        public End drain(Consumer<String> onToken) {
            try {
                if (!answer.text().isEmpty()) {
                    onToken.accept(answer.text());
                }
            } catch (RuntimeException clientGone) {
                Log.debugf("client left cached stream %s: %s", id, clientGone.getMessage());
            }
            finish(call, start, answer.backend(), answer.model(), config.replayOnly() ? Outcome.REPLAYED : Outcome.CACHED,
                    true, answer.tokensIn(), answer.tokensOut(), 0, List.of(), null, answer.finishReason(), answer.text());
            return new End(answer.finishReason(), answer.tokensIn(), answer.tokensOut(), null);
        }
    }

    /** A stream fed by a backend. */
    private final class LiveStream extends StreamBase {
        private final BackendSpec spec;
        private final Backend.BackendStream open;
        private final List<String> attempts;

        LiveStream(String id, long created, CompletionCall call, PavuInfo info, BackendSpec spec,
                   Backend.BackendStream open, List<String> attempts, Instant start) {
            super(id, created, call, info, start);
            this.spec = spec;
            this.open = open;
            this.attempts = attempts;
        }

        @Override
        public End drain(Consumer<String> onToken) {
            StringBuilder text = new StringBuilder();
            boolean clientGone = false;
            try (open) {
                while (true) {
                    StreamEvent event = open.next();
                    switch (event) {
                        case StreamEvent.Token t -> {
                            text.append(t.text());
                            if (!clientGone) {
                                try {
                                    onToken.accept(t.text());
                                } catch (RuntimeException e) {
                                    clientGone = true;
                                    Log.debugf("client left stream %s: %s", id, e.getMessage());
                                }
                            }
                        }
                        case StreamEvent.Done d -> {
                            BackendAnswer a = d.answer();
                            String full = text.isEmpty() && a.text() != null ? a.text() : text.toString();
                            int in = a.tokensIn() != null ? a.tokensIn() : call.promptTokens();
                            int out = a.tokensOut() != null ? a.tokensOut() : TokenEstimator.tokens(full);
                            budgets.charge(call.tenant(), in + out);
                            if (call.deterministic() && cache.enabled()) {
                                cache.put(call.requestHash(), new CachedAnswer(full, a.finishReason(), in, out, spec.id(), spec.model()));
                            }
                            finish(call, start, spec.id(), spec.model(), Outcome.OK, false, in, out, cost(spec, in, out),
                                    attempts, null, a.finishReason(), full);
                            return new End(a.finishReason(), in, out, null);
                        }
                        case StreamEvent.Failed f -> {
                            int in = call.promptTokens();
                            int out = TokenEstimator.tokens(text.toString());
                            budgets.charge(call.tenant(), in + out);
                            String error = "backend " + spec.id() + " broke the stream: " + f.failure().reason();
                            finish(call, start, spec.id(), spec.model(), Outcome.STREAM_BROKEN, false, in, out,
                                    cost(spec, in, out), attempts, error, null, text.toString());
                            return new End(null, in, out, error);
                        }
                    }
                }
            }
        }
    }
}
