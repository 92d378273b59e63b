package dev.promptspec.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@value Keys#BASELINE}, {@value Keys#FAIL_ON}, {@value Keys#SHARD} and the job summary GitHub Actions names. */
class BaselineAndShardSettingsTest {

    private static SettingsReader.Settings read(Map<String, String> params, Map<String, String> env) {
        return SettingsReader.read(ConfigSource.of(params), env::get);
    }

    @Test
    void defaults_compare_with_nothing_fail_on_any_failure_and_run_every_case() {
        RunConfig config = read(Map.of(), Map.of()).config();

        assertThat(config.baseline()).isEmpty();
        assertThat(config.failOn()).isEqualTo(FailOn.ANY_FAILURE);
        assertThat(config.shard()).isEmpty();
        assertThat(config.reports().stepSummary()).isEmpty();
    }

    @Test
    void reads_a_baseline_failing_on_regressions_and_a_shard(@TempDir Path dir) throws Exception {
        Path report = Files.writeString(dir.resolve("promptspec-report.json"), "{\"tool\": \"PromptSpec\"}");

        SettingsReader.Settings s = read(Map.of(Keys.BASELINE, report.toString(), Keys.FAIL_ON, "regressions", Keys.SHARD, " 3 / 4 "),
                Map.of());

        assertThat(s.errors()).isEmpty();
        assertThat(s.config().baseline()).contains(report);
        assertThat(s.config().failOn()).isEqualTo(FailOn.REGRESSIONS);
        assertThat(s.config().shard()).contains(new Shard(3, 4));
    }

    @Test
    void a_missing_baseline_and_bad_values_are_errors_naming_the_key_and_the_fix(@TempDir Path dir) {
        Path missing = dir.resolve("last-run/promptspec-report.json");

        assertThat(read(Map.of(Keys.BASELINE, missing.toString()), Map.of()).errors()).containsExactly("promptspec.baseline="
                + missing + " does not exist (looked for " + missing.toAbsolutePath()
                + "); give the promptspec-report.json of an earlier run");
        assertThat(read(Map.of(Keys.FAIL_ON, "regression"), Map.of()).errors())
                .containsExactly("promptspec.fail-on=regression is not a choice; use any-failure or regressions");
        assertThat(read(Map.of(Keys.FAIL_ON, "regressions"), Map.of()).errors()).containsExactly("promptspec.fail-on=regressions"
                + " needs a baseline to tell regressions from old failures; set promptspec.baseline to an earlier run's"
                + " promptspec-report.json, or remove promptspec.fail-on");
        for (String shard : new String[] {"0/4", "5/4", "2", "two/four", "1/0"}) {
            assertThat(read(Map.of(Keys.SHARD, shard), Map.of()).errors()).as(shard).containsExactly("promptspec.shard=" + shard
                    + " is not a shard; write k/n with 1 <= k <= n, e.g. 2/4 for the second of four jobs");
        }
    }

    @Test
    void the_step_summary_github_actions_names_is_where_the_summary_is_also_appended() {
        Map<String, String> env = Map.of(ReportsLocation.STEP_SUMMARY_VARIABLE, "/home/runner/work/_temp/_runner_file_commands/step_summary_1");

        assertThat(read(Map.of(), env).config().reports().stepSummary())
                .contains(Path.of("/home/runner/work/_temp/_runner_file_commands/step_summary_1"));
        assertThat(read(Map.of(Keys.REPORTS_DIR, "none"), env).config().reports().stepSummary()).isEmpty();
    }

    @Test
    void every_case_is_in_exactly_one_shard_and_stays_there() {
        int n = 4;
        Map<Integer, Integer> perShard = new HashMap<>();
        IntStream.range(0, 2000).mapToObj(i -> "[engine:promptspec]/[class:com.acme.TriageTest]/[file:prompts/triage.prompt.yml]/[case:#" + i + "]")
                .forEach(id -> {
                    long in = IntStream.rangeClosed(1, n).filter(k -> new Shard(k, n).contains(id)).count();
                    assertThat(in).as(id).isEqualTo(1);
                    int k = IntStream.rangeClosed(1, n).filter(i -> new Shard(i, n).contains(id)).findFirst().orElseThrow();
                    perShard.merge(k, 1, Integer::sum);
                });
        // a hash spreads cases evenly: 500 expected per shard, binomial sd about 19
        assertThat(perShard.values()).allSatisfy(count -> assertThat(count).isBetween(400, 600));
        // the first 8 bytes of SHA-256("[case:x]") are fixed, so is its shard: a case never moves between runs or machines
        assertThat(IntStream.rangeClosed(1, 4).filter(k -> new Shard(k, 4).contains("[case:x]")).boxed().findFirst())
                .isEqualTo(Optional.of(expectedShardOfCaseX()));
    }

    /** Computed independently: the unsigned first 8 bytes of SHA-256("[case:x]"), modulo 4, plus 1. */
    private static int expectedShardOfCaseX() {
        byte[] digest = dev.promptspec.internal.util.Sha256.of("[case:x]");
        java.math.BigInteger first8 = new java.math.BigInteger(1, java.util.Arrays.copyOf(digest, 8));
        return first8.mod(java.math.BigInteger.valueOf(4)).intValue() + 1;
    }
}
