package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.config.Keys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * JUnit's suite engine ({@code junit-platform-suite}, on this module's test class path) selecting prompt files with its
 * own annotations: PromptSpec needs no annotation of its own for them. The suites run in {@code validate} mode, so no
 * model is called; what is checked is which tests each suite finds.
 */
class SuiteSelectionTest {

    @Suite
    @IncludeEngines("promptspec")
    @SelectClasspathResource("prompts/basic")
    @ConfigurationParameter(key = Keys.MODE, value = "validate")
    static class BasicPrompts {
    }

    @Suite
    @IncludeEngines("promptspec")
    @SelectClasspathResource(value = "prompts/triage/triage.prompt.yml", line = 26)
    @ConfigurationParameter(key = Keys.MODE, value = "validate")
    static class OneTriageCase {
    }

    /**
     * A suite's class name patterns apply to {@code @PromptSpec} classes as to any test class (its default admits
     * {@code *Test} and {@code *Tests}, not these fixtures' names); prompt files are not classes.
     */
    @Suite
    @IncludeEngines("promptspec")
    @SelectPackages("dev.promptspec.junit.pkg")
    @IncludeClassNamePatterns(".*Greetings")
    @ConfigurationParameter(key = Keys.MODE, value = "validate")
    static class PackagePrompts {
    }

    /** The suite engine, found as the launcher finds it (and it finds PromptSpec's engine the same way). */
    private static EngineExecutionResults run(Class<?> suite) {
        return EngineTestKit.engine("junit-platform-suite").enableImplicitConfigurationParameters(false)
                .selectors(selectClass(suite)).execute();
    }

    private static UniqueId inSuite(Class<?> suite) {
        return UniqueId.forEngine("junit-platform-suite").append("suite", suite.getName()).append("engine", Constants.ENGINE_ID);
    }

    private static List<UniqueId> passed(EngineExecutionResults results) {
        results.testEvents().assertStatistics(s -> s.failed(0).aborted(0).skipped(0));
        return results.testEvents().succeeded().map(Event::getTestDescriptor).map(TestDescriptor::getUniqueId).sorted(
                (a, b) -> a.toString().compareTo(b.toString())).toList();
    }

    @Test
    void select_classpath_resource_of_a_folder_runs_every_prompt_file_below_it() {
        UniqueId file = inSuite(BasicPrompts.class).append("file", "prompts/basic/greeting.prompt.yml");
        assertThat(passed(run(BasicPrompts.class))).containsExactly(file.append("case", "Ada"), file.append("case", "Grace"));
    }

    @Test
    void select_classpath_resource_of_a_file_and_a_line_runs_the_entry_holding_that_line() {
        assertThat(passed(run(OneTriageCase.class))).containsExactly(inSuite(OneTriageCase.class)
                .append("file", "prompts/triage/triage.prompt.yml").append("case", "dashboard down"));
    }

    @Test
    void select_packages_runs_the_package_s_prompt_spec_classes_and_the_prompt_files_under_its_path() {
        UniqueId engine = inSuite(PackagePrompts.class);
        UniqueId greetings = engine.append("class", "dev.promptspec.junit.pkg.PackageFixtures$Greetings")
                .append("file", "prompts/basic/greeting.prompt.yml");
        assertThat(passed(run(PackagePrompts.class))).containsExactlyInAnyOrder(
                greetings.append("case", "Ada"), greetings.append("case", "Grace"),
                engine.append("class", "dev.promptspec.junit.pkg.PackageFixtures$FrenchGreetings")
                        .append("file", "prompts/mixed/good.prompt.yml").append("case", "Camille"),
                engine.append("file", "dev/promptspec/junit/pkg/welcome.prompt.yml").append("case", "Linus"));
    }
}
