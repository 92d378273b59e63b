package dev.promptspec.eval.judge;

import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.SettingTemplate;
import dev.promptspec.eval.Texts;
import dev.promptspec.eval.Verdict;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Role;
import dev.promptspec.problem.MissingVariableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asks a judge model to grade the response and turns its final answer into a verdict. Serves both the
 * built-in {@code github/*} judges and {@code llm:} judges written in the file.
 *
 * <p>The pass rule is gh-models': a choice scoring above 0 passes; a {@code threshold} replaces it with
 * "score at least threshold".
 *
 * <p>A judge call that fails ({@link dev.promptspec.model.ModelCallException}) is thrown on, never graded: the
 * case becomes an error, as for the prompt's own call. Only a reply that came back but cannot be read fails the check.
 */
final class JudgeEvaluator implements Evaluator {

    /** How the detail names the judge's answer: "rated 4 of 5" or "answered 'yes'". */
    enum Wording { RATING, CHOICE }

    /** Reasoning shown in the verdict, at most. */
    private static final int REASONING_CHARS = 280;
    /** Raw reply shown when it cannot be read, at most. */
    private static final int RAW_REPLY_CHARS = 400;

    private final String name;
    private final String modelId;
    private final ModelParameters parameters;
    private final SettingTemplate system;
    private final SettingTemplate prompt;
    private final String answerInstruction;
    private final List<Choice> choices;
    private final Double threshold;
    private final Map<String, SettingTemplate> derived;
    private final FinalAnswer parser;
    private final Wording wording;

    /**
     * @param name              the evaluator's name (names the judge call in recordings)
     * @param modelId           the judge model, or null for the run's judge model
     * @param parameters        the judge's sampling parameters, {@link ModelParameters#NONE} for the provider's defaults
     * @param system            the system message, or null
     * @param prompt            the user message; {@code {{completion}}} is the response
     * @param answerInstruction appended to the user message to pin the answer format, or null
     * @param threshold         the lowest passing score, or null for gh-models' "above 0"
     * @param derived           variables the judge prompt reads, computed from the test case's variables
     *                          (a built-in's {@code question: "{{ticket}}"})
     * @param labels            words that may introduce the answer besides score, answer...
     */
    JudgeEvaluator(String name, String modelId, ModelParameters parameters, SettingTemplate system, SettingTemplate prompt,
            String answerInstruction, List<Choice> choices, Double threshold, Map<String, SettingTemplate> derived, List<String> labels,
            Wording wording) {
        this.name = name;
        this.modelId = modelId;
        this.parameters = parameters;
        this.system = system;
        this.prompt = prompt;
        this.answerInstruction = answerInstruction;
        this.choices = List.copyOf(choices);
        this.threshold = threshold;
        this.derived = new LinkedHashMap<>(derived);
        this.parser = new FinalAnswer(choices, labels);
        this.wording = wording;
    }

    @Override
    public Verdict evaluate(EvaluationContext context) throws Exception {
        List<ChatMessage> messages;
        try {
            messages = messages(context);
        } catch (MissingVariableException e) {
            return Verdict.fail("cannot ask the judge: " + e.getMessage()
                    + "; add the variable to the testData entry" + (derived.isEmpty() ? "" : ", or map it on the evaluator ("
                    + String.join(", ", derived.keySet().stream().map(k -> k + ": \"{{...}}\"").toList()) + ")"));
        }
        ModelResponse reply = context.judge().ask(modelId, parameters, messages, name);
        Optional<FinalAnswer.Match> answer = parser.read(reply.text());
        String judge = reply.modelId() == null || reply.modelId().isBlank() ? "judge" : "judge " + reply.modelId();
        if (answer.isEmpty()) {
            return Verdict.fail(judge + " gave no readable final answer (expected a last line such as '" + expectedLine()
                    + "' with one of " + choiceList() + "); its reply: " + Texts.quote(shorten(reply.text().strip()), RAW_REPLY_CHARS + 10));
        }
        Choice c = answer.get().choice();
        boolean passed = threshold == null ? c.score() > 0 : c.score() >= threshold - 1e-9;
        String rule = threshold == null ? "a score above 0" : String.format(Locale.ROOT, "a score of at least %.2f", threshold);
        String said = wording == Wording.RATING ? "rated " + c.choice() + " of " + choices.size() : "answered '" + c.choice() + "'";
        String detail = String.format(Locale.ROOT, "%s %s (score %.2f; %s %s)", judge, said, c.score(),
                passed ? "passes with" : "needs", rule);
        String reasoning = answer.get().reasoning().replaceAll("\\s+", " ").strip();
        if (!reasoning.isEmpty()) {
            detail += ": " + Texts.quote(reasoning, REASONING_CHARS);
        }
        return new Verdict(passed, c.score(), detail);
    }

    private List<ChatMessage> messages(EvaluationContext context) throws MissingVariableException {
        Map<String, String> vars = new HashMap<>(context.variables());
        for (Map.Entry<String, SettingTemplate> d : derived.entrySet()) {
            vars.put(d.getKey(), d.getValue().render(context.variables()));
        }
        vars.put("completion", context.response());
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(new ChatMessage(Role.SYSTEM, system.render(vars)));
        }
        String user = prompt.render(vars);
        if (answerInstruction != null) {
            user = user.stripTrailing() + "\n\n" + answerInstruction;
        }
        messages.add(new ChatMessage(Role.USER, user));
        return messages;
    }

    private String expectedLine() {
        return (wording == Wording.RATING ? "Score: " : "Answer: ") + choices.get(choices.size() - 1).choice();
    }

    private String choiceList() {
        return String.join(", ", choices.stream().map(Choice::choice).toList());
    }

    /** The start and, above all, the end of a long reply: the end is where the answer should have been. */
    private static String shorten(String reply) {
        if (reply.length() <= RAW_REPLY_CHARS) {
            return reply;
        }
        return reply.substring(0, 120) + " … " + reply.substring(reply.length() - (RAW_REPLY_CHARS - 125));
    }

    @Override
    public Set<String> variablesUsed() {
        Set<String> used = new LinkedHashSet<>(prompt.variables());
        if (system != null) {
            used.addAll(system.variables());
        }
        used.removeAll(derived.keySet());
        derived.values().forEach(t -> used.addAll(t.variables()));
        used.remove("completion");
        return used;
    }
}
