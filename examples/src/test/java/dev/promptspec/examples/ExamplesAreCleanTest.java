package dev.promptspec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The suites users copy are clean: the promptspec engine discovers them without a single warning (a Java evaluator
 * that reads a testData key declares it, so the key is not reported as unused).
 */
class ExamplesAreCleanTest {

    @Test
    void every_example_loads_without_a_warning() {
        List<DiscoveryIssue> issues = EngineTestKit.engine("promptspec")
                .selectors(DiscoverySelectors.selectClass(CqrsArchitectPromptTest.class),
                        DiscoverySelectors.selectClass(OrderStatusPromptTest.class),
                        DiscoverySelectors.selectClass(SupportTicketTriagePromptTest.class),
                        DiscoverySelectors.selectClass(ReleaseNotesPromptTest.class))
                .discover().getDiscoveryIssues();

        assertEquals(List.of(), issues.stream().map(DiscoveryIssue::message).toList());
    }
}
