package dev.promptspec.promptfile;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.problem.Position;
import dev.promptspec.sampling.SamplingSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A loaded {@code .prompt.yml} file: GitHub Models' format plus PromptSpec's extensions.
 *
 * @param model           the file's model id as written ({@code gpt-4o}, {@code openai/gpt-4o}), or empty
 * @param responseFormat  the requested response format, or null for plain text
 * @param tags            {@code metadata.tags}: JUnit tags of every test of the file
 * @param metadata        the file's {@code metadata} (as plain values) for reports
 * @param threshold       {@code threshold}: when set, a case passes when its weighted score reaches it, even if
 *                        some checks fail; when empty, every check must pass
 * @param sampling        the file's {@code samples}, {@code passRate} and {@code confidence} (each may be unset)
 * @param samplingPosition where the first of them is written (the file when none is)
 * @param models          {@code models}: the models each case runs on, each run its own test; empty when the file
 *                        names none (its cases run on {@code model})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PromptFile(
        PromptSource source,
        String name,
        String description,
        String version,
        List<String> authors,
        Optional<String> model,
        Position modelPosition,
        ModelParameters modelParameters,
        ResponseFormat responseFormat,
        List<MessageTemplate> messages,
        List<VariableDeclaration> variables,
        List<TestCase> testData,
        List<EvaluatorSpec> evaluators,
        Set<String> tags,
        Map<String, Object> metadata,
        OptionalDouble threshold,
        SamplingSettings sampling,
        Position samplingPosition,
        List<String> models) {

    public PromptFile {
        sampling = sampling == null ? SamplingSettings.NONE : sampling;
        samplingPosition = samplingPosition == null ? Position.of(source.name()) : samplingPosition;
        authors = List.copyOf(authors);
        models = models == null ? List.of() : List.copyOf(models);
        messages = List.copyOf(messages);
        variables = List.copyOf(variables);
        testData = List.copyOf(testData);
        evaluators = List.copyOf(evaluators);
        tags = Set.copyOf(tags);
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    /** A file without a {@code threshold}: every check must pass. */
    public PromptFile(PromptSource source, String name, String description, String version, List<String> authors,
            Optional<String> model, Position modelPosition, ModelParameters modelParameters, ResponseFormat responseFormat,
            List<MessageTemplate> messages, List<VariableDeclaration> variables, List<TestCase> testData,
            List<EvaluatorSpec> evaluators, Set<String> tags, Map<String, Object> metadata) {
        this(source, name, description, version, authors, model, modelPosition, modelParameters, responseFormat, messages,
                variables, testData, evaluators, tags, metadata, OptionalDouble.empty());
    }

    /** A file without sampling settings. */
    public PromptFile(PromptSource source, String name, String description, String version, List<String> authors,
            Optional<String> model, Position modelPosition, ModelParameters modelParameters, ResponseFormat responseFormat,
            List<MessageTemplate> messages, List<VariableDeclaration> variables, List<TestCase> testData,
            List<EvaluatorSpec> evaluators, Set<String> tags, Map<String, Object> metadata, OptionalDouble threshold) {
        this(source, name, description, version, authors, model, modelPosition, modelParameters, responseFormat, messages,
                variables, testData, evaluators, tags, metadata, threshold, SamplingSettings.NONE, null);
    }

    /** A file whose cases run on its one model. */
    public PromptFile(PromptSource source, String name, String description, String version, List<String> authors,
            Optional<String> model, Position modelPosition, ModelParameters modelParameters, ResponseFormat responseFormat,
            List<MessageTemplate> messages, List<VariableDeclaration> variables, List<TestCase> testData,
            List<EvaluatorSpec> evaluators, Set<String> tags, Map<String, Object> metadata, OptionalDouble threshold,
            SamplingSettings sampling, Position samplingPosition) {
        this(source, name, description, version, authors, model, modelPosition, modelParameters, responseFormat, messages,
                variables, testData, evaluators, tags, metadata, threshold, sampling, samplingPosition, List.of());
    }

    /** The name to show: the file's {@code name}, else its file name. */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String n = source.name();
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
