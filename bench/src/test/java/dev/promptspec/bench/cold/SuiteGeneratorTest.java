package dev.promptspec.bench.cold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The cold benchmark's fixture is sound: every generated case passes against the generated answers, so a case that
 * fails in a benchmark run says something about the engine. Runs in-process (no fork, no timing): the benchmark itself
 * is never run by the build.
 */
class SuiteGeneratorTest {

    @TempDir
    Path project;

    @Test
    void every_generated_case_passes_against_the_generated_answers() throws Exception {
        int files = SuiteGenerator.write(project, 30, 10);
        assertThat(files).isEqualTo(3);
        assertThat(SuiteGenerator.files(project)).extracting(p -> p.getFileName().toString())
                .containsExactly("refund-replies-000.prompt.yml", "release-notes-002.prompt.yml", "ticket-triage-001.prompt.yml");

        try (FakeOpenAiServer server = FakeOpenAiServer.start(SuiteGenerator::answer)) {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectDirectory(project.resolve(SuiteGenerator.PROMPTS).toFile()))
                    .filters(includeEngines("promptspec"))
                    .configurationParameters(Map.of("promptspec.mode", "live", "promptspec.openai.base-url", server.baseUrl(),
                            "promptspec.reports.dir", "none", "promptspec.summary.stdout", "false", "promptspec.strict", "true"))
                    .build(), listener);
            TestExecutionSummary s = listener.getSummary();
            StringBuilder failures = new StringBuilder();
            s.getFailures().forEach(f -> failures.append(f.getTestIdentifier().getDisplayName()).append(": ").append(f.getException()).append('\n'));
            assertThat(failures.toString()).isEmpty();
            assertThat(s.getTestsSucceededCount()).isEqualTo(30);
            assertThat(server.requests()).hasSize(30);
        }
    }

    @Test
    void reads_the_console_launchers_summary() {
        String out = """
                Test run finished after 7062 ms
                [       101 containers found      ]
                [         0 containers skipped    ]
                [     10000 tests found           ]
                [         0 tests skipped         ]
                [     10000 tests started         ]
                [         2 tests aborted         ]
                [      9990 tests successful      ]
                [         8 tests failed          ]
                """;
        assertThat(Fork.summary(out)).isEqualTo(new Fork.Summary(10000, 9990, 8, 2, 0, 7062));
        assertThat(Fork.summary("Exception in thread \"main\"")).isEqualTo(Fork.Summary.NONE);
    }
}
