package dev.promptspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Removes secrets from text that leaves the process (exception messages, server error bodies echoed
 * back, reports). The known keys are replaced wherever they occur; bearer tokens and {@code sk-...}
 * shaped keys are masked even when we did not know them.
 */
@API(status = INTERNAL, since = "0.1")
public final class Redactor {

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern OPENAI_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_-]{16,}");
    private static final Pattern GITHUB_TOKEN = Pattern.compile("\\b(ghp|gho|ghu|ghs|github_pat)_[A-Za-z0-9_]{16,}");

    private final List<String> secrets;

    /** @param secrets the keys to hide wherever they occur (nulls and values shorter than 4 characters are ignored) */
    public Redactor(Collection<Secret> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).map(Secret::reveal)
                .filter(s -> s.length() >= 4).distinct().toList();
    }

    /** Knows no keys; still masks bearer tokens and key-shaped text. */
    public static Redactor none() {
        return new Redactor(List.of());
    }

    /**
     * A copy of {@code thrown} to keep as a cause: same class name and stack trace, every message in it (causes and
     * suppressed exceptions included) redacted. Null for null.
     */
    public RedactedException redact(Throwable thrown) {
        return thrown == null ? null : RedactedException.of(thrown, this);
    }

    /** {@code text} with every known key, bearer token and key-shaped text replaced by {@code ****}; null for null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "****");
        }
        out = BEARER.matcher(out).replaceAll("$1****");
        out = OPENAI_KEY.matcher(out).replaceAll("sk-****");
        return GITHUB_TOKEN.matcher(out).replaceAll("$1_****");
    }
}
