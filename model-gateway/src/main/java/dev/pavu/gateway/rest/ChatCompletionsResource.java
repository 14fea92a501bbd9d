package dev.pavu.gateway.rest;

import dev.pavu.kit.auth.PavuAuth;
import io.quarkus.security.identity.SecurityIdentity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.gateway.openai.ChatCompletion;
import dev.pavu.gateway.openai.ChatCompletionChunk;
import dev.pavu.gateway.openai.ChatCompletionRequest;
import dev.pavu.gateway.openai.ErrorBody;
import dev.pavu.gateway.openai.Usage;
import dev.pavu.gateway.service.CompletionStream;
import dev.pavu.gateway.service.GatewayService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /v1/chat/completions}: the OpenAI chat-completions API in front of the configured backends.
 *
 * <p>Without {@code stream} the answer is a {@code chat.completion} JSON object. With {@code "stream": true}
 * it is {@code text/event-stream}: one {@code data: <chat.completion.chunk json>} event per text fragment (the
 * first one carries {@code delta.role}), a last chunk with {@code finish_reason}, a usage chunk when
 * {@code stream_options.include_usage} is set, then {@code data: [DONE]}. A failure after the first chunk ends
 * the stream with {@code data: {"error":{…}}}.
 *
 * <p>The tenant charged is the caller's team: an API token's or OIDC token's team, or, for Pavu's own services
 * (service credential), the job's team they name in {@code X-Pavu-Team} (the default tenant when they name none).
 * A header from any other caller is ignored. Errors are
 * OpenAI-style {@code {"error":{"message","type","code"}}}: 400 malformed or over the context window, 404
 * unknown alias, 429 budget spent, 503 no model configured or every backend down.
 */
@Path("/v1/chat/completions")
@Tag(name = "chat")
public class ChatCompletionsResource {

    /**
     * Header by which Pavu's services (and module tests, where authentication is off) name the team charged;
     * ignored from users, whose own team is charged.
     */
    public static final String TENANT_HEADER = PavuAuth.TEAM_HEADER;

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);

    private final GatewayService gateway;
    private final ObjectMapper json;
    private final SecurityIdentity identity;

    /**
     * @param gateway the gateway service
     * @param json     Quarkus' object mapper
     * @param identity the caller (its team is the tenant charged)
     */
    public ChatCompletionsResource(GatewayService gateway, ObjectMapper json, SecurityIdentity identity) {
        this.identity = identity;
        this.gateway = gateway;
        this.json = json;
    }

    /**
     * Answers a chat completion.
     *
     * @param body   OpenAI chat-completions request; {@code model} is a gateway alias
     * @return the completion, or the event stream
     */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenAI-compatible chat completion (streaming with \"stream\": true)")
    public Response complete(ChatCompletionRequest body) {
        String tenant = PavuAuth.team(identity).orElse(null);
        if (body != null && Boolean.TRUE.equals(body.stream())) {
            CompletionStream stream = gateway.stream(body, tenant);
            StreamingOutput output = out -> writeSse(stream, out);
            return Response.ok(output, "text/event-stream")
                    .header("Cache-Control", "no-cache")
                    .header("X-Accel-Buffering", "no")
                    .build();
        }
        ChatCompletion completion = gateway.complete(body, tenant);
        return Response.ok(completion, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Writes the stream. The backend stream is always drained (and so recorded and its concurrency slot
     * released), even when the client has gone: writes after a failed one are skipped.
     */
    private void writeSse(CompletionStream stream, OutputStream out) {
        SseSink sink = new SseSink(out);
        String id = stream.id();
        long created = stream.created();
        String model = stream.alias();
        sink.send(new ChatCompletionChunk(id, "chat.completion.chunk", created, model,
                List.of(new ChatCompletionChunk.Choice(0, new ChatCompletionChunk.Delta("assistant", ""), null)),
                null, stream.info()));
        CompletionStream.End end = stream.drain(token -> sink.send(new ChatCompletionChunk(id, "chat.completion.chunk",
                created, model, List.of(new ChatCompletionChunk.Choice(0, new ChatCompletionChunk.Delta(null, token), null)),
                null, null)));
        if (end.error() != null) {
            sink.send(ErrorBody.of(end.error(), "server_error", "stream_broken"));
            return;
        }
        sink.send(new ChatCompletionChunk(id, "chat.completion.chunk", created, model,
                List.of(new ChatCompletionChunk.Choice(0, new ChatCompletionChunk.Delta(null, null), end.finishReason())),
                null, null));
        if (stream.includeUsage()) {
            sink.send(new ChatCompletionChunk(id, "chat.completion.chunk", created, model, List.of(),
                    Usage.of(end.tokensIn(), end.tokensOut()), null));
        }
        sink.raw(DONE);
    }

    /** Writes {@code data: <json>} events and remembers when the client has gone. */
    private final class SseSink {
        private final OutputStream out;
        private boolean gone;

        SseSink(OutputStream out) {
            this.out = out;
        }

        void send(Object event) {
            try {
                byte[] data = json.writeValueAsBytes(event);
                byte[] framed = new byte[DATA.length + data.length + 2];
                System.arraycopy(DATA, 0, framed, 0, DATA.length);
                System.arraycopy(data, 0, framed, DATA.length, data.length);
                framed[framed.length - 2] = '\n';
                framed[framed.length - 1] = '\n';
                raw(framed);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        void raw(byte[] bytes) {
            if (gone) {
                return;
            }
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                gone = true;
            }
        }
    }
}
