package dev.pavu.gateway.client;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.pavu.gateway.config.BackendSpec;
import dev.pavu.gateway.config.BackendType;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One backend (a model on a server) reached through langchain4j, with its own retry policy, circuit
 * breaker (SmallRye Fault Tolerance programmatic {@link Guard}) and concurrency limit.
 *
 * <p>langchain4j's own retries are off ({@code maxRetries(0)}): the guard retries transient failures with
 * exponential backoff, and every attempt counts in the circuit breaker's window. Thread-safe.
 */
public final class Backend {

    private final BackendSpec spec;
    private final BackendPolicy policy;
    private final ChatModel chatModel;
    private final StreamingChatModel streamingModel;
    private final OllamaPuller puller;
    private final Guard guard;
    private final Semaphore permits;
    private final AtomicReference<CircuitBreakerState> circuit = new AtomicReference<>(CircuitBreakerState.CLOSED);

    /**
     * Builds the langchain4j models and the guard of one backend.
     *
     * @param spec   the backend as configured
     * @param apiKey API key for an OpenAI-compatible server, or null
     * @param policy retry, circuit breaker and timeout settings
     */
    public Backend(BackendSpec spec, String apiKey, BackendPolicy policy) {
        this.spec = spec;
        this.policy = policy;
        this.permits = new Semaphore(spec.maxConcurrency(), true);
        Duration timeout = policy.timeout();
        if (spec.type() == BackendType.OLLAMA) {
            this.chatModel = OllamaChatModel.builder().httpClientBuilder(http1Direct()).baseUrl(spec.baseUrl()).modelName(spec.model())
                    .temperature(spec.temperature()).numCtx(spec.contextWindow()).numPredict(spec.maxOutputTokens())
                    .timeout(timeout).maxRetries(0).build();
            this.streamingModel = OllamaStreamingChatModel.builder().httpClientBuilder(http1()).baseUrl(spec.baseUrl()).modelName(spec.model())
                    .temperature(spec.temperature()).numCtx(spec.contextWindow()).numPredict(spec.maxOutputTokens())
                    .timeout(timeout).build();
            this.puller = spec.pull() ? new OllamaPuller(spec.baseUrl(), spec.model(), timeout, policy.pullTimeout()) : null;
        } else {
            String key = apiKey == null || apiKey.isBlank() ? "not-needed" : apiKey;
            this.chatModel = OpenAiChatModel.builder().httpClientBuilder(http1Direct()).baseUrl(spec.baseUrl()).apiKey(key).modelName(spec.model())
                    .temperature(spec.temperature()).timeout(timeout).maxRetries(0).build();
            this.streamingModel = OpenAiStreamingChatModel.builder().httpClientBuilder(http1()).baseUrl(spec.baseUrl()).apiKey(key)
                    .modelName(spec.model()).temperature(spec.temperature()).timeout(timeout).build();
            this.puller = null;
        }
        this.guard = Guard.create()
                .withDescription("backend " + spec.id())
                .withRetry()
                    .maxRetries(policy.maxRetries())
                    .delay(Math.max(0, policy.retryDelay().toMillis()), ChronoUnit.MILLIS)
                    .jitter(Math.max(0, policy.retryDelay().toMillis() / 4), ChronoUnit.MILLIS)
                    .maxDuration(timeout.toMillis() * (policy.maxRetries() + 2L) + policy.retryMaxDelay().toMillis()
                            * (policy.maxRetries() + 1L), ChronoUnit.MILLIS)
                    .whenException(Backend::countsAsFailure)
                    .withExponentialBackoff()
                        .factor(2)
                        .maxDelay(Math.max(1, policy.retryMaxDelay().toMillis()), ChronoUnit.MILLIS)
                        .done()
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(policy.cbVolume())
                    .failureRatio(policy.cbFailureRatio())
                    .delay(Math.max(1, policy.cbDelay().toMillis()), ChronoUnit.MILLIS)
                    .successThreshold(policy.cbSuccesses())
                    .when(Backend::countsAsFailure)
                    .onStateChange(circuit::set)
                    .done()
                .build();
    }

    /**
     * The JDK HTTP client speaking HTTP/1.1 straight away: model servers (Ollama, vLLM, TGI, llama.cpp) serve
     * cleartext HTTP/1.1, and the JDK's default (HTTP/2 with an h2c upgrade attempt) only adds round trips.
     */
    private static JdkHttpClientBuilder http1() {
        return JdkHttpClient.builder().httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
    }

