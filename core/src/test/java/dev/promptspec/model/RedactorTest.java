package dev.promptspec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets leave no trace in texts or in exceptions kept as causes. */
class RedactorTest {

    private static final String KEY = "sk-proj-Qm4TOPsecret9876543210wxyz";
    private final Redactor redactor = new Redactor(List.of(Secret.ofNullable(KEY)));

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void known_keys_and_key_shaped_words_are_masked_in_text() {
        assertThat(redactor.redact("Incorrect API key provided: " + KEY + ".")).isEqualTo("Incorrect API key provided: ****.");
        assertThat(Redactor.none().redact("Authorization: Bearer abcdefgh12345678")).isEqualTo("Authorization: Bearer ****");
        assertThat(Redactor.none().redact("token ghp_abcdefghijklmnop1234")).isEqualTo("token ghp_****");
    }

    @Test
    void an_exception_kept_as_a_cause_prints_like_the_original_without_the_key() {
        IOException root = new IOException("proxy refused header 'Authorization: Bearer " + KEY + "'");
        UncheckedIOException thrown = new UncheckedIOException("request to https://llm.example/v1?key=" + KEY + " failed", root);
        thrown.addSuppressed(new IllegalStateException("retrying with " + KEY));

        RedactedException copy = redactor.redact(thrown);

        assertThat(copy.originalClassName()).isEqualTo("java.io.UncheckedIOException");
        assertThat(copy).hasToString("java.io.UncheckedIOException: request to https://llm.example/v1?key=**** failed");
        assertThat(copy.getStackTrace()).isEqualTo(thrown.getStackTrace());
        assertThat(copy.getCause()).hasToString("java.io.IOException: proxy refused header 'Authorization: Bearer ****'");
        assertThat(copy.getCause().getStackTrace()).isEqualTo(root.getStackTrace());
        assertThat(copy.getSuppressed()).singleElement().hasToString("java.lang.IllegalStateException: retrying with ****");
        assertThat(printed(new ModelCallException(ModelCallException.Kind.CONNECTION, "connection failed", 1, 0, copy)))
                .contains("Caused by: java.io.UncheckedIOException: request to", "Caused by: java.io.IOException: proxy refused",
                        "Suppressed: java.lang.IllegalStateException: retrying with ****", "at " + getClass().getName())
                .doesNotContain(KEY).doesNotContain("TOPsecret");
    }

    @Test
    void a_cause_cycle_is_copied_once() {
        IllegalStateException a = new IllegalStateException("a " + KEY);
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);
        RedactedException copy = redactor.redact(a);
        assertThat(copy.getCause()).hasToString("java.lang.IllegalArgumentException: b");
        assertThat(copy.getCause().getCause()).isNull();
        assertThat(printed(copy)).doesNotContain(KEY);
    }
}
