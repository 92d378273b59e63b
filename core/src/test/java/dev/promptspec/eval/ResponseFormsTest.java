package dev.promptspec.eval;

import static dev.promptspec.testing.EvaluatorHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.eval.json.JsonResponse;
import dev.promptspec.eval.markdown.MarkdownRegion;
import dev.promptspec.testing.EvaluatorHarness;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The evaluators of one test case parse the response once per form and share the result. */
class ResponseFormsTest {

    private static final String CQRS = resource("responses/cqrs-order-management.md");
    private static final String TICKET = resource("responses/ticket-triage.json");

    @Test
    void a_form_is_parsed_on_first_use_only() {
        AtomicInteger parses = new AtomicInteger();
        ResponseForms.Form<List<String>> lines = ResponseForms.Form.of("lines", text -> {
            parses.incrementAndGet();
            return text.lines().toList();
        });
        EvaluationContext context = EvaluationContext.builder(CQRS.trim()).build();

        assertThat(context.forms().isParsed(lines)).isFalse();
        List<String> first = context.parsed(lines);
        List<String> second = context.parsed(lines);

        assertThat(second).isSameAs(first).hasSize((int) CQRS.trim().lines().count());
        assertThat(parses).hasValue(1);
        assertThat(context.forms().isParsed(lines)).isTrue();
    }

    @Test
    void the_seed_prompts_two_markdown_evaluators_read_one_tree() throws Exception {
        EvaluatorHarness h = EvaluatorHarness.withEvaluators("""
                evaluators:
                  - name: bold decisions
                    markdown: {minBold: 5}
                  - name: risks
                    markdown: {section: Risks, minBullets: 3}
                """);
        EvaluationContext context = h.context(CQRS);

        assertThat(h.run("bold decisions", context).passed()).isTrue();
        assertThat(context.forms().isParsed(MarkdownRegion.FORM)).as("the evaluator read the shared tree").isTrue();
        MarkdownRegion tree = context.parsed(MarkdownRegion.FORM);
        assertThat(h.run("risks", context)).isEqualTo(Verdict.pass("section '10. Risks, Failure Modes and Mitigations' has 17 bullets"));
        assertThat(context.parsed(MarkdownRegion.FORM)).isSameAs(tree);
    }

    @Test
    void json_evaluators_share_the_parse_of_their_reading() throws Exception {
        EvaluatorHarness h = EvaluatorHarness.withEvaluators("""
                evaluators:
                  - name: schema
                    json: {schema: {type: object, required: [category]}}
                  - name: category
                    json: {equals: {/category: billing}}
                  - name: fenced
                    json: {stripFence: true, equals: {/priority: high}}
                """);
        EvaluationContext context = h.context(TICKET);

        assertThat(h.run("schema", context)).isEqualTo(Verdict.pass("matches the schema"));
        JsonResponse whole = context.parsed(JsonResponse.form(false));
        assertThat(h.run("category", context).passed()).isTrue();
        assertThat(context.parsed(JsonResponse.form(false))).isSameAs(whole);
        assertThat(context.forms().isParsed(JsonResponse.form(true))).as("stripFence reads differently: its own form").isFalse();
        assertThat(h.run("fenced", context).passed()).isTrue();
        assertThat(context.forms().isParsed(JsonResponse.form(true))).isTrue();
    }

    @Test
    void a_context_refuses_forms_of_another_text() {
        ResponseForms other = new ResponseForms("another answer");
        assertThatThrownBy(() -> EvaluationContext.builder("the answer").forms(other).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the parsed forms are of another response than this context's");
        ResponseForms same = new ResponseForms(new String("the answer"));
        assertThat(EvaluationContext.builder("the answer").forms(same).build().forms()).isSameAs(same);
    }
}
