package dev.promptspec.mutation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The content operators: what the answer says, not how it is laid out. */
final class ContentOperators {

    private static final Map<String, String> OPPOSITES = Map.ofEntries(
            Map.entry("must not", "must"), Map.entry("must", "must not"),
            Map.entry("should not", "should"), Map.entry("should", "should not"),
            Map.entry("not recommended", "recommended"), Map.entry("recommended", "not recommended"),
            Map.entry("always", "never"), Map.entry("never", "always"),
            Map.entry("cannot", "can"), Map.entry("can't", "can"), Map.entry("can", "cannot"));
    /** Longest first, so that "must not" is one match, not "must" followed by "not". */
    private static final Pattern RULE_WORD = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(must not|should not|not recommended|can't|cannot|must|should|recommended|always|never|can)"
                    + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE);

    private ContentOperators() {
    }

    static List<MutationOperator> all() {
        return List.of(new MutationOperator("drop-mentioned-sentences", ContentOperators::dropMentionedSentences),
                new MutationOperator("replace-answer", ContentOperators::replaceAnswer),
                new MutationOperator("negate", ContentOperators::negate));
    }

    /**
     * One mutant per term the case mentions ({@link Subject#terms()}): every sentence holding it is gone. Not for JSON
     * (a JSON answer's values are {@code replace-value}'s).
     */
    static List<String> dropMentionedSentences(Subject subject) {
        if (subject.isJson()) {
            return List.of();
        }
        return subject.terms().stream().map(term -> Sentences.without(subject.text(), term)).toList();
    }

    /**
     * The final answer line says another valid answer: in the response's last non-blank line, the case's
     * {@code expected} value becomes another case's {@code expected} value (one mutant per other value). Applies to text
     * answers whose last line holds the expected value; a JSON answer's values are {@code replace-value}'s.
     */
    static List<String> replaceAnswer(Subject subject) {
        String text = subject.text();
        if (subject.isJson() || subject.expected() == null || subject.alternatives().isEmpty()) {
            return List.of();
        }
        int lineStart = text.lastIndexOf('\n') + 1;
        Pattern expected = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(subject.expected()) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        String line = text.substring(lineStart);
        if (!expected.matcher(line).find()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String other : subject.alternatives()) {
            out.add(text.substring(0, lineStart) + expected.matcher(line).replaceAll(Matcher.quoteReplacement(other)));
        }
        return out;
    }

    /**
     * One mutant: every rule word says the opposite ("must" and "must not", "should" and "should not", "recommended"
     * and "not recommended", "always" and "never", "can" and "cannot"), JSON string values included.
     */
    static List<String> negate(Subject subject) {
        Matcher m = RULE_WORD.matcher(subject.text());
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        while (m.find()) {
            any = true;
            String found = m.group(1);
            String opposite = OPPOSITES.get(found.toLowerCase(Locale.ROOT));
            if (Character.isUpperCase(found.charAt(0))) {
                opposite = Character.toUpperCase(opposite.charAt(0)) + opposite.substring(1);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(opposite));
        }
        m.appendTail(sb);
        return any ? List.of(sb.toString()) : List.of();
    }
}
