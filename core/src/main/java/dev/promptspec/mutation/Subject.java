package dev.promptspec.mutation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptspec.internal.util.Json;
import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.promptfile.TestCase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * What the operators mutate: a case's recorded response (trimmed, as evaluators read it) with what they need to know
 * about it, each computed once: its Markdown tree, its JSON value, the file's JSON schema, the terms the case mentions
 * and the other cases' expected values.
 *
 * @param text         the response, trimmed
 * @param json         the response as JSON when it is a JSON object or array, else null (then it is Markdown)
 * @param schema       the file's {@code jsonSchema} schema, or null
 * @param expected     the case's {@code expected} value, or null
 * @param alternatives the other cases' {@code expected} values that differ from this one, in file order
 * @param terms        what the case mentions and the response repeats (see {@link #termsOf}), in a stable order
 */
record Subject(String text, JsonNode json, JsonNode schema, String expected, List<String> alternatives, List<String> terms) {

    /** commonmark's parser is immutable and safe to share; inline spans locate bold text and heading text. */
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private static final Pattern LONG_WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_-]{5,}");
    private static final int SHORT_VALUE = 40;

    static Subject of(String response, TestCase testCase, PromptFile file) {
        String text = response.strip();
        String expected = testCase.expected() == null || testCase.expected().isBlank() ? null : testCase.expected().strip();
        Set<String> alternatives = new LinkedHashSet<>();
        for (TestCase other : file.testData()) {
            if (other.expected() != null && !other.expected().isBlank() && !other.expected().strip().equals(expected)) {
                alternatives.add(other.expected().strip());
            }
        }
        return new Subject(text, json(text), schema(file), expected, List.copyOf(alternatives),
                termsOf(text, expected, testCase.variables()));
    }

    /** The response's Markdown tree, with the source span of every block and inline node. */
    Node markdown() {
        return PARSER.parse(text);
    }

    boolean isJson() {
        return json != null;
    }

    /**
     * The terms a content operator drops sentences for: the case's {@code expected} value, then each short variable
     * value (up to {@value #SHORT_VALUE} characters: a name, an id, a label), then the long words (six characters or
     * more) of longer values, in the order the values and their words come; only those the response contains.
     */
    static List<String> termsOf(String text, String expected, Map<String, String> variables) {
        Set<String> terms = new LinkedHashSet<>();
        List<String> values = new ArrayList<>();
        if (expected != null) {
            values.add(expected);
        }
        variables.forEach((name, value) -> {
            if (!"expected".equals(name) && value != null && !value.isBlank()) {
                values.add(value.strip());
            }
        });
        for (String value : values) {
            if (value.length() <= SHORT_VALUE) {
                terms.add(value);
            } else {
                Matcher m = LONG_WORD.matcher(value);
                while (m.find()) {
                    terms.add(m.group().toLowerCase(Locale.ROOT));
                }
            }
        }
        return terms.stream().filter(t -> Sentences.mentions(text, t)).toList();
    }

    private static JsonNode json(String text) {
        if (!(text.startsWith("{") || text.startsWith("["))) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node != null && node.isContainerNode() ? node : null;
        } catch (JsonProcessingException e) {
            return null; // not JSON after all: Markdown operators apply
        }
    }

    private static JsonNode schema(PromptFile file) {
        if (file.responseFormat() == null || !file.responseFormat().isJsonSchema() || file.responseFormat().jsonSchemaJson() == null) {
            return null;
        }
        try {
            JsonNode format = Json.MAPPER.readTree(file.responseFormat().jsonSchemaJson());
            return format.has("schema") ? format.get("schema") : null;
        } catch (JsonProcessingException e) {
            return null; // the loader validated it; without it, JSON operators fall back to the response's own fields
        }
    }
}
