package dev.promptspec.eval.markdown;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.SettingValue;
import dev.promptspec.eval.Texts;
import dev.promptspec.problem.InvalidConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * {@code markdown:} structural checks on the response's Markdown syntax tree. Every key is one check and
 * all must hold; {@code section:} scopes every other check to the content under one heading:
 * <pre>
 * - name: Risks are bulleted
 *   markdown:
 *     section: Risks
 *     minBullets: 3
 * </pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class MarkdownEvaluatorFactory implements EvaluatorFactory {

    /** A pair of keys, min{suffix} and max{suffix}, bounding how many of an element there are. */
    private record CountKeys(String suffix, Element element) {
    }

    private static final List<CountKeys> COUNTS = List.of(
            new CountKeys("Headings", Element.HEADINGS),
            new CountKeys("Bullets", Element.BULLETS),
            new CountKeys("Numbered", Element.NUMBERED_ITEMS),
            new CountKeys("Bold", Element.BOLD_SPANS),
            new CountKeys("Tables", Element.TABLES),
            new CountKeys("CodeFences", Element.CODE_FENCES),
            new CountKeys("Links", Element.LINKS));

    static final List<String> KEYS = keys();

    @Override
    public String kind() {
        return "markdown";
    }

    @Override
    public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
        EvaluatorSettings c = def.settings();
        c.allowOnly(KEYS);
        List<MarkdownCheck> checks = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String key : c.keys()) { // checks run, and report, in the order they are written
            if (done.add(key)) {
                check(c, def, key, done).ifPresent(checks::add);
            }
        }
        Optional<String> section = c.string("section");
        if (section.isPresent()) {
            return new MarkdownEvaluator(MarkdownChecks.inSection(pattern(c, "section", section.get()),
                    checks.toArray(MarkdownCheck[]::new)));
        }
        if (checks.isEmpty()) {
            throw def.value().reject("markdown evaluator '" + def.name() + "' has nothing to check",
                    "Add a check such as minBold: 5, or section: Risks with minBullets: 3 (keys: " + String.join(", ", KEYS) + ")");
        }
        return new MarkdownEvaluator(MarkdownChecks.allOf(checks));
    }

    /** The check that {@code key} asks for; a min/max pair is one check, built at the first of the two. */
    private static Optional<MarkdownCheck> check(EvaluatorSettings c, EvaluatorDefinition def, String key, Set<String> done)
            throws InvalidConfigException {
        for (CountKeys count : COUNTS) {
            if (key.equals("min" + count.suffix()) || key.equals("max" + count.suffix())) {
                Optional<Integer> min = c.integer("min" + count.suffix(), 0);
                Optional<Integer> max = c.integer("max" + count.suffix(), 0);
                checkRange(c, "min" + count.suffix(), min, max);
                done.addAll(List.of("min" + count.suffix(), "max" + count.suffix()));
                return min.isPresent() || max.isPresent()
                        ? Optional.of(MarkdownChecks.count(count.element(), min.orElse(null), max.orElse(null))) : Optional.empty();
            }
        }
        switch (key) {
            case "heading" -> {
                List<MarkdownCheck> headings = new ArrayList<>();
                for (String h : c.strings("heading").orElse(List.of())) {
                    headings.add(MarkdownChecks.heading(pattern(c, "heading", h)));
                }
                return Optional.of(MarkdownChecks.allOf(headings));
            }
            case "sections" -> {
                List<HeadingPattern> patterns = new ArrayList<>();
                for (String s : c.strings("sections").orElse(List.of())) {
                    patterns.add(pattern(c, "sections", s));
                }
                return Optional.of(MarkdownChecks.sectionsInOrder(patterns));
            }
            case "maxHeadingDepth" -> {
                return c.integer("maxHeadingDepth", 1).map(MarkdownChecks::maxHeadingDepth);
            }
            case "minListDepth", "maxListDepth" -> {
                Optional<Integer> min = c.integer("minListDepth", 1);
                Optional<Integer> max = c.integer("maxListDepth", 0);
                checkRange(c, "minListDepth", min, max);
                done.addAll(List.of("minListDepth", "maxListDepth"));
                return min.isPresent() || max.isPresent()
                        ? Optional.of(MarkdownChecks.listDepth(min.orElse(null), max.orElse(null))) : Optional.empty();
            }
            case "bulletsStartBold" -> {
                return c.bool(key).orElse(false) ? Optional.of(MarkdownChecks.bulletsStartBold()) : Optional.empty();
            }
            case "table" -> {
                return table(c, def);
            }
            case "codeFence" -> {
                return Optional.of(MarkdownChecks.allOf(c.strings("codeFence").orElse(List.of()).stream()
                        .map(MarkdownChecks::codeFence).toList()));
            }
            case "noHtml" -> {
                return c.bool(key).orElse(false) ? Optional.of(MarkdownChecks.noRawHtml()) : Optional.empty();
            }
            default -> {
                return Optional.empty(); // "section" scopes the others; allowOnly has rejected unknown keys
            }
        }
    }

    private static Optional<MarkdownCheck> table(EvaluatorSettings c, EvaluatorDefinition def) throws InvalidConfigException {
        Optional<SettingValue> entry = c.get("table");
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        SettingValue value = entry.get();
        if (value.asBoolean().isPresent()) {
            return value.asBoolean().get() ? Optional.of(MarkdownChecks.table(List.of(), null)) : Optional.empty();
        }
        if (!value.isMapping()) {
            throw value.reject("'table' in markdown evaluator '" + def.name()
                    + "' must be true or a mapping with columns and/or minRows, not " + value.describe(),
                    "Write table: {columns: [Name, Store], minRows: 3}");
        }
        EvaluatorSettings t = value.asSettings("'table' of markdown evaluator '" + def.name() + "'");
        t.allowOnly(List.of("columns", "minRows"));
        return Optional.of(MarkdownChecks.table(t.strings("columns").orElse(List.of()), t.integer("minRows", 0).orElse(null)));
    }

    private static HeadingPattern pattern(EvaluatorSettings c, String key, String written) throws InvalidConfigException {
        try {
            return HeadingPattern.parse(written);
        } catch (IllegalArgumentException e) {
            throw c.get(key).orElseThrow().reject("invalid heading pattern '" + written + "' in '"
                    + key + "': " + Texts.firstLine(e.getMessage()),
                    "Write the heading text (matched ignoring case), /a regex/, or prefix ## to require a level");
        }
    }

    private static void checkRange(EvaluatorSettings c, String minKey, Optional<Integer> min, Optional<Integer> max)
            throws InvalidConfigException {
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            throw c.get(minKey).orElseThrow().reject(minKey + " (" + min.get()
                    + ") is greater than " + minKey.replaceFirst("^min", "max") + " (" + max.get() + ")",
                    "Make " + minKey + " at most " + minKey.replaceFirst("^min", "max"));
        }
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of("section", "heading", "sections", "maxHeadingDepth"));
        for (CountKeys count : COUNTS) {
            keys.add("min" + count.suffix());
            keys.add("max" + count.suffix());
        }
        keys.addAll(List.of("minListDepth", "maxListDepth", "bulletsStartBold", "table", "codeFence", "noHtml"));
        return List.copyOf(keys);
    }

    @Override
    public String settingsSchema() {
        return """
                {
                  "type": "object",
                  "description": "Structural checks on the response parsed as Markdown (CommonMark). Every key is one check and all must hold. Heading patterns (section, heading, sections): text matches a heading containing it, ignoring case; /regex/ is searched in the heading text; a leading '## ' pins the level. PromptSpec extension.",
                  "properties": {
                    "section": {"type": "string", "description": "Scopes every other key to one section: the content under the first heading that matches this heading pattern, up to the next heading of the same or a higher level. Fails when no heading matches."},
                    "heading": {"description": "A heading matching this pattern exists (each one, for a list).", "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
                    "sections": {"description": "Headings matching each pattern exist, in this order (others may come between).", "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
                    "maxHeadingDepth": {"type": "integer", "minimum": 1, "description": "No heading deeper than this level (3: nothing below ###)."},
                    "minHeadings": {"type": "integer", "minimum": 0, "description": "At least this many headings (in a section: its subsections)."},
                    "maxHeadings": {"type": "integer", "minimum": 0, "description": "At most this many headings (in a section: its subsections)."},
                    "minBullets": {"type": "integer", "minimum": 0, "description": "At least this many items of bullet lists, nested ones included."},
                    "maxBullets": {"type": "integer", "minimum": 0, "description": "At most this many items of bullet lists, nested ones included."},
                    "minNumbered": {"type": "integer", "minimum": 0, "description": "At least this many items of numbered lists, nested ones included."},
                    "maxNumbered": {"type": "integer", "minimum": 0, "description": "At most this many items of numbered lists, nested ones included."},
                    "minBold": {"type": "integer", "minimum": 0, "description": "At least this many bold spans (**x**, __x__), in text, lists, tables and headings."},
                    "maxBold": {"type": "integer", "minimum": 0, "description": "At most this many bold spans (**x**, __x__), in text, lists, tables and headings."},
                    "minTables": {"type": "integer", "minimum": 0, "description": "At least this many tables."},
                    "maxTables": {"type": "integer", "minimum": 0, "description": "At most this many tables."},
                    "minCodeFences": {"type": "integer", "minimum": 0, "description": "At least this many fenced code blocks (indented code is not a fence)."},
                    "maxCodeFences": {"type": "integer", "minimum": 0, "description": "At most this many fenced code blocks (indented code is not a fence)."},
                    "minLinks": {"type": "integer", "minimum": 0, "description": "At least this many links (inline, reference, <https://...>)."},
                    "maxLinks": {"type": "integer", "minimum": 0, "description": "At most this many links (inline, reference, <https://...>)."},
                    "minListDepth": {"type": "integer", "minimum": 1, "description": "Lists nest at least this deep: 1 for a flat list, 2 when an item holds a list."},
                    "maxListDepth": {"type": "integer", "minimum": 0, "description": "Lists nest at most this deep."},
                    "bulletsStartBold": {"type": "boolean", "description": "Every top-level bullet starts with bold text (- **Hot SKUs:** ...); fails when there are no bullets."},
                    "table": {"description": "true: there is a table; a mapping: some table has these column headers and at least minRows body rows.", "anyOf": [{"type": "boolean"}, {"type": "object", "properties": {"columns": {"description": "Column headers the table must have (ignoring case and formatting).", "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}, "minRows": {"type": "integer", "minimum": 0, "description": "At least this many body rows."}}, "additionalProperties": false}]},
                    "codeFence": {"description": "A fenced code block of this language exists (each one, for a list): the first word of the info string, ignoring case.", "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
                    "noHtml": {"type": "boolean", "description": "No raw HTML (List<String> outside backticks counts)."}
                  },
                  "additionalProperties": false,
                  "minProperties": 1
                }
                """;
    }
}
