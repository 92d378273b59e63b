package dev.promptspec.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.platform.commons.annotation.Testable;

/**
 * Runs prompt files as JUnit tests: one container per file, one test per {@code testData} entry.
 *
 * <pre>{@code
 * @PromptSpec("prompts/cqrs-architect.prompt.yml")
 * class CqrsArchitectPromptTest {}
 * }</pre>
 *
 * <p>Name the class like any test class ({@code *Test}) so Maven Surefire picks it up. The class needs no
 * body; it is where the tests hang in reports and IDEs.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Documented
@Testable
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PromptSpec {

    /**
     * Classpath locations of {@code *.prompt.yml} / {@code *.prompt.yaml} files, or of folders searched
     * recursively for them (for example {@code "prompts"} for {@code src/test/resources/prompts}).
     */
    String[] value();

    /**
     * The most samples each case of these files draws (a sample is one call plus every evaluator), unless a file or an
     * entry sets {@code samples:}. Above 1, a case's verdict is its samples' pass rate, and each sample is a child test.
     * Default 0: not set here ({@code promptspec.samples} applies, else 1).
     */
    int samples() default 0;

    /**
     * The share of samples that must pass (above 0, at most 1), unless a file or an entry sets {@code passRate:}.
     * Default -1: not set here ({@code promptspec.pass-rate} applies).
     */
    double passRate() default -1;

    /**
     * How sure a sampled verdict must be (0.5 to 0.9999), unless a file or an entry sets {@code confidence:}.
     * Default -1: not set here ({@code promptspec.confidence} applies, else 0.95).
     */
    double confidence() default -1;
}
