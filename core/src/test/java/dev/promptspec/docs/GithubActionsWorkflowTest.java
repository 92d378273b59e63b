package dev.promptspec.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The workflow of {@code docs/github-actions.md} is valid YAML, pins its actions, and does what the page says. */
class GithubActionsWorkflowTest {

    private static final Path PAGE = Path.of("..", "docs", "github-actions.md");
    private static final Pattern WORKFLOW = Pattern.compile("```yaml\n(# \\.github/workflows/.*?)```", Pattern.DOTALL);
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w.-]+@(v\\d+\\.\\d+\\.\\d+|[0-9a-f]{40})");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> job) {
        return (List<Map<String, Object>>) job.get("steps");
    }

    @Test
    void the_workflow_parses_pins_every_action_and_replays_four_shards_then_merges() throws Exception {
        Matcher m = WORKFLOW.matcher(Files.readString(PAGE));
        assertThat(m.find()).as("docs/github-actions.md shows the workflow").isTrue();
        Map<String, Object> workflow = map(new Yaml().load(m.group(1)));

        // SnakeYAML reads the key "on" as the boolean true (YAML 1.1); GitHub reads it as "on".
        assertThat(map(workflow.containsKey("on") ? workflow.get("on") : workflow.get(true))).containsKey("pull_request");
        Map<String, Object> jobs = map(workflow.get("jobs"));
        Map<String, Object> prompts = map(jobs.get("prompts"));
        assertThat(map(map(prompts.get("strategy")).get("matrix")).get("shard")).isEqualTo(List.of(1, 2, 3, 4));
        List<String> uses = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (Object job : jobs.values()) {
            for (Map<String, Object> step : steps(map(job))) {
                if (step.containsKey("uses")) {
                    uses.add((String) step.get("uses"));
                }
                if (step.containsKey("run")) {
                    runs.add((String) step.get("run"));
                }
            }
        }
        assertThat(uses).isNotEmpty().allSatisfy(u -> assertThat(u).matches(PINNED));
        assertThat(runs.get(0)).contains("-Dpromptspec.mode=replay", "-Dpromptspec.shard=${{ matrix.shard }}/4");
        assertThat(runs.get(1)).as("the plugin pinned, as every plugin in a build should be")
                .contains("org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath", "dev.promptspec.report.Merge promptspec-report"
                + " shards/*/promptspec-report.json");
        Map<String, Object> report = map(jobs.get("report"));
        assertThat(report.get("needs")).isEqualTo("prompts");
        assertThat(steps(report)).anySatisfy(s -> assertThat(String.valueOf(s.get("uses"))).startsWith("actions/upload-artifact@"));
    }
}
