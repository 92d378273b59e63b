package dev.promptspec.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.promptfile.TestCase;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * How a test case is named wherever people see it: the engine's tests, a Jupiter invocation of {@code @PromptCases},
 * reports. One rule, so a case reads the same in every one of them.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CaseNames {

    private static final int SUMMARY_CHARS = 60;

    private CaseNames() {
    }

    /** The entry's name or description, else {@code #n} and a glimpse of its variables. */
    public static String displayName(TestCase tc) {
        if (tc.name() != null && !tc.name().isBlank()) {
            return tc.key();
        }
        if (tc.description() != null && !tc.description().isBlank()) {
            return tc.description();
        }
        StringBuilder sb = new StringBuilder("#").append(tc.index());
        int budget = SUMMARY_CHARS;
        for (Map.Entry<String, String> v : tc.variables().entrySet()) {
            if (budget <= 0) {
                sb.append(" …");
                break;
            }
            String value = v.getValue().replaceAll("\\s+", " ").trim();
            if (value.length() > budget) {
                value = value.substring(0, Math.max(0, budget)) + "…";
            }
            sb.append(' ').append(v.getKey()).append("=\"").append(value).append('"');
            budget -= value.length() + v.getKey().length();
        }
        return sb.toString();
    }
}
