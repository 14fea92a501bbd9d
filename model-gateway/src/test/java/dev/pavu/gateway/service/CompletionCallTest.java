package dev.pavu.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.gateway.openai.ChatCompletionRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionCallTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ChatCompletionRequest req(String json) throws Exception {
        return JSON.readValue(json, ChatCompletionRequest.class);
    }

    @Test
    void hashIgnoresStreamingAndTenantButNotContentOrSampling() throws Exception {
        CompletionCall a = CompletionCall.of(req("""
                {"model":"coder","temperature":0,"messages":[{"role":"user","content":"hi"}]}"""), "t1");
        CompletionCall b = CompletionCall.of(req("""
                {"model":"coder","temperature":0,"stream":true,"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}"""), "t2");
        CompletionCall c = CompletionCall.of(req("""
                {"model":"coder","temperature":0.5,"messages":[{"role":"user","content":"hi"}]}"""), "t1");
        CompletionCall d = CompletionCall.of(req("""
                {"model":"coder","temperature":0,"messages":[{"role":"user","content":"hi!"}]}"""), "t1");
        assertEquals(a.requestHash(), b.requestHash());
        assertNotEquals(a.requestHash(), c.requestHash());
        assertNotEquals(a.requestHash(), d.requestHash());
        assertEquals(64, a.requestHash().length());
        assertEquals("{\"alias\":\"coder\",\"max_tokens\":null,\"messages\":[{\"content\":\"hi\",\"role\":\"user\"}],"
                + "\"seed\":null,\"stop\":[],\"temperature\":0.0,\"top_p\":null}", a.requestJson());
        assertTrue(a.deterministic());
        assertFalse(c.deterministic());
        assertTrue(CompletionCall.of(req("""
                {"model":"coder","seed":7,"messages":[{"role":"user","content":"hi"}]}"""), "t").deterministic());
    }

    @Test
    void estimatesPromptTokensAndReadsLimits() throws Exception {
        CompletionCall call = CompletionCall.of(req("""
                {"model":"coder","max_tokens":10,"max_completion_tokens":20,"stop":"END",
                 "messages":[{"role":"system","content":"12345678"},{"role":"user","content":"1234"}]}"""), "t");
        assertEquals(3 + (2 + 4) + (1 + 4), call.promptTokens());
        assertEquals(20, call.maxTokens());
        assertEquals(java.util.List.of("END"), call.stop());
        assertEquals(2, call.messages().size());
    }

    @Test
    void refusesMalformedRequests() {
        GatewayException noMessages = assertThrows(GatewayException.class,
                () -> CompletionCall.of(req("{\"model\":\"coder\",\"messages\":[]}"), "t"));
        assertEquals(400, noMessages.status());
        GatewayException role = assertThrows(GatewayException.class, () -> CompletionCall.of(req("""
                {"model":"coder","messages":[{"role":"tool","content":"x"}]}"""), "t"));
        assertTrue(role.getMessage().contains("messages[0].role must be system, user or assistant"), role.getMessage());
        GatewayException n = assertThrows(GatewayException.class, () -> CompletionCall.of(req("""
                {"model":"coder","n":3,"messages":[{"role":"user","content":"x"}]}"""), "t"));
        assertTrue(n.getMessage().contains("n=3 is not supported"));
        GatewayException model = assertThrows(GatewayException.class, () -> CompletionCall.of(req("""
                {"messages":[{"role":"user","content":"x"}]}"""), "t"));
        assertEquals("invalid_request", model.code());
    }
}
