package dev.promptspec.eval.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.internal.util.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a judge's verdict from the END of its reply. gh-models looks for each choice anywhere in the reply,
 * so a reasoning that mentions "step 1" or "10k orders" scores as choice "1"; here only the final answer
 * line counts:
 *
 * <ol>
 *   <li>a reply that is a JSON object: its {@code score}, {@code rating}, {@code answer}... field;</li>
 *   <li>the last non-blank line, when it is a labelled answer ({@code Score: 4}, {@code **Answer:** yes},
 *       {@code Final rating = 4/5}, {@code [Coherence: 4]}), the bare choice ({@code 4}, {@code Yes.}) or a worded
 *       choice followed by its reason ({@code No, it never mentions money.});</li>
 *   <li>else the last labelled line above it whose value is exactly a choice (a judge that adds a sentence
 *       after its score line).</li>
 * </ol>
 * Anything else is unreadable: the caller fails with the raw reply rather than guess.
 */
final class FinalAnswer {

    /** The answer found, the line it was read from, and the rest of the reply (the judge's reasoning). */
    record Match(Choice choice, String line, String reasoning) {
    }

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final List<String> LABELS = List.of("score", "rating", "grade", "stars", "answer", "verdict", "choice",
            "result", "evaluation", "label", "classification");
    private static final List<String> REASON_FIELDS = List.of("reasoning", "reason", "explanation", "rationale", "justification",
            "thoughts", "analysis");
    /** "Score (1-5):", "Final score:", "My answer is", "Coherence rating -"; the value after the separator is group 1. */
    private static final Pattern LABELLED = Pattern.compile(
            "^(?:[\\p{L}]+\\s+){0,2}?(?:%s)s?(?:\\s*\\([^)]*\\))?\\s*(?::|=|-|–|—|\\bis\\b)\\s*(.+)$");
    /** What may follow a numeric choice: "4/5", "4 out of 5", "4 stars", "4 points". */
    private static final Pattern SCALE_SUFFIX = Pattern.compile("^(?:\\s*/\\s*\\d+|\\s+out\\s+of\\s+\\d+|\\s+stars?|\\s+points?)?[.!]?$",
            Pattern.CASE_INSENSITIVE);

    /** ", because...", " - it does", ": the reply..." after a worded choice. */
    private static final Pattern REASON_AFTER_CHOICE = Pattern.compile("^\\s*[,.;:!—–-]\\s+\\S.*$");

    private final List<Choice> choices;
    private final Pattern labelled;

