package dev.promptspec.bench.cold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.HashMap;
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

        assertEveryTestPasses(Map.of(), 30);
    }

    @Test
    void on_several_models_every_case_passes_once_per_model_as_colds_run_counts_it() throws Exception {
        SuiteGenerator.write(project, 30, 10);
        ColdRun.Scenario scenario = new ColdRun.Scenario("models", 30, 200, 16, "live", false, "-", Double.NaN, Double.NaN,
                Double.NaN, Double.NaN).onModels(ColdRun.modelList("gpt-4o-mini, gpt-4.1-mini"));

        assertEveryTestPasses(Map.of(ColdRun.MODELS_KEY, "gpt-4o-mini,gpt-4.1-mini"), scenario.tests());
        assertThat(scenario.tests()).isEqualTo(60);
        assertThat(scenario.idealS()).as("60 calls of 0.2 s, 16 at a time").isEqualTo(0.75);
    }

    @Test
    void a_models_list_with_an_empty_id_is_refused() {
        assertThatThrownBy(() -> ColdRun.modelList("gpt-4o-mini,,gpt-4.1-mini")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--models needs model ids separated by commas");
    }

    /** Runs the generated project in this JVM against the generated answers: {@code tests} tests, and as many calls. */
    private void assertEveryTestPasses(Map<String, String> extra, int tests) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SuiteGenerator::answer)) {
            Map<String, String> config = new HashMap<>(Map.of("promptspec.mode", "live", "promptspec.openai.base-url", server.baseUrl(),
                    "promptspec.reports.dir", "none", "promptspec.summary.stdout", "false", "promptspec.strict", "true"));
            config.putAll(extra);
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectDirectory(project.resolve(SuiteGenerator.PROMPTS).toFile()))
                    .filters(includeEngines("promptspec"))
                    .configurationParameters(config)
                    .build(), listener);
            TestExecutionSummary s = listener.getSummary();
            StringBuilder failures = new StringBuilder();
            s.getFailures().forEach(f -> failures.append(f.getTestIdentifier().getDisplayName()).append(": ").append(f.getException()).append('\n'));
            assertThat(failures.toString()).isEmpty();
            assertThat(s.getTestsSucceededCount()).isEqualTo(tests);
            assertThat(server.requests()).hasSize(tests);
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
