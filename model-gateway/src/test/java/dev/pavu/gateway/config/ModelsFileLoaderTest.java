package dev.pavu.gateway.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsFileLoaderTest {

    @Test
    void bundledDefaultConfiguresNoModel() {
        assertTrue(ModelsFileLoader.load("classpath:" + ModelsFileLoader.BUNDLED).aliases().isEmpty());
        assertTrue(ModelsFileLoader.parse("# nothing here\n").aliases().isEmpty());
    }

    @Test
    void exampleFileReadsEveryField() {
        ModelsFile file = ModelsFileLoader.load("classpath:models.example.yaml");
        assertEquals(java.util.List.of("coder", "reasoner"), java.util.List.copyOf(file.aliases().keySet()));
        BackendSpec first = file.aliases().get("coder").backends().get(0);
        assertEquals(BackendType.OLLAMA, first.type());
        assertEquals("http://localhost:11434", first.baseUrl());
        assertEquals("qwen2.5-coder:7b", first.model());
        assertEquals(32768, first.contextWindow());
        assertEquals(2048, first.maxOutputTokens());
        assertEquals(0.2, first.temperature());
        assertEquals(2, first.maxConcurrency());
        assertEquals(0.55, first.capability());
        assertTrue(first.pull());
        BackendSpec second = file.aliases().get("coder").backends().get(1);
        assertEquals(BackendType.OPENAI, second.type());
        assertEquals(0.0006, second.costPer1kOut());
        assertEquals("PAVU_GPU_API_KEY", second.apiKeyEnv());
        assertEquals("openai:http://gpu-node-1:8000/v1#Qwen/Qwen2.5-Coder-32B-Instruct", second.id());
    }

    @Test
    void defaultsFillWhatTheFileLeavesOut() {
        BackendSpec b = ModelsFileLoader.parse("""
                aliases:
                  coder:
                    backends:
                      - {type: openai, base-url: "http://h:1/v1/", model: m}
                """).aliases().get("coder").backends().getFirst();
        assertEquals("http://h:1/v1", b.baseUrl(), "trailing slash dropped");
        assertEquals(8192, b.contextWindow());
        assertEquals(1024, b.maxOutputTokens());
        assertEquals(4, b.maxConcurrency());
    }

    @Test
    void invalidFilesNameEveryProblem() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModelsFileLoader.parse("""
                aliases:
                  coder:
                    backends:
                      - {type: openai, base-url: "ftp://x", model: m, context-window: 100, max-output-tokens: 200, pull: true}
                  empty:
                    backends: []
                """));
        assertTrue(e.getMessage().contains("alias 'coder' backend 1: base-url must be an http(s) URL"), e.getMessage());
        assertTrue(e.getMessage().contains("max-output-tokens must be > 0 and < context-window"), e.getMessage());
        assertTrue(e.getMessage().contains("pull is for ollama backends only"), e.getMessage());
        assertTrue(e.getMessage().contains("alias 'empty': no backends"), e.getMessage());

        IllegalStateException typo = assertThrows(IllegalStateException.class, () -> ModelsFileLoader.parse("""
                aliases:
                  coder:
                    backends:
                      - {type: openai, base-url: "http://x/v1", model: m, contxt-window: 100}
                """));
        assertTrue(typo.getMessage().contains("contxt-window"), typo.getMessage());

        IllegalStateException type = assertThrows(IllegalStateException.class, () -> ModelsFileLoader.parse("""
                aliases:
                  coder:
                    backends:
                      - {type: tgi, base-url: "http://x/v1", model: m}
                """));
        assertTrue(type.getMessage().contains("backend type must be ollama or openai, was 'tgi'"), type.getMessage());

        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ModelsFileLoader.load("/nonexistent/models.yaml"));
        assertTrue(missing.getMessage().contains("cannot read models file /nonexistent/models.yaml"), missing.getMessage());
    }
}