    /**
     * @param choices     the answers that count
     * @param extraLabels words that also introduce the answer, besides score, rating, answer... (a metric's
     *                    name: {@code Coherence: 4})
     */
    FinalAnswer(List<Choice> choices, Collection<String> extraLabels) {
        this.choices = choices.stream().sorted(Comparator.comparingInt((Choice c) -> c.choice().length()).reversed()).toList();
        List<String> labels = new ArrayList<>(LABELS);
        extraLabels.forEach(l -> labels.add(Pattern.quote(l.toLowerCase(Locale.ROOT))));
        this.labelled = Pattern.compile(String.format(LABELLED.pattern(), String.join("|", labels)),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    Optional<Match> read(String reply) {
        String text = reply == null ? "" : reply.replace("\r", "").strip();
        Optional<Match> json = fromJson(text);
        if (json.isPresent()) {
            return json;
        }
        String[] lines = text.split("\n", -1);
        int last = lastContentLine(lines, lines.length - 1);
        if (last < 0) {
            return Optional.empty();
        }
        String finalLine = normalize(lines[last]);
        Optional<Choice> onLastLine = labelledValue(finalLine).flatMap(this::leadingChoice).or(() -> bare(finalLine))
                .or(() -> wordThenReason(finalLine));
        if (onLastLine.isPresent()) {
            return Optional.of(new Match(onLastLine.get(), lines[last].strip(), reasoning(lines, last)));
        }
        for (int i = last - 1; i >= 0; i--) {
            Optional<Choice> exact = labelledValue(normalize(lines[i])).flatMap(this::exactChoice);
            if (exact.isPresent()) {
                return Optional.of(new Match(exact.get(), lines[i].strip(), reasoning(lines, i)));
            }
        }
        return Optional.empty();
    }

    private static int lastContentLine(String[] lines, int from) {
        for (int i = from; i >= 0; i--) {
            if (!normalize(lines[i]).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private Optional<String> labelledValue(String line) {
        Matcher m = labelled.matcher(line);
        return m.matches() ? Optional.of(trimValue(m.group(1))) : Optional.empty();
    }

    /** The whole line is a choice, possibly with a scale: {@code 4}, {@code 4/5}, {@code Yes.} */
    private Optional<Choice> bare(String line) {
        String v = trimValue(line);
        for (Choice c : choices) {
            if (v.regionMatches(true, 0, c.choice(), 0, c.choice().length())
                    && SCALE_SUFFIX.matcher(v.substring(c.choice().length())).matches()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * "No, the reply never mentions money." A worded choice, then punctuation and a reason. Not for numbers: a
     * last line "1. The response..." is a list item, not the answer 1.
     */
    private Optional<Choice> wordThenReason(String line) {
        for (Choice c : choices) {
            int n = c.choice().length();
            if (c.choice().chars().anyMatch(Character::isLetter) && line.regionMatches(true, 0, c.choice(), 0, n)
                    && REASON_AFTER_CHOICE.matcher(line.substring(n)).matches()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private Optional<Choice> exactChoice(String value) {
        return choices.stream().filter(c -> c.choice().equalsIgnoreCase(value)).findFirst()
                .or(() -> bare(value));
    }

    /** The value starts with a choice that ends at a word boundary: "4 (mostly coherent)", "yes — it does". */
    private Optional<Choice> leadingChoice(String value) {
        for (Choice c : choices) {
            int n = c.choice().length();
            if (value.regionMatches(true, 0, c.choice(), 0, n) && endsAtBoundary(value, n)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static boolean endsAtBoundary(String value, int end) {
        if (end >= value.length()) {
            return true;
        }
        char next = value.charAt(end);
        if (Character.isLetterOrDigit(next)) {
            return false;
        }
        // "3.5" or "3,5" is not the choice "3"
        return !((next == '.' || next == ',') && end + 1 < value.length() && Character.isDigit(value.charAt(end + 1)));
    }

    private Optional<Match> fromJson(String text) {
        String body = stripFence(text);
        if (!body.startsWith("{") || !body.endsWith("}")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Optional<Choice> found = Optional.empty();
        String reason = "";
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey().toLowerCase(Locale.ROOT);
            if (found.isEmpty() && LABELS.contains(key) && f.getValue().isValueNode()) {
                found = exactChoice(trimValue(f.getValue().asText()));
            } else if (REASON_FIELDS.contains(key) && f.getValue().isTextual()) {
                reason = f.getValue().asText();
            }
        }
        String r = reason;
        return found.map(c -> new Match(c, body, r));
    }

    private static String stripFence(String text) {
        if (text.startsWith("```")) {
            int firstNewline = text.indexOf('\n');
            int closing = text.lastIndexOf("```");
            if (firstNewline > 0 && closing > firstNewline) {
                return text.substring(firstNewline + 1, closing).strip();
            }
        }
        return text;
    }

    private static String reasoning(String[] lines, int answerLine) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i != answerLine) {
                sb.append(lines[i]).append('\n');
            }
        }
        return sb.toString().strip();
    }

    /** Without Markdown emphasis, quote marks, list bullets, headings and brackets around the line. */
    static String normalize(String line) {
        String s = line.strip();
        s = s.replaceAll("^(?:[#>]+\\s*|[-*+]\\s+)+", "");
        s = s.replace("**", "").replace("__", "").replace("`", "");
        s = s.replaceAll("^[\\[(*_]+|[\\])*_]+$", "");
        if (s.matches("^[-=*_~\\s]*$")) {
            return ""; // a rule or an empty emphasis: no content
        }
        return s.strip();
    }

    private static String trimValue(String v) {
        String s = v.strip().replace("**", "").replace("`", "");
        s = s.replaceAll("^[\"'“‘«\\[(*_]+", "").replaceAll("[\"'”’»\\])*_]+$", "");
        s = s.replaceAll("[.!;]+$", "");
        s = s.replaceAll("^[\"'“‘«]+|[\"'”’»]+$", "");
        return s.strip();
    }
}
