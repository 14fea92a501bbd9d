package dev.pavu.gateway.service;

import java.util.List;

/**
 * Estimates token counts offline, before a request is sent: about four characters per token (the usual
 * rule for English text and code with BPE tokenizers), plus the per-message overhead of chat templates.
 * It errs on the high side for code, which keeps the context-window check safe.
 */
public final class TokenEstimator {

    /** Tokens a chat template adds per message (role markers). */
    static final int PER_MESSAGE = 4;
    /** Tokens a chat template adds to prime the answer. */
    static final int PER_REQUEST = 3;

    private TokenEstimator() {
    }

    /**
     * @param text any text
     * @return estimated tokens: ceil(chars / 4)
     */
    public static int tokens(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }

    /**
     * @param messageTexts the texts of a conversation's messages
     * @return estimated prompt tokens including the chat template overhead
     */
    public static int promptTokens(List<String> messageTexts) {
        int total = PER_REQUEST;
        for (String text : messageTexts) {
            total += tokens(text) + PER_MESSAGE;
        }
        return total;
    }
}
