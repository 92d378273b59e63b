package dev.promptspec.eval.regex;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.SettingValue;
import dev.promptspec.problem.InvalidConfigException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apiguardian.api.API;

/**
 * {@code regex} checks (also written {@code type: regex} with {@code pattern:}, the seed's form). The
 * pattern is Java regex syntax and is compiled when the file loads, so a bad pattern is a load error.
 */
@API(status = INTERNAL, since = "0.1")
public final class RegexEvaluatorFactory implements EvaluatorFactory {

    static final List<String> KEYS = List.of("pattern", "flags", "ignoreCase", "multiline", "dotall", "mustNotMatch",
            "minMatches", "maxMatches", "perLine", "maxSteps");

    @Override
    public String kind() {
        return "regex";
    }

    @Override
    public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
        SettingValue shorthand = def.value();
        if (shorthand.isScalar()) {
            return evaluator(RegexCheck.of(compile(shorthand.text(), 0, shorthand, def.name()), RegexCheck.Rule.found()));
        }
        EvaluatorSettings c = def.settings();
        c.allowOnly(KEYS);
        Optional<String> pattern = c.string("pattern");
        if (pattern.isEmpty() || pattern.get().isEmpty()) {
            throw def.value().reject("regex evaluator '" + def.name() + "' has no 'pattern'",
                    "Add pattern: \"...\" (a Java regular expression; quote it in YAML)");
        }
        int flags = 0;
        Optional<String> letters = c.string("flags");
        if (letters.isPresent()) {
            flags |= flags(letters.get(), c.get("flags").orElseThrow());
        }
        if (c.bool("ignoreCase").orElse(false)) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if (c.bool("multiline").orElse(false)) {
            flags |= Pattern.MULTILINE;
        }
        if (c.bool("dotall").orElse(false)) {
            flags |= Pattern.DOTALL;
        }
        Optional<Integer> min = c.integer("minMatches", 0);
        Optional<Integer> max = c.integer("maxMatches", 0);
        boolean mustNotMatch = c.bool("mustNotMatch").orElse(false);
        boolean perLine = c.bool("perLine").orElse(false);
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            throw c.get("minMatches").orElseThrow().reject(
                    "minMatches (" + min.get() + ") is greater than maxMatches (" + max.get() + ")",
                    "Make minMatches at most maxMatches");
        }
        if (mustNotMatch && (min.isPresent() || max.isPresent() || perLine)) {
            throw c.keyOf("mustNotMatch").reject("mustNotMatch cannot be combined with minMatches, maxMatches or perLine",
                    "Use maxMatches: 0 to forbid matches, or separate evaluators");
        }
        long maxSteps = c.integer("maxSteps", 1000).map(Integer::longValue).orElse(RegexCheck.DEFAULT_MAX_STEPS);
        Pattern compiled = compile(pattern.get(), flags, c.get("pattern").orElseThrow(), def.name());
        return evaluator(new RegexCheck(compiled, new RegexCheck.Rule(mustNotMatch, min.orElse(null), max.orElse(null), perLine),
                maxSteps));
    }

    private static Evaluator evaluator(RegexCheck check) {
        return context -> check.check(context.response());
    }

    @Override
    public String settingsSchema() {
        return """
                {
                  "description": "A Java regular expression searched for in the response (PromptSpec extension). Either the pattern itself (regex: 'CQRS|Saga') or a mapping of settings; with 'type: regex' the settings sit beside 'type'.",
                  "anyOf": [
                    {"type": "string", "description": "The pattern; it must be found somewhere in the response."},
                    {
                      "type": "object",
                      "required": ["pattern"],
                      "properties": {
                        "pattern": {"type": "string", "description": "The Java regular expression; quote it with single quotes in YAML so backslashes stay as written."},
                        "flags": {"type": "string", "pattern": "^[imsxu]*$", "description": "Flag letters: i ignore case, m multiline (^ and $ at line ends), s dot matches newline, x comments, u Unicode classes."},
                        "ignoreCase": {"type": "boolean", "description": "Match ignoring case (same as flag i)."},
                        "multiline": {"type": "boolean", "description": "^ and $ match at line ends (same as flag m)."},
                        "dotall": {"type": "boolean", "description": "A dot matches newlines too (same as flag s)."},
                        "mustNotMatch": {"type": "boolean", "description": "Pass only when the pattern is NOT found."},
                        "minMatches": {"type": "integer", "minimum": 0, "description": "At least this many matches."},
                        "maxMatches": {"type": "integer", "minimum": 0, "description": "At most this many matches (0 forbids the pattern)."},
                        "perLine": {"type": "boolean", "description": "Every non-blank line of the response must match."},
                        "maxSteps": {"type": "integer", "minimum": 1000, "description": "Characters the regex engine may read per evaluation before giving up (guards against catastrophic backtracking). Default 20000000."}
                      },
                      "additionalProperties": false
                    }
                  ]
                }
                """;
    }

    private static int flags(String letters, SettingValue at) throws InvalidConfigException {
        int flags = 0;
        for (char ch : letters.toCharArray()) {
            flags |= switch (ch) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'x' -> Pattern.COMMENTS;
                case 'u' -> Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE;
                default -> throw at.reject("unknown regex flag '" + ch + "'",
                        "Use i (ignore case), m (multiline), s (dot matches newline), x (comments), u (Unicode classes)");
            };
        }
        return flags;
    }

    private static Pattern compile(String pattern, int flags, SettingValue at, String name) throws InvalidConfigException {
        try {
            return Pattern.compile(pattern, flags);
        } catch (PatternSyntaxException e) {
            String caret = e.getIndex() >= 0 ? " at index " + e.getIndex() + " (" + pointer(pattern, e.getIndex()) + ")" : "";
            throw at.reject("invalid regex in '" + name + "': " + e.getDescription() + caret,
                    "Fix the pattern (Java regex syntax; in YAML, prefer single quotes so backslashes stay as written)");
        }
    }

    private static String pointer(String pattern, int index) {
        int i = Math.min(index, pattern.length());
        return pattern.substring(0, i) + "⟨here⟩" + pattern.substring(i);
    }
}
