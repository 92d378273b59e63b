package dev.promptspec.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptCompiler;
import dev.promptspec.testing.WordBudgetFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The evaluator SPI as a library's factory sees it: settings come out as plain Java values and templates, and a value
 * the factory rejects is an error at that value's file:line:column, with the factory's message and fix, though the
 * factory never sees a position or a YAML node.
 */
class EvaluatorSettingsTest {

    private static final String FILE = "prompts/settings.prompt.yml";
    /** 8 lines: the first evaluator entry starts on line 9 (its settings' keys at column 5 of line 10). */
    private static final String HEADER = """
            name: Settings
            model: gpt-4o
            messages:
              - role: user
                content: "Where is order {{orderId}}?"
            testData:
              - {orderId: "48213", customer: Ada, city: Lyon}
            evaluators:
            """;

    /** What the probe factory read, by evaluator name. */
    private final Map<String, Map<String, Object>> read = new LinkedHashMap<>();

    /** A library's kind that reads settings of every shape through the public API only. */
    private final class ProbeFactory implements EvaluatorFactory {
        @Override
        public String kind() {
            return "probe";
        }

        @Override
        public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
            Map<String, Object> seen = new LinkedHashMap<>();
            read.put(def.name(), seen);
            if (def.value().isScalar()) {
                SettingTemplate shortForm = def.value().template();
                seen.put("short", shortForm.text());
                return context -> Verdict.pass(shortForm.render(context));
            }
            EvaluatorSettings settings = def.settings();
            settings.allowOnly(List.of("limit", "ratio", "strict", "words", "greeting", "mentions", "table", "rows", "judge",
                    "unused"));
            seen.put("keys", settings.keys());
            settings.integer("limit", 1).ifPresent(v -> seen.put("limit", v));
            settings.number("ratio", 0, 1).ifPresent(v -> seen.put("ratio", v));
            settings.bool("strict").ifPresent(v -> seen.put("strict", v));
            settings.strings("words").ifPresent(v -> seen.put("words", v));
            settings.get("table").ifPresent(v -> seen.put("table", v.toJava()));
            settings.get("table").ifPresent(v -> seen.put("tableJson", v.toJson()));
            ModelParameters judge = settings.modelParameters("judge");
            seen.put("judge", judge);
            if (settings.has("unused")) {
                settings.keyOf("unused").warn("'unused' has no effect in " + settings.where(), "Remove it");
            }
            List<Object> rows = new ArrayList<>();
            Optional<SettingValue> rowList = settings.get("rows");
            if (rowList.isPresent()) {
                if (!rowList.get().isList()) {
                    throw rowList.get().reject("'rows' in " + settings.where() + " must be a list, not " + rowList.get().describe(),
                            "Write rows: as '- a: 1' lines");
                }
                int i = 0;
                for (SettingValue row : rowList.get().items()) {
                    EvaluatorSettings r = row.asSettings("row #" + ++i + " of " + settings.where());
                    SettingValue a = r.get("a").orElseThrow(() -> r.reject("row #" + r.where() + " has no 'a'", null));
                    if (a.asInteger().isEmpty()) {
                        throw a.reject("'a' in " + r.where() + " must be a whole number, not " + a.describe(), "Write a: 1");
                    }
                    rows.add(r.toJava());
                }
                seen.put("rows", rows);
            }
            Optional<SettingTemplate> greeting = settings.template("greeting");
            List<SettingTemplate> mentions = settings.templates("mentions").orElse(List.of());
            return new Evaluator() {
                @Override
                public Verdict evaluate(EvaluationContext context) throws Exception {
                    List<String> rendered = new ArrayList<>();
                    for (SettingTemplate t : mentions) {
                        rendered.add(t.render(context));
                    }
                    return Verdict.pass(greeting.isPresent() ? greeting.get().render(context) + " " + rendered : rendered.toString());
                }

                @Override
                public Set<String> variablesUsed() {
                    Set<String> used = new java.util.LinkedHashSet<>();
                    greeting.ifPresent(t -> used.addAll(t.variables()));
                    mentions.forEach(t -> used.addAll(t.variables()));
                    return used;
                }
            };
        }
    }

    private CompiledPrompt compile(String evaluators) {
        EvaluatorRegistry registry = EvaluatorRegistry.load(getClass().getClassLoader())
                .with(List.of(new WordBudgetFactory(), new ProbeFactory()));
        String text = HEADER + evaluators.stripIndent();
        return new PromptCompiler(YamlLimits.DEFAULTS, registry).compile(new PromptSource(FILE, URI.create("memory:/" + FILE),
                Optional.empty(), text));
    }

    /** The problems of a file whose one evaluator is {@code name} with {@code body} ({@code "probe: {limit: 0}"}). */
    private String problemsOf(String name, String body) {
        return problems(compile("  - name: " + name + "\n    " + body + "\n"));
    }

    private static String problems(CompiledPrompt prompt) {
        return prompt.problems().stream().map(Problem::format).collect(Collectors.joining("\n"));
    }

    private static Verdict run(CompiledPrompt prompt, String name, String response) throws Exception {
        TestCase tc = prompt.fileOrThrow().testData().get(0);
        ModelResponse model = new ModelResponse(response, TokenUsage.UNKNOWN, Duration.ZERO, "stop", "gpt-4o", 1,
                ModelResponse.Origin.LIVE);
        EvaluationContext context = EvaluationContext.builder(response).variables(tc.variables()).model(model).testCase(tc)
                .file(prompt.fileOrThrow()).build();
        return prompt.evaluators().stream().filter(e -> e.spec().name().equals(name)).findFirst().orElseThrow().evaluator()
                .evaluate(context);
    }

    @Test
    void settings_come_out_as_plain_java_values() {
        CompiledPrompt prompt = compile("""
                  - name: every shape
                    probe:
                      limit: 3
                      ratio: 0.25
                      strict: true
                      words: [refund, credit]
                      table: {columns: [Read model, Store], minRows: 2, note: ~}
                      rows:
                        - {a: 1, b: x}
                        - {a: 2}
                      judge: {temperature: 0, maxTokens: 300}
                    """);
        assertThat(prompt.errors()).isEmpty();
        Map<String, Object> seen = read.get("every shape");
        assertThat(seen.get("keys")).isEqualTo(List.of("limit", "ratio", "strict", "words", "table", "rows", "judge"));
        assertThat(seen).containsEntry("limit", 3).containsEntry("ratio", 0.25).containsEntry("strict", true)
                .containsEntry("words", List.of("refund", "credit"));
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("columns", List.of("Read model", "Store"));
        table.put("minRows", 2L);
        table.put("note", null);
        assertThat(seen.get("table")).isEqualTo(table);
        assertThat(seen.get("tableJson")).isEqualTo("{\"columns\":[\"Read model\",\"Store\"],\"minRows\":2,\"note\":null}");
        assertThat(seen.get("rows")).isEqualTo(List.of(Map.of("a", 1L, "b", "x"), Map.of("a", 2L)));
        ModelParameters judge = (ModelParameters) seen.get("judge");
        assertThat(judge.temperature()).isEqualTo(0.0);
        assertThat(judge.maxTokens()).isEqualTo(300);
    }

    @Test
    void templates_render_per_case_and_count_as_read_variables() throws Exception {
        CompiledPrompt prompt = compile("""
                  - name: templated
                    probe:
                      greeting: "Hello {{customer}}"
                      mentions: ["order {{orderId}}", "{{city}}"]
                  - name: short form
                    probe: "Dear {{customer}}"
                    """);
        // customer and city are read only by the probe's templates: no "testData key ... is not used" warning
        assertThat(problems(prompt)).isEmpty();
        assertThat(run(prompt, "templated", "any answer").detail()).isEqualTo("Hello Ada [order 48213, Lyon]");
        assertThat(run(prompt, "short form", "any answer").detail()).isEqualTo("Dear Ada");
        assertThat(read.get("short form")).containsEntry("short", "Dear {{customer}}");
    }

    @Test
    void without_templates_a_key_nothing_reads_is_reported() {
        CompiledPrompt prompt = compile("""
                  - name: plain
                    probe: {limit: 2}
                    """);
        assertThat(problems(prompt)).isEqualTo("prompts/settings.prompt.yml:7:24: warning: testData key 'customer' is not used by"
                + " any message or evaluator. Rename it to the {{variable}} it is meant for, or remove it (descriptive keys category,"
                + " comment, description, expected, id, name, notes, tags are never reported)\n"
                + "prompts/settings.prompt.yml:7:39: warning: testData key 'city' is not used by any message or evaluator. Rename it"
                + " to the {{variable}} it is meant for, or remove it (descriptive keys category, comment, description, expected,"
                + " id, name, notes, tags are never reported)");
    }

    @Test
    void a_rejected_value_is_an_error_at_that_value_with_the_factory_s_message_and_fix() {
        assertThat(problems(compile("""
                  - name: rows
                    probe:
                      rows:
                        - {a: 1}
                        - {a: many}
                    """))).isEqualTo("prompts/settings.prompt.yml:13:13: error: 'a' in row #2 of probe evaluator 'rows' must be a"
                + " whole number, not a string. Write a: 1");
        assertThat(problemsOf("rows", "probe: {rows: 3}"))
                .isEqualTo("prompts/settings.prompt.yml:10:19: error: 'rows' in probe evaluator 'rows' must be a list,"
                + " not an integer. Write rows: as '- a: 1' lines");
    }

    @Test
    void typed_reads_reject_wrong_types_and_unknown_keys_at_their_position() {
        assertThat(problemsOf("typed", "probe: {limit: 0}"))
                .isEqualTo("prompts/settings.prompt.yml:10:20: error: 'limit' in probe evaluator 'typed' must be at"
                + " least 1, not 0. Use a whole number of at least 1");
        assertThat(problemsOf("typed", "probe: {ratio: high}"))
                .isEqualTo("prompts/settings.prompt.yml:10:20: error: 'ratio' in probe evaluator 'typed' must be a"
                + " number, not a string. Write a number such as 0.7, without quotes");
        assertThat(problemsOf("typed", "probe: {limt: 2}"))
                .startsWith("prompts/settings.prompt.yml:10:13: error: unknown key 'limt' in probe evaluator 'typed'"
                + " — did you mean 'limit'? Known keys: limit, ratio");
        assertThat(problemsOf("typed", "probe: [a, b]"))
                .isEqualTo("prompts/settings.prompt.yml:10:12: error: 'probe' evaluator 'typed' needs its settings as a"
                + " mapping, not a list. Indent its settings under 'probe:' as key: value lines");
    }

    @Test
    void a_warning_at_a_key_does_not_stop_the_file() {
        CompiledPrompt prompt = compile("""
                  - name: warned
                    probe: {greeting: "{{customer}} in {{city}}", unused: 1}
                    """);
        assertThat(problems(prompt)).isEqualTo("prompts/settings.prompt.yml:10:49: warning: 'unused' has no effect in probe"
                + " evaluator 'warned'. Remove it");
        assertThat(prompt.isRunnable()).isTrue();
    }

    @Test
    void the_documented_kind_rejects_its_settings_where_they_are_written() {
        assertThat(problemsOf("Short", "wordBudget: {max: 0}"))
                .isEqualTo("prompts/settings.prompt.yml:10:23: error: 'max' in wordBudget evaluator 'Short' must be at"
                + " least 1, not 0. Use a whole number of at least 1");
        assertThat(problemsOf("Short", "wordBudget: {}"))
                .isEqualTo("prompts/settings.prompt.yml:9:5: error: wordBudget evaluator 'Short' needs 'max'. Add max:"
                + " with the most words a response may have");
        assertThat(problemsOf("Short", "wordBudget: {maks: 3}"))
                .isEqualTo("prompts/settings.prompt.yml:10:18: error: unknown key 'maks' in wordBudget evaluator 'Short'"
                + ". Known keys: max");
    }
}
