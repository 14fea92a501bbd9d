package dev.pavu.gateway.openai;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message of a chat request.
 *
 * @param role    {@code system}, {@code user}, {@code assistant} (or {@code developer}, read as system)
 * @param content a string, or an array of parts of which the {@code {"type":"text","text":…}} ones are read
 * @param name    optional participant name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(String role, JsonNode content, String name) {

    /**
     * @return the message's text: the string content, or its text parts joined by newlines; empty when none
     */
    @JsonIgnore
    public String text() {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    append(sb, part.asText());
                } else if ("text".equals(part.path("type").asText()) || part.has("text")) {
                    append(sb, part.path("text").asText());
                }
            }
            return sb.toString();
        }
        return content.toString();
    }

    private static void append(StringBuilder sb, String text) {
        if (!sb.isEmpty()) {
            sb.append('\n');
        }
        sb.append(text);
    }
}
