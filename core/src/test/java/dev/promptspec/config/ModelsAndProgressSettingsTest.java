package dev.promptspec.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@value Keys#MODELS} and {@value Keys#PROGRESS} as users set them, and their mistakes. */
class ModelsAndProgressSettingsTest {

    private static SettingsReader.Settings read(Map<String, String> params) {
        return SettingsReader.read(ConfigSource.of(params), Map.<String, String>of()::get);
    }

    @Test
    void models_are_a_comma_separated_list_in_order_and_none_by_default() {
        assertThat(read(Map.of(Keys.MODELS, " gpt-4o , gpt-4o-mini,openai/o3-mini ")).config().models())
                .containsExactly("gpt-4o", "gpt-4o-mini", "openai/o3-mini");
        assertThat(read(Map.of()).config().models()).isEmpty();
        assertThat(read(Map.of(Keys.MODELS, "  ")).config().models()).as("blank is unset").isEmpty();
    }

    @Test
    void a_mistaken_model_list_is_an_error_naming_the_key_and_the_fix() {
        assertThat(read(Map.of(Keys.MODELS, "gpt-4o,,gpt-4o-mini")).errors()).containsExactly("promptspec.models=gpt-4o,,gpt-4o-mini"
                + " has an empty entry; write model ids separated by commas, e.g. gpt-4o,gpt-4o-mini");
        assertThat(read(Map.of(Keys.MODELS, "gpt-4o,gpt-4o")).errors()).containsExactly("promptspec.models=gpt-4o,gpt-4o names"
                + " gpt-4o twice; name each model once");
        assertThat(read(Map.of(Keys.MODELS, "gpt-4o,gpt-4o-mini", Keys.MODEL, "gpt-4o")).errors()).containsExactly(
                "promptspec.model and promptspec.models are both set; set promptspec.model to run every case on one model,"
                        + " or promptspec.models to run each case on several");
    }

    @Test
    void progress_is_auto_true_or_false_and_auto_shows_only_on_a_terminal_outside_ci() {
        assertThat(read(Map.of()).config().progress()).isEqualTo(ProgressMode.AUTO);
        assertThat(read(Map.of(Keys.PROGRESS, "TRUE")).config().progress()).isEqualTo(ProgressMode.ON);
        assertThat(read(Map.of(Keys.PROGRESS, "false")).config().progress()).isEqualTo(ProgressMode.OFF);
        assertThat(read(Map.of(Keys.PROGRESS, "yes")).errors()).containsExactly("promptspec.progress=yes is not a choice; use auto, true or false");

        assertThat(ProgressMode.AUTO.shown(true, false)).isTrue();
        assertThat(ProgressMode.AUTO.shown(true, true)).as("under CI").isFalse();
        assertThat(ProgressMode.AUTO.shown(false, false)).as("output redirected").isFalse();
        assertThat(ProgressMode.ON.shown(false, true)).isTrue();
        assertThat(ProgressMode.OFF.shown(true, false)).isFalse();
    }
}
