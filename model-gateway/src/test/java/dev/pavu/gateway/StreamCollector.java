package dev.pavu.gateway;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Collects a langchain4j stream: its fragments and its complete response. */
public final class StreamCollector {

    /**
     * @param parts    fragments in order
     * @param response the complete response
     */
    public record Collected(List<String> parts, ChatResponse response) {
    }

    private StreamCollector() {
    }

    /**
     * @param model   a streaming model
     * @param message the user message
     * @return what came back (within 10 s)
     * @throws Exception when the stream failed or timed out
     */
    public static Collected collect(StreamingChatModel model, String message) throws Exception {
        List<String> parts = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(ChatRequest.builder().messages(UserMessage.from(message)).build(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                parts.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return new Collected(parts, done.get(10, TimeUnit.SECONDS));
    }
}
