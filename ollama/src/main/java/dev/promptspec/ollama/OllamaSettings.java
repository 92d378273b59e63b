package dev.promptspec.ollama;

import dev.promptspec.config.Keys;
import dev.promptspec.model.provider.ProviderContext;

/**
 * The {@code ollama-container} provider's settings.
 *
 * @param image the Docker image ({@value #IMAGE_KEY}, default {@value #DEFAULT_IMAGE})
 * @param model the model pulled and used for every prompt ({@value #MODEL_KEY}, else {@code promptspec.model},
 *              else {@value #DEFAULT_MODEL})
 */
record OllamaSettings(String image, String model) {

    static final String IMAGE_KEY = Keys.OLLAMA_IMAGE;
    static final String MODEL_KEY = Keys.OLLAMA_MODEL;
    static final String RUN_MODEL_KEY = Keys.MODEL;
    /** A pinned release, so runs are repeatable; override to upgrade. */
    static final String DEFAULT_IMAGE = "ollama/ollama:0.12.5";
    /** Small (about 400 MB) and quick on a CPU, yet follows simple instructions. */
    static final String DEFAULT_MODEL = "qwen2.5:0.5b";

    static OllamaSettings from(ProviderContext context) {
        return new OllamaSettings(context.setting(IMAGE_KEY).orElse(DEFAULT_IMAGE),
                context.setting(MODEL_KEY).or(() -> context.setting(RUN_MODEL_KEY)).orElse(DEFAULT_MODEL));
    }
}
