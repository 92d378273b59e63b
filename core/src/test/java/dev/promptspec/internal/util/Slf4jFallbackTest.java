package dev.promptspec.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a logging binding, SLF4J prints three "No SLF4J providers were found" lines at the first logger langchain4j or
 * the JSON Schema validator asks for. PromptSpec then selects SLF4J's own no-operation provider, and never when the
 * user has a binding or chose a provider. (This module's tests have slf4j-nop; {@link Slf4jFallbackForkTest} runs
 * a JVM without it.)
 */
class Slf4jFallbackTest {

    @TempDir
    Path dir;

    @Test
    void without_a_binding_slf4j_gets_its_own_no_operation_provider_and_says_nothing_about_it() {
        assertThat(Slf4jFallback.properties(Map.<String, String>of()::get, false)).containsExactly(
                Map.entry("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider"),
                Map.entry("slf4j.internal.verbosity", "WARN"));
    }

    @Test
    void a_users_binding_or_choice_is_never_overridden() {
        assertThat(Slf4jFallback.properties(Map.<String, String>of()::get, true)).as("a binding on the class path").isEmpty();
        assertThat(Slf4jFallback.properties(Map.of("slf4j.provider", "ch.qos.logback.classic.spi.LogbackServiceProvider")::get,
                false)).as("a provider chosen").isEmpty();
        assertThat(Slf4jFallback.properties(Map.of("slf4j.internal.verbosity", "DEBUG")::get, false))
                .as("SLF4J's own verbosity chosen").containsExactly(
                        Map.entry("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider"));
    }

    @Test
    void a_binding_is_a_provider_slf4j_finds_or_a_binding_for_slf4j_1_7_it_reports() throws IOException {
        assertThat(Slf4jFallback.bindingOnClassPath(getClass().getClassLoader())).as("slf4j-nop, on this class path").isTrue();
        assertThat(Slf4jFallback.bindingOnClassPath(loader(dir))).as("nothing").isFalse();

        Path legacy = Files.createDirectories(dir.resolve("logback-1.2/org/slf4j/impl"));
        Files.writeString(legacy.resolve("StaticLoggerBinder.class"), "not a real class: only its name is looked for");
        // SLF4J 2 ignores 1.7 bindings but says so; selecting a provider would hide that the user's logging is off
        assertThat(Slf4jFallback.bindingOnClassPath(loader(dir.resolve("logback-1.2")))).isTrue();
    }

    private static ClassLoader loader(Path root) throws IOException {
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }
}
