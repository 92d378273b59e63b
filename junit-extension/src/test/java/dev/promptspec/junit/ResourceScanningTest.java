package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both forms of the platform's resource scanning (the 1.12 one still exists, deprecated, on the platform these tests
 * run on) find the same prompt files, by their real names.
 */
class ResourceScanningTest {

    static Stream<ResourceScanning> bothForms() {
        return Stream.of(new ResourceScanning.ReflectionSupportScanning(), new ResourceScanning.ResourceSupportScanning());
    }

    private static List<String> names(List<ResourceScanning.Found> found) {
        return found.stream().map(ResourceScanning.Found::name).sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("bothForms")
    void a_package_s_prompt_files_by_their_real_names(ResourceScanning scanning) {
        assertThat(names(scanning.inPackage("prompts", PromptFiles::isPromptFile)))
                .contains("prompts/basic/greeting.prompt.yml", "prompts/release-1.2/release-greeting.prompt.yml",
                        "prompts/model-layer/load-more/day-trips.prompt.yml")
                .noneMatch(name -> name.contains("release-1/2"))
                .allMatch(name -> name.startsWith("prompts/"));
    }

    @ParameterizedTest
    @MethodSource("bothForms")
    void a_class_path_root_s_prompt_files_by_their_real_names(ResourceScanning scanning) throws Exception {
        URI testClasses = ResourceScanningTest.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        assertThat(names(scanning.inClasspathRoot(testClasses, name -> name.startsWith("prompts/release-1.2/"))))
                .containsExactly("prompts/release-1.2/release-greeting.prompt.yml");
    }

    @Test
    void the_real_name_is_the_tail_of_the_resource_s_path_when_the_platform_split_a_folder_at_its_dot() {
        URI file = Path.of("/work/app/target/test-classes/prompts/release-1.2/a.prompt.yml").toUri();
        assertThat(ResourceScanning.Found.of("prompts/release-1/2/a.prompt.yml", file).name())
                .isEqualTo("prompts/release-1.2/a.prompt.yml");
        URI inJar = URI.create("jar:file:///work/libs/shared%20prompts.jar!/prompts/release-1.2/a.prompt.yml");
        assertThat(ResourceScanning.Found.of("prompts/release-1/2/a.prompt.yml", inJar).name())
                .isEqualTo("prompts/release-1.2/a.prompt.yml");
        assertThat(ResourceScanning.Found.of("prompts/a.prompt.yml", file).name()).as("a name that is no such split stays")
                .isEqualTo("prompts/a.prompt.yml");
    }
}
