package dev.promptspec.eval.string;

import dev.promptspec.eval.SettingTemplate;
import dev.promptspec.eval.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One string check against the (trimmed) response; values are already rendered. */
record StringCondition(Op op, List<SettingTemplate> values, boolean ignoreCase) {

    enum Op { EQUALS, CONTAINS, STARTS_WITH, ENDS_WITH, NOT_CONTAINS, CONTAINS_ALL, CONTAINS_ANY }

    /** Null when it holds, else what failed. */
    String failure(String response, List<String> rendered) {
        String r = fold(response);
        String caseNote = ignoreCase ? " (ignoring case)" : "";
        switch (op) {
            case EQUALS -> {
                String v = rendered.get(0);
                boolean ok = ignoreCase ? response.equalsIgnoreCase(v) : response.equals(v);
                return ok ? null : "expected exactly " + Texts.quote(v) + caseNote + ", got " + Texts.quote(response);
            }
            case CONTAINS -> {
                String v = rendered.get(0);
                return r.contains(fold(v)) ? null : "does not contain " + Texts.quote(v) + caseNote;
            }
            case STARTS_WITH -> {
                String v = rendered.get(0);
                return r.startsWith(fold(v)) ? null : "does not start with " + Texts.quote(v) + caseNote + "; starts with "
                        + Texts.quote(response, Math.max(20, v.length() + 10));
            }
            case ENDS_WITH -> {
                String v = rendered.get(0);
                if (r.endsWith(fold(v))) {
                    return null;
                }
                String tail = response.length() > v.length() + 10 ? "…" + response.substring(response.length() - v.length() - 10) : response;
                return "does not end with " + Texts.quote(v) + caseNote + "; ends with " + Texts.quote(tail);
            }
            case NOT_CONTAINS -> {
                List<String> found = new ArrayList<>();
                for (String v : rendered) {
                    int at = r.indexOf(fold(v));
                    if (at >= 0) {
                        found.add(Texts.quote(v) + " (line " + Texts.lineOf(response, at) + ")");
                    }
                }
                return found.isEmpty() ? null : "must not contain " + String.join(", ", found) + caseNote;
            }
            case CONTAINS_ALL -> {
                List<String> missing = rendered.stream().filter(v -> !r.contains(fold(v))).map(Texts::quote).toList();
                return missing.isEmpty() ? null : "does not contain " + String.join(", ", missing) + caseNote
                        + " (" + (rendered.size() - missing.size()) + " of " + rendered.size() + " found)";
            }
            case CONTAINS_ANY -> {
                boolean any = rendered.stream().anyMatch(v -> r.contains(fold(v)));
                return any ? null : "contains none of " + String.join(", ", rendered.stream().map(Texts::quote).toList()) + caseNote;
            }
            default -> throw new IllegalStateException(op.name());
        }
    }

    /** What it checked, when it held. */
    String success(List<String> rendered) {
        return switch (op) {
            case EQUALS -> "equals " + Texts.quote(rendered.get(0));
            case CONTAINS -> "contains " + Texts.quote(rendered.get(0));
            case STARTS_WITH -> "starts with " + Texts.quote(rendered.get(0));
            case ENDS_WITH -> "ends with " + Texts.quote(rendered.get(0));
            case NOT_CONTAINS -> "contains none of " + String.join(", ", rendered.stream().map(Texts::quote).toList());
            case CONTAINS_ALL -> "contains all " + rendered.size() + " texts";
            case CONTAINS_ANY -> "contains one of " + String.join(", ", rendered.stream().map(Texts::quote).toList());
        };
    }

    private String fold(String s) {
        return ignoreCase ? s.toLowerCase(Locale.ROOT) : s;
    }
}
