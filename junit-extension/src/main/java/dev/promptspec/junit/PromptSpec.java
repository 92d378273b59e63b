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
}
