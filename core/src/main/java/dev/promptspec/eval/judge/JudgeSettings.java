package dev.promptspec.eval.judge;

import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.SettingValue;
import dev.promptspec.problem.InvalidConfigException;
import java.util.Locale;
import java.util.Optional;

/** Settings every judge shares: {@code modelId} and {@code threshold}. */
final class JudgeSettings {

    private JudgeSettings() {
    }

    static String modelId(EvaluatorSettings c) throws InvalidConfigException {
        return modelId(c, "modelId");
    }

    /** The judge model {@code key} names, or null when it is not set; an empty one is an error. */
    static String modelId(EvaluatorSettings c, String key) throws InvalidConfigException {
        Optional<String> id = c.string(key);
        if (id.isPresent() && id.get().isBlank()) {
            throw c.get(key).orElseThrow().reject("'" + key + "' is empty",
                    "Name the judge model (gpt-4o, openai/gpt-4o...) or remove the key to use the run's judge model");
        }
        return id.map(String::strip).orElse(null);
    }

    /**
     * The lowest passing score, 0..1. A judge's rating of N on a 1–5 scale is the score (N-1)/4; a threshold
     * written as a rating ({@code threshold: 4}) is an error that says so, never silently reinterpreted.
     */
    static Double threshold(EvaluatorSettings c, String where) throws InvalidConfigException {
        Optional<SettingValue> e = c.get("threshold");
        if (e.isPresent() && e.get().asNumber().isPresent()) {
            double v = e.get().asNumber().get();
            if (v > 1 && v <= 5 && v == Math.rint(v)) {
                throw e.get().reject("'threshold' in " + where + " is a score from 0 to 1, not a rating",
                        String.format(Locale.ROOT, "A rating of %d of 5 is the score %.2f: write threshold: %.2f", (int) v,
                                (v - 1) / 4, (v - 1) / 4));
            }
        }
        return c.number("threshold", 0, 1).orElse(null);
    }
}
