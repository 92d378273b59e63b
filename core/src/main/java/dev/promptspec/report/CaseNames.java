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
            String value = glimpse(v.getValue(), budget);
            sb.append(' ').append(v.getKey()).append("=\"").append(value).append('"');
            budget -= value.length() + v.getKey().length();
        }
        return sb.toString();
    }

    /**
     * What {@code value.replaceAll("\\s+", " ").trim()} cut to {@code budget} characters (with "…" when longer) would
     * be, reading only as much of the value as is shown, and compiling no pattern.
     */
    static String glimpse(String value, int budget) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), budget + 1));
        StringBuilder pending = new StringBuilder(); // control characters and spaces after the last visible character
        boolean inSpaces = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ') {
                out.append(pending).append(c);
                pending.setLength(0);
                inSpaces = false;
                if (out.length() > budget) {
                    out.setLength(budget);
                    return out.append('…').toString();
                }
            } else if (out.length() > 0) { // before the first visible character, trim() drops it
                boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
                if (!space) {
                    pending.append(c);
                } else if (!inSpaces) {
                    pending.append(' ');
                }
                inSpaces = space;
            }
        }
        return out.toString(); // what is left pending is trailing: trim() drops it
    }
}