    /**
     * HTTP/1.1 client for complete (non-streaming) answers: the response is read into a byte array by the
     * client's selector thread and handed straight to the waiting caller, without a hop through the client's
     * default executor. Not for streams, whose parser blocks on the body.
     */
    private static JdkHttpClientBuilder http1Direct() {
        return JdkHttpClient.builder().httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Runnable::run));
    }

    /** @return the backend as configured */
    public BackendSpec spec() {
        return spec;
    }

    /** @return the circuit breaker's state: CLOSED, OPEN or HALF_OPEN */
    public CircuitBreakerState circuitState() {
        return circuit.get();
    }

    /** @return calls in flight now */
    public int inFlight() {
        return spec.maxConcurrency() - permits.availablePermits();
    }

    /**
     * Asks the backend for a complete answer (blocking), holding one concurrency slot.
     *
     * @param request the request
     * @param wait    how long to wait for a concurrency slot
     * @return the answer
     * @throws BackendFailure when the backend is saturated, open-circuited, or failed after the retries
     */
    public BackendAnswer chat(BackendRequest request, Duration wait) {
        acquire(wait);
        try {
            return guarded(() -> {
                ensureModel();
                ChatResponse response = chatModel.chat(toChatRequest(request));
                return toAnswer(response);
            }, BackendAnswer.class);
        } finally {
            permits.release();
        }
    }

    /**
     * Starts a streaming answer and waits for its first event, so that a backend failing before it says
     * anything is retried or left for the next backend. The concurrency slot is held until the returned
     * stream is closed.
     *
     * @param request the request
     * @param wait    how long to wait for a concurrency slot
     * @return the open stream, whose first event has arrived
     * @throws BackendFailure when the backend is saturated, open-circuited, or failed before its first chunk
     */
    public BackendStream stream(BackendRequest request, Duration wait) {
        acquire(wait);
        try {
            return guarded(() -> {
                ensureModel();
                BackendStream stream = new BackendStream(permits, policy.timeout());
                streamingModel.chat(toChatRequest(request), stream.handler());
                stream.awaitFirst();
                return stream;
            }, BackendStream.class);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private void acquire(Duration wait) {
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BackendFailure("saturated: " + spec.maxConcurrency() + " calls in flight for "
                        + wait.toMillis() + " ms", false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendFailure("interrupted while waiting for a concurrency slot", false);
        }
    }

    private <T> T guarded(java.util.concurrent.Callable<T> call, Class<T> type) {
        try {
            return guard.call(() -> {
                try {
                    return call.call();
                } catch (Exception e) {
                    throw Failures.classify(e);
                }
            }, type);
        } catch (CircuitBreakerOpenException e) {
            throw new BackendFailure("circuit open after repeated failures", false);
        } catch (BackendFailure e) {
            throw e;
        } catch (Exception e) {
            throw Failures.classify(e);
        }
    }

    private void ensureModel() {
        if (puller != null) {
            puller.ensurePresent();
        }
    }

    private static boolean countsAsFailure(Throwable t) {
        return t instanceof BackendFailure bf && bf.transientFailure();
    }

    private ChatRequest toChatRequest(BackendRequest r) {
        double temperature = r.temperature() != null ? r.temperature() : spec.temperature();
        ChatRequestParameters parameters = switch (spec.type()) {
            case OLLAMA -> OllamaChatRequestParameters.builder().modelName(spec.model()).temperature(temperature)
                    .topP(r.topP()).maxOutputTokens(r.maxOutputTokens())
                    .stopSequences(r.stop().isEmpty() ? null : r.stop()).seed(r.seed())
                    .numCtx(spec.contextWindow()).build();
            case OPENAI -> OpenAiChatRequestParameters.builder().modelName(spec.model()).temperature(temperature)
                    .topP(r.topP()).maxOutputTokens(r.maxOutputTokens())
                    .stopSequences(r.stop().isEmpty() ? null : r.stop()).seed(r.seed()).build();
        };
        return ChatRequest.builder().messages(r.messages()).parameters(parameters).build();
    }

    static BackendAnswer toAnswer(ChatResponse response) {
        TokenUsage usage = response.tokenUsage();
        String text = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
        return new BackendAnswer(text, finishReason(response.finishReason()),
                usage == null ? null : usage.inputTokenCount(), usage == null ? null : usage.outputTokenCount());
    }

    static String finishReason(FinishReason reason) {
        if (reason == null) {
            return "stop";
        }
        return switch (reason) {
            case LENGTH -> "length";
            case CONTENT_FILTER -> "content_filter";
            case TOOL_EXECUTION -> "tool_calls";
            default -> "stop";
        };
    }

    /**
     * A streaming answer in progress: the langchain4j handler feeds a queue the gateway drains.
     */
    public static final class BackendStream implements AutoCloseable {

        private final BlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
        private final Semaphore permits;
        private final Duration timeout;
        private StreamEvent first;
        private boolean closed;

        BackendStream(Semaphore permits, Duration timeout) {
            this.permits = permits;
            this.timeout = timeout;
        }

        StreamingChatResponseHandler handler() {
            return new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    if (partial != null && !partial.isEmpty()) {
                        events.add(new StreamEvent.Token(partial));
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    events.add(new StreamEvent.Done(toAnswer(response)));
                }

                @Override
                public void onError(Throwable error) {
                    events.add(new StreamEvent.Failed(Failures.classify(error)));
                }
            };
        }

        void awaitFirst() {
            StreamEvent event = poll();
            if (event instanceof StreamEvent.Failed failed) {
                throw failed.failure();
            }
            first = event;
        }

        /**
         * The next event, waiting at most the backend timeout.
         *
         * @return a token, the end, or a failure (also when no event came in time)
         */
        public StreamEvent next() {
            if (first != null) {
                StreamEvent e = first;
                first = null;
                return e;
            }
            return poll();
        }

        private StreamEvent poll() {
            try {
                StreamEvent event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return event != null ? event
                        : new StreamEvent.Failed(new BackendFailure("timed out: no chunk for " + timeout.toMillis() + " ms", true));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new StreamEvent.Failed(new BackendFailure("interrupted", false));
            }
        }

        /** Releases the backend's concurrency slot (once). */
        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                permits.release();
            }
        }
    }
}
