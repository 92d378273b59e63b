package dev.promptspec.assertj;

import static org.apiguardian.api.API.Status.MAINTAINED;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.eval.ResponseForms;
import dev.promptspec.eval.Verdict;
import dev.promptspec.eval.json.JsonCheck;
import dev.promptspec.eval.json.JsonChecks;
import dev.promptspec.eval.json.JsonResponse;
import dev.promptspec.eval.json.JsonSchema;
import dev.promptspec.eval.length.LengthCheck;
import dev.promptspec.eval.length.TextUnit;
import dev.promptspec.eval.markdown.MarkdownRegion;
import dev.promptspec.eval.regex.RegexCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;

/**
 * Assertions on a model response: its Markdown structure (see {@link MarkdownAssert}), regular expressions,
 * JSON and length, each the same check as the YAML evaluator of that name. The response is trimmed first,
 * as evaluators see it. For plain string assertions, {@link #asText()} hands over to AssertJ's.
 */
@API(status = MAINTAINED, since = "0.1")
public final class ResponseAssert extends MarkdownAssert<ResponseAssert, String> {

    private static final ObjectMapper VALUES = new ObjectMapper();

    /** The response's Markdown tree and JSON value, parsed once however many assertions read them. */
    private ResponseForms forms;

    ResponseAssert(String response) {
        super(response, ResponseAssert.class);
    }

    @Override
    MarkdownRegion region() {
        return parsed(MarkdownRegion.FORM);
    }

    private <T> T parsed(ResponseForms.Form<T> form) {
        if (forms == null) {
            forms = new ResponseForms(text());
        }
        return forms.get(form);
    }

    @Override
    String responseText() {
        return actual;
    }

    private String text() {
        return actual.strip();
    }

    /** AssertJ's string assertions on the response as given. */
    public AbstractStringAssert<?> asText() {
        isNotNull();
        return Assertions.assertThat(actual);
    }

    /** The regular expression is found somewhere in the response (like the {@code regex} evaluator; anchor with ^ and $). */
    public ResponseAssert matches(String regex) {
        return matches(Pattern.compile(regex));
    }

    /** The compiled pattern is found somewhere in the response; its flags apply. */
    public ResponseAssert matches(Pattern pattern) {
        return regex(RegexCheck.of(pattern, RegexCheck.Rule.found()));
    }

    /** The regular expression is found nowhere in the response (the {@code regex} evaluator's {@code mustNotMatch}). */
    public ResponseAssert doesNotMatch(String regex) {
        return regex(RegexCheck.of(Pattern.compile(regex), RegexCheck.Rule.notFound()));
    }

    /** Every non-blank line contains a match. */
    public ResponseAssert matchesOnEveryLine(String regex) {
        return regex(RegexCheck.of(Pattern.compile(regex), RegexCheck.Rule.onEveryLine()));
    }

    /** The pattern is found at least {@code min} times. */
    public ResponseAssert hasMatchesAtLeast(String regex, int min) {
        return regex(RegexCheck.of(Pattern.compile(regex), RegexCheck.Rule.count(min, null)));
    }

    private ResponseAssert regex(RegexCheck check) {
        return verify(check.expectation(), check.check(nonNullText()));
    }

    /** The whole response is JSON. */
    public ResponseAssert isValidJson() {
        return verify("valid JSON", json(false).validity());
    }

    /** The response is JSON, or a Markdown code fence holding JSON. */
    public ResponseAssert isValidJsonInCodeFence() {
        return verify("valid JSON (in a code fence or not)", json(true).validity());
    }

    /** The response is JSON valid against {@code schema}: JSON Schema as JSON or YAML text (draft 2020-12 by default). */
    public ResponseAssert isValidJsonAgainst(String schema) {
        return json(JsonChecks.matchesSchema(JsonSchema.of(schema, null)));
    }

    /** The response is JSON valid against the schema in {@code schemaFile} (.json, .yml or .yaml). */
    public ResponseAssert isValidJsonAgainst(Path schemaFile) {
        return json(JsonChecks.matchesSchema(JsonSchema.of(schemaFile)));
    }

    /**
     * The value at the JSON pointer equals {@code expected}: a String, Number, Boolean, Map or List, compared
     * as JSON (42 equals 42.0).
     */
    public ResponseAssert hasJsonValue(String pointer, Object expected) {
        return json(JsonChecks.equalsAt(pointer, VALUES.valueToTree(expected)));
    }

    /** The response is JSON with a value (null included) at the JSON pointer ({@code /items/0/sku}). */
    public ResponseAssert hasJsonPointer(String pointer) {
        return json(JsonChecks.existsAt(pointer));
    }

    private ResponseAssert json(JsonCheck check) {
        return verify(check.expectation(), JsonChecks.run(json(false), List.of(check)));
    }

    private JsonResponse json(boolean stripFence) {
        isNotNull();
        return parsed(JsonResponse.form(stripFence));
    }

    /** At least {@code min} and at most {@code max} words (runs of non-blank characters), like {@code length: {minWords, maxWords}}. */
    public ResponseAssert hasWordsBetween(int min, int max) {
        return length(new LengthCheck(TextUnit.WORDS, min, max));
    }

    /** At most {@code max} words. */
    public ResponseAssert hasWordsAtMost(int max) {
        return length(new LengthCheck(TextUnit.WORDS, null, max));
    }

    /** At most {@code max} lines. */
    public ResponseAssert hasLinesAtMost(int max) {
        return length(new LengthCheck(TextUnit.LINES, null, max));
    }

    /** At most {@code max} characters (code points) after trimming. */
    public ResponseAssert hasCharactersAtMost(int max) {
        return length(new LengthCheck(TextUnit.CHARACTERS, null, max));
    }

    private ResponseAssert length(LengthCheck check) {
        return verify(check.expectation(), check.check(nonNullText()));
    }

    private String nonNullText() {
        isNotNull();
        return text();
    }

    private ResponseAssert verify(String expectation, Verdict verdict) {
        if (!verdict.passed()) {
            failWithMessage("%s", Failures.message("the response", expectation, verdict, actual));
        }
        return myself;
    }
}
