package dev.pavu.actuator.client;

/**
 * One message of an OpenAI chat-completions request.
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
public record ChatMessage(String role, String content) {

    /** @param text the instructions @return a system message */
    public static ChatMessage system(String text) {
        return new ChatMessage("system", text);
    }

    /** @param text the question @return a user message */
    public static ChatMessage user(String text) {
        return new ChatMessage("user", text);
    }
}
