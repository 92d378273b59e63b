package dev.promptspec.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The most specific level wins, value by value; a setting that cannot work says why and what to write. */
class SamplingSettingsTest {

    private static final SamplingSettings CONFIGURATION = new SamplingSettings(10, 0.9, null, SamplingPolicy.SEQUENTIAL,
            Inconclusive.PASS, "the configuration");

    @Test
    void an_entry_value_wins_over_the_file_the_class_and_the_configuration_value_by_value() {
        SamplingSettings entry = SamplingSettings.of(null, 0.5, null, "this entry");
        SamplingSettings file = SamplingSettings.of(20, 0.7, null, "the file");
        SamplingSettings annotation = SamplingSettings.of(30, null, 0.9, "@PromptSpec on com.acme.TriageTest");

        SamplingPlan plan = SamplingSettings.resolve(List.of(entry, file, annotation, CONFIGURATION)).planOrThrow();

        assertThat(plan).isEqualTo(new SamplingPlan(20, 0.5, 0.9, SamplingPolicy.SEQUENTIAL, Inconclusive.PASS));
    }

    @Test
    void nothing_set_or_one_sample_is_a_single_call() {
        assertThat(SamplingSettings.resolve(List.of(SamplingSettings.NONE)).planOrThrow()).isSameAs(SamplingPlan.SINGLE);
        assertThat(SamplingSettings.resolve(List.of(SamplingSettings.of(1, null, null, "the file"))).planOrThrow().isSampled()).isFalse();
    }

    @Test
    void samples_without_a_pass_rate_say_where_samples_was_set() {
        SamplingSettings.Resolution r = SamplingSettings.resolve(List.of(SamplingSettings.of(12, null, null, "the file")));
        assertThat(r.plan()).isEmpty();
        assertThat(r.problem()).isEqualTo("samples: 12 (set by the file) needs a passRate, the share of samples that must pass");
        assertThat(r.fix()).isEqualTo("Add passRate: (for example passRate: 0.8) beside samples:, or set promptspec.pass-rate");
    }

    @Test
    void too_few_samples_for_the_pass_rate_name_the_minimum_and_where_each_value_came_from() {
        SamplingSettings.Resolution r = SamplingSettings.resolve(List.of(SamplingSettings.of(null, 0.8, null, "this entry"),
                CONFIGURATION));
        assertThat(r.problem()).isEqualTo("samples: 10 with passRate: 0.8 can never pass: at 95% confidence even 10 passes out of"
                + " 10 leave the Wilson lower bound at 0.72, below 0.8 (samples from the configuration, passRate from this entry);"
                + " it needs at least 16 samples");
        SamplingSettings.Resolution one = SamplingSettings.resolve(List.of(SamplingSettings.of(50, 1.0, null, "the file")));
        assertThat(one.problem()).isEqualTo("passRate: 1 can never pass with sequential sampling at 95% confidence: the"
                + " interval's lower bound stays below 1 however many samples pass");
        SamplingSettings observed = new SamplingSettings(10, 1.0, null, SamplingPolicy.OBSERVED, null, "the configuration");
        assertThat(SamplingSettings.resolve(List.of(observed)).plan()).isPresent();
    }
}
