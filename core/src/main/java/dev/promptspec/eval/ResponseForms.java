package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * One test case's response in the parsed forms evaluators read (its Markdown tree, its JSON value), each parsed on
 * first use and then shared by every evaluator of the case: a file with two {@code markdown} evaluators and a
 * {@code json} one parses the answer once as Markdown and once as JSON, not three times. Reach it through
 * {@link EvaluationContext#parsed(Form)}.
 *
 * <p>Thread-safe: each form is parsed at most once. A form's parser must be a pure function of the text, and its
 * result immutable, since every evaluator of the case shares it.
 */
@API(status = MAINTAINED, since = "0.1")
public final class ResponseForms {

    /**
     * One way to read a response, such as {@code MarkdownRegion.FORM}. A form is its own cache key (by identity), so
     * declare each one once, as a constant.
     *
     * @param <T> the parsed form; immutable, since every evaluator of the case shares it
     */
    @API(status = MAINTAINED, since = "0.1")
    public static final class Form<T> {

        private final String name;
        private final Function<String, ? extends T> parser;

        private Form(String name, Function<String, ? extends T> parser) {
            this.name = Objects.requireNonNull(name);
            this.parser = Objects.requireNonNull(parser);
        }

        /**
         * @param name   what the form is, for messages ("Markdown")
         * @param parser reads the response text into the form; pure, never returns null
         */
        public static <T> Form<T> of(String name, Function<String, ? extends T> parser) {
            return new Form<>(name, parser);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final String response;
    private final Map<Form<?>, Object> parsed = new ConcurrentHashMap<>();

    /** @param response the text every form is parsed from: the trimmed response evaluators see */
    public ResponseForms(String response) {
        this.response = response;
    }

    /** The text the forms are parsed from. */
    public String response() {
        return response;
    }

    /** Whether an evaluator of this case has read the response in {@code form} already (for diagnostics and tests). */
    public boolean isParsed(Form<?> form) {
        return parsed.containsKey(form);
    }

    /** The response in {@code form}, parsed now if no evaluator of this case asked for it before. */
    public <T> T get(Form<T> form) {
        Object value = parsed.computeIfAbsent(form,
                f -> Objects.requireNonNull(f.parser.apply(response), () -> "the " + f + " parser returned null"));
        @SuppressWarnings("unchecked") // only get() stores, always a Form<T> with its own T
        T typed = (T) value;
        return typed;
    }
}
