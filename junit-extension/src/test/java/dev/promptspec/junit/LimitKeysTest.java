package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.Keys;
import dev.promptspec.config.YamlLimits;
import org.junit.jupiter.api.Test;

/** core names the keys in its limit errors without depending on the engine: they must be the engine's keys. */
class LimitKeysTest {

    @Test
    void limit_errors_name_the_engine_configuration_keys() {
        assertThat(YamlLimits.MAX_FILE_BYTES_KEY).isEqualTo(Keys.LIMIT_FILE_BYTES);
        assertThat(YamlLimits.MAX_ALIASES_KEY).isEqualTo(Keys.LIMIT_ALIASES);
        assertThat(YamlLimits.MAX_DEPTH_KEY).isEqualTo(Keys.LIMIT_DEPTH);
        assertThat(YamlLimits.MAX_NODES_KEY).isEqualTo(Keys.LIMIT_NODES);
    }
}
