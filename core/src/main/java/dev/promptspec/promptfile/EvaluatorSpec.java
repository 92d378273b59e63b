package dev.promptspec.promptfile;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.problem.Position;
import org.apiguardian.api.API;

/**
 * An evaluator as written in the file, before it is turned into code.
 *
 * @param name     the evaluator's {@code name}, used in results
 * @param kind     what it is: {@code string}, {@code regex}, {@code llm}, {@code uses}...
 * @param config   the kind's settings ({@code string: {contains: x}} gives {@code {contains: x}})
 * @param weight   its weight in the file's weighted score (1 unless set)
 * @param position where the evaluator's entry starts
 */
@API(status = INTERNAL, since = "0.1")
public record EvaluatorSpec(String name, String kind, YamlNode config, double weight, Position position) {
}
