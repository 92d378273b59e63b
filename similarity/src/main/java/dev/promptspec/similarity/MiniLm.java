package dev.promptspec.similarity;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;

/**
 * The all-MiniLM-L6-v2 sentence-embedding model, bundled in langchain4j's jar and run by onnxruntime on this
 * machine. Loaded once per JVM on first use (a few seconds), then shared: it is thread-safe.
 *
 * <p>Texts longer than the model's 510 tokens are embedded in parts whose embeddings langchain4j averages,
 * weighted by length, so a long answer is compared as a whole.
 */
final class MiniLm {

    private static volatile EmbeddingModel model;

    private MiniLm() {
    }

    /** Cosine similarity of the two texts' embeddings, -1..1 (in practice about 0 for unrelated texts). */
    static double cosine(String a, String b) {
        EmbeddingModel m = model();
        Embedding ea = m.embed(a).content();
        Embedding eb = m.embed(b).content();
        return CosineSimilarity.between(ea, eb);
    }

    private static EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m != null) {
            return m;
        }
        synchronized (MiniLm.class) {
            if (model == null) {
                try {
                    model = new AllMiniLmL6V2EmbeddingModel();
                } catch (RuntimeException | LinkageError e) {
                    throw new IllegalStateException("the all-MiniLM-L6-v2 embedding model could not be loaded (it needs onnxruntime's"
                            + " native library for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + "): " + e, e);
                }
            }
            return model;
        }
    }
}
