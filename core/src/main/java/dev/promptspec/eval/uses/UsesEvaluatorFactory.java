package dev.promptspec.eval.uses;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.SettingValue;
import dev.promptspec.eval.judge.BuiltInJudgeFactory;
import dev.promptspec.internal.util.Json;
import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.problem.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * {@code uses:} names an evaluator defined elsewhere: {@code github/<metric>} for the built-in judges
 * (gh-models' names), {@code java:<name>} for an evaluator written in Java. The entry's other keys are that
 * evaluator's settings ({@code threshold}, {@code modelId}...).
 */
@API(status = INTERNAL, since = "0.1")
public final class UsesEvaluatorFactory implements EvaluatorFactory {

    public static final String JAVA_PREFIX = "java:";
    private static final ObjectMapper JSON = Json.MAPPER;

    @Override
    public String kind() {
        return "uses";
    }

    @Override
    public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
        SettingValue value;
        EvaluatorSettings settings = null;
        if (def.value().isMapping()) {
            // the loader passes the whole entry (minus name, description, weight) so siblings of uses: are settings
            settings = def.settings();
            SettingValue v = settings.get("uses").orElse(null);
            value = v != null && (v.isScalar() || v.isNull()) ? v : null;
            if (value == null) {
                throw (v != null ? v : settings.asValue()).reject("'uses' of evaluator '" + def.name()
                        + "' must name an evaluator (github/coherence, java:myCheck...), not " + (v == null ? "nothing" : v.describe()), "");
            }
        } else {
            value = def.value().isScalar() ? def.value() : null;
        }
        String uses = value == null ? "" : value.text().strip();
        SettingValue at = value == null ? def.value() : value;
        if (uses.isEmpty()) {
            throw at.reject("'uses' of evaluator '" + def.name() + "' is empty", "Write uses: github/<metric> or uses: java:<name>");
        }
        if (BuiltInJudgeFactory.handles(uses)) {
            return BuiltInJudgeFactory.create(def, uses, at, settings);
        }
        if (uses.startsWith(JAVA_PREFIX)) {
            return JavaEvaluatorReference.resolve(def, uses.substring(JAVA_PREFIX.length()).strip(), at, settings);
        }
        List<String> known = new ArrayList<>(BuiltInJudgeFactory.names());
        def.namedEvaluators().names().forEach(n -> known.add(JAVA_PREFIX + n));
        throw at.reject("unknown evaluator '" + uses + "' in uses:" + Suggestions.didYouMean(uses, known),
                "uses: takes a built-in judge (" + String.join(", ", BuiltInJudgeFactory.names())
                        + ") or java:<name> for an evaluator written in Java");
    }

    /**
     * The whole entry beside {@code name}: {@code uses} and the settings of the evaluator it names (built-in
     * judges: {@code threshold}, {@code modelId} and their input keys; Java evaluators: none).
     */
    @Override
    public String settingsSchema() {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        schema.put("description", "An evaluator defined elsewhere: a built-in judge (github/<metric>, gh-models) or a Java"
                + " evaluator (java:<name>, PromptSpec extension). The keys beside uses: are its settings.");
        schema.putArray("required").add("uses");
        ObjectNode props = schema.putObject("properties");
        ObjectNode uses = props.putObject("uses");
        uses.put("description", "github/similarity, coherence, fluency, relevance or groundedness (gh-models' judges), or"
                + " java:<name> for a @PromptEvaluator method of the @PromptSpec class or a registered NamedEvaluator.");
        ArrayNode forms = uses.putArray("anyOf");
        ArrayNode judges = forms.addObject().put("description", "A built-in judge.").putArray("enum");
        BuiltInJudgeFactory.names().forEach(judges::add);
        forms.addObject().put("type", "string").put("pattern", "^" + JAVA_PREFIX + ".+").put("description", "A Java evaluator.");
        props.putObject("threshold").put("type", "number").put("minimum", 0).put("maximum", 1).put("description",
                "Built-in judges: the lowest passing score, 0 to 1 (a rating of N of 5 is (N-1)/4); default 0.25, a rating of 2"
                        + " (gh-models' rule). PromptSpec extension.");
        props.putObject("modelId").put("type", "string").put("description",
                "Built-in judges: the judge model; default promptspec.judge.model, else the prompt's model. PromptSpec extension.");
        Map<String, Map<String, String>> inputs = BuiltInJudgeFactory.inputs();
        Set<String> allInputs = new TreeSet<>();
        inputs.values().forEach(m -> allInputs.addAll(m.keySet()));
        for (String input : allInputs) {
            List<String> readers = inputs.entrySet().stream().filter(e -> e.getValue().containsKey(input)).map(Map.Entry::getKey).toList();
            String byDefault = inputs.get(readers.get(0)).get(input);
            props.putObject(input).put("type", "string").put("description", "The judge's " + input + " (" + String.join(", ", readers)
                    + "), by default {{" + byDefault + "}}; write e.g. \"{{ticket}}\" when your variable has another name."
                    + " PromptSpec extension.");
        }
        schema.put("additionalProperties", false);
        ArrayNode rules = schema.putArray("allOf");
        List<String> judgeSettings = new ArrayList<>(List.of("threshold", "modelId"));
        judgeSettings.addAll(allInputs);
        rules.add(forbidden(JSON.createObjectNode().put("pattern", "^" + JAVA_PREFIX), judgeSettings));
        inputs.forEach((judge, own) -> {
            List<String> others = allInputs.stream().filter(i -> !own.containsKey(i)).toList();
            if (!others.isEmpty()) {
                rules.add(forbidden(JSON.createObjectNode().put("const", judge), others));
            }
        });
        return schema.toPrettyString();
    }

    /** "if uses matches {@code uses}, then none of {@code keys}". */
    private static ObjectNode forbidden(ObjectNode uses, List<String> keys) {
        ObjectNode rule = JSON.createObjectNode();
        ObjectNode condition = rule.putObject("if");
        condition.putArray("required").add("uses");
        condition.putObject("properties").set("uses", uses);
        ArrayNode any = rule.putObject("then").putObject("not").putArray("anyOf");
        keys.forEach(k -> any.addObject().putArray("required").add(k));
        return rule;
    }
}
