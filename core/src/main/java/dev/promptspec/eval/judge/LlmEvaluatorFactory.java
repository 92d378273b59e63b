package dev.promptspec.eval.judge;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.SettingTemplate;
import dev.promptspec.eval.SettingValue;
import dev.promptspec.problem.InvalidConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * {@code llm:} judges written in the file, as gh-models defines them: {@code prompt} (with the test case's
 * variables and {@code {{completion}}}, the response), optional {@code systemPrompt} and {@code modelId},
 * and {@code choices}, each a {@code choice} and its {@code score}. A choice scoring above 0 passes
 * (gh-models' rule) unless {@code threshold} sets the lowest passing score.
 *
 * <p>Unlike gh-models, the judge's answer is read from its final line only, and to make that line reliable
 * PromptSpec appends one sentence to the prompt asking for it ({@code answerInstruction: false} leaves the
 * prompt exactly as written).
 */
@API(status = INTERNAL, since = "0.1")
public final class LlmEvaluatorFactory implements EvaluatorFactory {

    static final List<String> KEYS = List.of("modelId", "model", "modelParameters", "prompt", "systemPrompt", "choices", "threshold",
            "answerInstruction");

    @Override
    public String kind() {
        return "llm";
    }

    @Override
    public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
        EvaluatorSettings c = def.settings();
        String where = c.where();
        c.allowOnly(KEYS);
        Optional<SettingTemplate> promptTemplate = c.template("prompt");
        if (promptTemplate.isEmpty() || promptTemplate.get().text().isBlank()) {
            throw c.get("prompt").orElse(def.value()).reject(where + " has no 'prompt'",
                    "Add prompt: with the question for the judge; {{completion}} is the response to grade");
        }
        if (!promptTemplate.get().variables().contains("completion")) {
            c.get("prompt").orElseThrow().warn(where + ": the prompt never shows the judge the response",
                    "Put {{completion}} where the response to grade belongs");
        }
        SettingTemplate system = c.template("systemPrompt").filter(s -> !s.text().isBlank()).orElse(null);
        List<Choice> choices = choices(c, def, where);
        Double threshold = JudgeSettings.threshold(c, where);
        if (threshold != null && choices.stream().noneMatch(ch -> ch.score() >= threshold - 1e-9)) {
            throw c.get("threshold").orElseThrow().reject(where + ": no choice reaches the threshold "
                    + threshold + ", so it can never pass", "Lower the threshold or fix the choices' scores");
        }
        if (threshold == null && choices.stream().noneMatch(ch -> ch.score() > 0)) {
            throw c.get("choices").orElseThrow().reject(where + ": every choice scores 0, so it can"
                    + " never pass (a choice passes when its score is above 0)", "Give the acceptable answers a score above 0");
        }
        String instruction = c.bool("answerInstruction").orElse(true) ? instruction(choices) : null;
        return new JudgeEvaluator(def.name(), judgeModel(c, where), c.modelParameters("modelParameters"), system,
                promptTemplate.get(), instruction, choices, threshold, Map.of(), List.of(), JudgeEvaluator.Wording.CHOICE);
    }

    /** {@code modelId}, else {@code model}: two names of one setting; when they disagree, gh-models' modelId wins. */
    private static String judgeModel(EvaluatorSettings c, String where) throws InvalidConfigException {
        String modelId = JudgeSettings.modelId(c, "modelId");
        String model = JudgeSettings.modelId(c, "model");
        if (modelId != null && model != null && !modelId.equals(model)) {
            c.get("model").orElseThrow().warn(where + ": 'model' (" + model + ") and 'modelId' (" + modelId
                    + ") name different judges; the judge is modelId's, as in gh models", "Remove 'model:', or make it the same as modelId");
        }
        return modelId != null ? modelId : model;
    }

    static String instruction(List<Choice> choices) {
        return "End your reply with one final line of the form \"Answer: <choice>\", where <choice> is exactly one of: "
                + String.join(", ", choices.stream().map(Choice::choice).toList()) + ".";
    }

    private static List<Choice> choices(EvaluatorSettings c, EvaluatorDefinition def, String where) throws InvalidConfigException {
        Optional<SettingValue> entry = c.get("choices");
        String fix = "Write choices: as a list of '- choice: <answer>' with 'score: <0 to 1>', e.g. choice: \"yes\" / score: 1";
        if (entry.isEmpty()) {
            throw def.value().reject(where + " has no 'choices'", fix);
        }
        if (!entry.get().isList() || entry.get().items().isEmpty()) {
            throw entry.get().reject("'choices' in " + where + " must be a non-empty list, not "
                    + entry.get().describe(), fix);
        }
        List<Choice> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int i = 0;
        for (SettingValue item : entry.get().items()) {
            i++;
            if (!item.isMapping()) {
                throw item.reject("choice #" + i + " of " + where + " must be a mapping with 'choice'"
                        + " and 'score', not " + item.describe(), fix);
            }
            EvaluatorSettings r = item.asSettings("choice #" + i + " of " + where);
            r.allowOnly(List.of("choice", "score"));
            Optional<String> text = r.string("choice");
            if (text.isEmpty() || text.get().isBlank()) {
                throw r.reject("choice #" + i + " of " + where + " has no 'choice'", fix);
            }
            Optional<Double> score = r.number("score", 0, 1);
            if (score.isEmpty()) {
                throw r.reject("choice '" + text.get() + "' of " + where + " has no 'score'",
                        "Add score: with a number from 0 (worst) to 1 (best)");
            }
            if (!seen.add(text.get().strip().toLowerCase(Locale.ROOT))) {
                throw r.reject("choice '" + text.get() + "' appears twice in " + where
                        + " (choices are matched ignoring case)", "");
            }
            out.add(new Choice(text.get(), score.get()));
        }
        return out;
    }

    @Override
    public String settingsSchema() {
        return """
                {
                  "type": "object",
                  "description": "A judge written in the file (gh-models' llm evaluator): the judge model answers the prompt with one of the choices, and the choice's score decides. PromptSpec reads the judge's final answer line only.",
                  "required": ["prompt", "choices"],
                  "properties": {
                    "prompt": {"type": "string", "description": "The question for the judge, with the test case's {{variables}} and {{completion}}, the response to grade (gh-models)."},
                    "systemPrompt": {"type": "string", "description": "The judge's system message (gh-models)."},
                    "modelId": {"type": "string", "description": "The judge model; default promptspec.judge.model, else the prompt's model (gh-models)."},
                    "model": {"type": "string", "description": "The judge model when modelId is not set; where both are set, modelId's is used, as gh-models reads only modelId. PromptSpec extension."},
                    "modelParameters": {"type": "object", "description": "The judge's sampling parameters (temperature, maxTokens, topP...; the keys of the file's modelParameters), sent on its calls. PromptSpec extension: gh-models ignores them."},
                    "choices": {
                      "type": "array",
                      "minItems": 1,
                      "description": "The answers the judge may give, each with its score (gh-models).",
                      "items": {
                        "type": "object",
                        "required": ["choice", "score"],
                        "properties": {
                          "choice": {"type": "string", "description": "An answer, matched ignoring case."},
                          "score": {"type": "number", "minimum": 0, "maximum": 1, "description": "Its score; above 0 passes unless threshold is set."}
                        },
                        "additionalProperties": false
                      }
                    },
                    "threshold": {"type": "number", "minimum": 0, "maximum": 1, "description": "The lowest passing score (default: any score above 0, gh-models' rule). PromptSpec extension."},
                    "answerInstruction": {"type": "boolean", "description": "Append one sentence asking the judge to end with 'Answer: <choice>' (default true); false sends the prompt exactly as written. PromptSpec extension."}
                  },
                  "additionalProperties": false
                }
                """;
    }
}
