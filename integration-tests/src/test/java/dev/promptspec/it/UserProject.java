package dev.promptspec.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A support team's project as it would adopt PromptSpec: a little application code with a plain Jupiter test, and a
 * {@code @PromptSpec} class over its prompt files, two of them recorded (PromptSpec's example suites with their
 * recordings) and one new (recorded by the build itself, from the fake model, in the default {@code auto} mode).
 */
final class UserProject {

    static final String GROUP = "com.example.support";
    static final String JUPITER_CLASS = GROUP + ".SlugsTest";
    static final String PROMPTS_CLASS = GROUP + ".SupportPromptsTest";
    /** Recorded tests of the two example files, plus the greeting recorded during the build. */
    static final int PROMPT_TESTS = 3 + 1 + 1;
    /** The prompt the forked build records from the fake model. */
    static final String NEW_PROMPT = "prompts/greeting.prompt.yml";
    static final String NEW_RECORDING = "src/test/promptspec/recordings/prompts/greeting.recordings.yml";

    private UserProject() {
    }

    /** Writes the project into {@code dir} with {@code pom} as its pom.xml. */
    static Path create(Path dir, String pom) throws IOException {
        PromptSpecArtifacts.deleteRecursively(dir);
        write(dir.resolve("pom.xml"), pom);
        write(dir.resolve("src/main/java/com/example/support/Slugs.java"), """
                package com.example.support;

                import java.text.Normalizer;
                import java.util.Locale;

                /** Ticket titles as URL slugs. */
                public final class Slugs {
                    private Slugs() {
                    }

                    public static String of(String title) {
                        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\\\p{M}", "");
                        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
                    }
                }
                """);
        write(dir.resolve("src/test/java/com/example/support/SlugsTest.java"), """
                package com.example.support;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                /** The project's own tests: they must keep running, whatever PromptSpec does. */
                class SlugsTest {
                    @Test
                    void accents_and_punctuation_become_hyphens() {
                        assertEquals("refund-for-cafe-order-42", Slugs.of("Refund for café order #42!"));
                    }

                    @Test
                    void an_empty_title_is_an_empty_slug() {
                        assertEquals("", Slugs.of("  ?! "));
                    }
                }
                """);
        write(dir.resolve("src/test/java/com/example/support/SupportPromptsTest.java"), """
                package com.example.support;

                import dev.promptspec.junit.PromptSpec;

                /** Every prompt file under src/test/resources/prompts: each testData entry is a test. */
                @PromptSpec("prompts")
                class SupportPromptsTest {
                }
                """);
        Path examples = ForkedMaven.root().resolve("examples/src/test");
        for (String file : List.of("support-ticket-triage", "cqrs-architect")) {
            copy(examples.resolve("resources/prompts/" + file + ".prompt.yml"), dir.resolve("src/test/resources/prompts/" + file + ".prompt.yml"));
            copy(examples.resolve("promptspec/recordings/prompts/" + file + ".recordings.yml"),
                    dir.resolve("src/test/promptspec/recordings/prompts/" + file + ".recordings.yml"));
        }
        write(dir.resolve("src/test/resources/" + NEW_PROMPT), """
                name: Greeting
                description: The first line of every reply the support bot sends.
                model: gpt-4o-mini
                modelParameters:
                  temperature: 0
                messages:
                  - role: user
                    content: "Say hello to {{name}}."
                testData:
                  - name: Ada
                evaluators:
                  - name: greets by name
                    string: {startsWith: "Hello {{name}}"}
                """);
        return dir;
    }

    /** The versions of the plugins PromptSpec's parent pom pins (which its own build has therefore resolved). */
    static Map<String, String> pinnedPluginVersions() throws IOException {
        try {
            Map<String, String> versions = new HashMap<>();
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList plugins = f.newDocumentBuilder().parse(ForkedMaven.root().resolve("pom.xml").toFile()).getElementsByTagName("plugin");
            for (int i = 0; i < plugins.getLength(); i++) {
                Element p = (Element) plugins.item(i);
                NodeList id = p.getElementsByTagName("artifactId");
                NodeList v = p.getElementsByTagName("version");
                if (id.getLength() > 0 && v.getLength() > 0) {
                    versions.putIfAbsent(id.item(0).getTextContent().trim(), v.item(0).getTextContent().trim());
                }
            }
            return versions;
        } catch (Exception e) {
            throw new IOException("cannot read the parent pom", e);
        }
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
