package dev.promptspec.testing;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.promptfile.LoadedPromptFile;
import dev.promptspec.promptfile.PromptFileLoader;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Prompt files written inline in tests, loaded and compiled with the real evaluator registry. */
public final class Prompts {

    /** The registry a run on this class path has: the built-in kinds and any found through ServiceLoader. */
    public static final EvaluatorRegistry REGISTRY = EvaluatorRegistry.load(Prompts.class.getClassLoader());

    private Prompts() {
    }

    /** A source named {@code name} (as a classpath name), not on disk. */
    public static PromptSource source(String name, String yaml) {
        return new PromptSource(name, URI.create("memory:/" + name), Optional.empty(), yaml);
    }

    public static LoadedPromptFile load(String name, String yaml) {
        return new PromptFileLoader(YamlLimits.DEFAULTS, REGISTRY.kinds()).load(source(name, yaml));
    }

    public static CompiledPrompt compile(String name, String yaml) {
        return compile(source(name, yaml));
    }

    public static CompiledPrompt compile(PromptSource source) {
        return new PromptCompiler(YamlLimits.DEFAULTS, REGISTRY).compile(source);
    }

    /** A test resource as text. */
    public static String resource(String name) {
        try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
