package dev.promptspec.run;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.problem.InvalidPromptFileException;
import dev.promptspec.problem.Problem;
import dev.promptspec.spec.EvaluatorSpec;
import dev.promptspec.spec.PromptFile;
import dev.promptspec.spec.PromptSource;
import dev.promptspec.yaml.YamlMap;
import dev.promptspec.yaml.YamlScalar;
import java.util.List;
import java.util.Optional;

/**
 * A prompt file ready to run: loaded, validated, its evaluators built. When it cannot run, {@link #file()}
 * is empty and {@link #problems()} says why.
 */
public record CompiledPrompt(PromptSource source, Optional<PromptFile> file, List<ConfiguredEvaluator> evaluators,
        List<Problem> problems) {

    /** An evaluator of the file with its declaration. */
    public record ConfiguredEvaluator(EvaluatorSpec spec, Evaluator evaluator) {

        /** The kind as results show it: for {@code uses:}, what it names ({@code github/coherence}, {@code java:x}). */
        public String kindLabel() {
            if ("uses".equals(spec.kind()) && spec.config() instanceof YamlMap m
                    && m.get("uses").orElse(null) instanceof YamlScalar s && !s.isNull()) {
                return s.text().strip();
            }
            return spec.kind();
        }
    }

    public CompiledPrompt {
        evaluators = List.copyOf(evaluators);
        problems = List.copyOf(problems);
    }

    public boolean isRunnable() {
        return file.isPresent();
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    public PromptFile fileOrThrow() {
        return file.orElseThrow(() -> new InvalidPromptFileException(source.name(), problems));
    }

    /** True when some evaluator reads {@code {{expected}}}, so the implicit "expected" check is not added. */
    public boolean evaluatorsUseExpected() {
        return evaluators.stream().anyMatch(e -> e.evaluator().variablesUsed().contains("expected"));
    }
}
