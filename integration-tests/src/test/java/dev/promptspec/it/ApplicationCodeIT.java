package dev.promptspec.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.testing.FakeOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application's own LLM code tested in its own Jupiter tests, in users' builds run by real Maven: a langchain4j
 * service with {@code promptspec-jupiter} on JUnit 5.12 and 6.1 ({@code @PromptCases} over the seed prompt file, and an
 * injected {@code ChatModel}), and a Spring Boot service with {@code ChatClient} and {@code promptspec-spring-ai} on
 * Spring Boot 3.5 with Spring AI 1.1.2 and on Spring Boot 4.0 with Spring AI 2.0.1 (a {@code @SpringBootTest} with no
 * PromptSpec in its code). Each records from a model over HTTP (a fake one), then replays with the model stopped and no
 * key.
 */
class ApplicationCodeIT {

    private static final String KEY = "sk-it-Ap9Lc4Dq7Wm2Xz5N";

    enum Setup {
        JUNIT_5_12(JUnitSetup.JUNIT_BOM_5_12, "5.12.", null),
        JUNIT_6_1(JUnitSetup.JUNIT_BOM_6_1, "6.1.", null),
        SPRING_BOOT_3_5_SPRING_AI_1_1(JUnitSetup.SPRING_BOOT_3_5, "5.12.", "1.1.2"),
        SPRING_BOOT_4_0_SPRING_AI_2_0(JUnitSetup.SPRING_BOOT_4_0, "6.0.", "2.0.1");

        final JUnitSetup build;
        /** The Jupiter the build resolves: the user's, whatever PromptSpec compiles against. */
        final String jupiter;
        final String springAi;

        Setup(JUnitSetup build, String jupiter, String springAi) {
            this.build = build;
            this.jupiter = jupiter;
            this.springAi = springAi;
        }

        boolean spring() {
            return springAi != null;
        }

        String testClass() {
            return spring() ? "com.example.support.ArchitectAdvisorTest" : "com.example.support.ArchitectTest";
        }
    }

    @BeforeAll
    static void publishThisBuild() throws Exception {
        PromptSpecArtifacts.publish(ForkedMaven.headRepository());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Setup.class)
    void the_application_s_tests_record_then_replay_offline(Setup setup) throws Exception {
        Path project = Path.of("target", "user-builds", "application-" + setup.name().toLowerCase(java.util.Locale.ROOT))
                .toAbsolutePath();
        PromptSpecArtifacts.deleteRecursively(project);
        String dependencies = setup.spring() ? springDependencies(setup) : jupiterDependencies();
        UserProject.write(project.resolve("pom.xml"), setup.build.pom(ForkedMaven.version(), dependencies));
        if (setup.spring()) {
            springApplication(project);
        } else {
            langchain4jApplication(project);
        }
        Path recordings = project.resolve("src/test/promptspec/recordings/jupiter/" + setup.testClass() + ".recordings.yml");

        try (FakeOpenAiServer model = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Completion(ANSWER))) {
            ForkedMaven.BuildResult record = ForkedMaven.run(project, Map.of("OPENAI_API_KEY", KEY), "-Dpromptspec.mode=record",
                    "-Dpromptspec.openai.base-url=" + model.baseUrl(), "-Dspring.ai.openai.base-url=" + model.baseUrl(),
                    "dependency:list", "-DoutputFile=target/versions.txt", "-DincludeGroupIds=org.junit.jupiter,org.springframework.ai",
                    "test");
            String log = "recording; its log:\n" + record.log();
            assertThat(record.exitCode()).as(log).isZero();
            Map<String, String> versions = record.dependencyList("target/versions.txt");
            assertThat(versions.get("org.junit.jupiter:junit-jupiter-engine")).as("the build's own Jupiter").startsWith(setup.jupiter);
            if (setup.spring()) {
                assertThat(versions.get("org.springframework.ai:spring-ai-model")).isEqualTo(setup.springAi);
            }
            SurefireReport report = record.report(setup.testClass());
            assertThat(report.cases()).as(log).hasSize(2).allSatisfy(c -> assertThat(c.outcome()).as(c.name()).isEqualTo("passed"));
            assertThat(model.requests()).as(log).hasSize(2).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY));
            assertThat(record.log()).doesNotContain(KEY);
        }
        String recorded = Files.readString(recordings);
        assertThat(recorded).doesNotContain(KEY).contains("call: call 1", "## 10. Risks, Failure Modes and Mitigations");
        if (setup.spring()) {
            assertThat(recorded).contains("case: designs_the_order_system", "model: gpt-4o-mini", "usage:");
        } else {
            assertThat(recorded).contains("case: 'designs_follow_the_rules > [1] #1 system_requirements=", "case: answers_in_markdown",
                    "model: gpt-4o");
        }

        // The model is gone and there is no key: the recordings answer.
        ForkedMaven.BuildResult replay = ForkedMaven.run(project, Map.of(), "-Dpromptspec.mode=replay", "test");
        String log = "replaying; its log:\n" + replay.log();
        assertThat(replay.exitCode()).as(log).isZero();
        assertThat(replay.report(setup.testClass()).cases()).as(log).hasSize(2)
                .allSatisfy(c -> assertThat(c.outcome()).as(c.name()).isEqualTo("passed"));
        assertThat(Files.readString(recordings)).as("replay writes nothing").isEqualTo(recorded);
    }

    /** The seed prompt's recorded answer: a complete design that passes every check of the seed file. */
    private static final String ANSWER = answer();

    @SuppressWarnings("unchecked")
    private static String answer() {
        try {
            Map<String, Object> file = new org.yaml.snakeyaml.Yaml().load(Files.readString(ForkedMaven.root()
                    .resolve("examples/src/test/promptspec/recordings/prompts/cqrs-architect.recordings.yml")));
            Map<String, Object> first = ((java.util.List<Map<String, Object>>) file.get("recordings")).get(0);
            return (String) ((Map<String, Object>) first.get("response")).get("text");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String jupiterDependencies() {
        return """
                    <dependency>
                      <groupId>dev.langchain4j</groupId>
                      <artifactId>langchain4j</artifactId>
                      <version>1.19.0</version>
                    </dependency>
                    <dependency>
                      <groupId>dev.promptspec</groupId>
                      <artifactId>promptspec-jupiter</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                """.formatted(ForkedMaven.version());
    }

    private static String springDependencies(Setup setup) {
        return """
                    <dependency>
                      <groupId>org.springframework.ai</groupId>
                      <artifactId>spring-ai-starter-model-openai</artifactId>
                      <version>%s</version>
                    </dependency>
                    <dependency>
                      <groupId>dev.promptspec</groupId>
                      <artifactId>promptspec-spring-ai</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                """.formatted(setup.springAi, ForkedMaven.version());
    }

    /** A service that builds the CQRS prompt in code with langchain4j, its tests over the seed file and a ChatModel. */
    private static void langchain4jApplication(Path project) throws IOException {
        UserProject.write(project.resolve("src/main/java/com/example/support/Architect.java"), """
                package com.example.support;

                import dev.langchain4j.service.SystemMessage;
                import dev.langchain4j.service.UserMessage;
                import dev.langchain4j.service.V;

                /** The application's AI service: its prompt is written here, in code. */
                public interface Architect {
                    @SystemMessage("You are a Principal CQRS and Event Sourcing Architect. Use **bold text** for decisions and"
                            + " bullet points for risks.")
                    @UserMessage("Design the CQRS and Event Sourcing architecture for: {{requirements}}")
                    String design(@V("requirements") String requirements);
                }
                """);
        UserProject.copy(ForkedMaven.root().resolve("examples/src/test/resources/prompts/cqrs-architect.prompt.yml"),
                project.resolve("src/test/resources/prompts/cqrs-architect.prompt.yml"));
        UserProject.write(project.resolve("src/test/resources/junit-platform.properties"), "promptspec.default-model=gpt-4o\n");
        UserProject.write(project.resolve("src/test/java/com/example/support/ArchitectTest.java"), """
                package com.example.support;

                import static org.junit.jupiter.api.Assertions.assertTrue;

                import dev.langchain4j.model.chat.ChatModel;
                import dev.langchain4j.service.AiServices;
                import dev.promptspec.jupiter.PromptCase;
                import dev.promptspec.jupiter.PromptCases;
                import dev.promptspec.jupiter.PromptSpecExtension;
                import org.junit.jupiter.api.Test;
                import org.junit.jupiter.api.extension.ExtendWith;
                import org.junit.jupiter.params.ParameterizedTest;

                @ExtendWith(PromptSpecExtension.class)
                class ArchitectTest {
                    @ParameterizedTest
                    @PromptCases("prompts/cqrs-architect.prompt.yml")
                    void designs_follow_the_rules(PromptCase c, ChatModel model) {
                        Architect architect = AiServices.create(Architect.class, model);
                        c.check(architect.design(c.variable("system_requirements")));
                    }

                    @Test
                    void answers_in_markdown(ChatModel model) {
                        Architect architect = AiServices.create(Architect.class, model);
                        assertTrue(architect.design("A stadium ticketing system").contains("## 10. Risks"));
                    }
                }
                """);
    }

    /** A Spring Boot service that builds its prompt with ChatClient, and its test, which knows nothing of PromptSpec. */
    private static void springApplication(Path project) throws IOException {
        UserProject.write(project.resolve("src/main/java/com/example/support/SupportApplication.java"), """
                package com.example.support;

                import org.springframework.boot.SpringApplication;
                import org.springframework.boot.autoconfigure.SpringBootApplication;

                @SpringBootApplication
                public class SupportApplication {
                    public static void main(String[] args) {
                        SpringApplication.run(SupportApplication.class, args);
                    }
                }
                """);
        UserProject.write(project.resolve("src/main/java/com/example/support/ArchitectAdvisor.java"), """
                package com.example.support;

                import org.springframework.ai.chat.client.ChatClient;
                import org.springframework.stereotype.Service;

                @Service
                public class ArchitectAdvisor {
                    private final ChatClient chat;

                    public ArchitectAdvisor(ChatClient.Builder builder) {
                        this.chat = builder.defaultSystem("You are a Principal CQRS and Event Sourcing Architect. Use **bold text**"
                                + " for decisions and bullet points for risks.").build();
                    }

                    public String design(String requirements) {
                        return chat.prompt().user(u -> u.text("Design the architecture for: {r}").param("r", requirements))
                                .call().content();
                    }
                }
                """);
        // Both Spring AI lines' property names (1.1: chat.options.*, retry.*; 2.0: chat.*); the key has a default so that
        // the context starts offline, where replay needs none.
        UserProject.write(project.resolve("src/main/resources/application.properties"), """
                spring.ai.openai.api-key=${OPENAI_API_KEY:none-needed-to-replay}
                spring.ai.openai.chat.options.model=gpt-4o-mini
                spring.ai.openai.chat.model=gpt-4o-mini
                spring.ai.retry.max-attempts=1
                spring.ai.openai.chat.max-retries=0
                """);
        UserProject.write(project.resolve("src/test/java/com/example/support/ArchitectAdvisorTest.java"), """
                package com.example.support;

                import static org.junit.jupiter.api.Assertions.assertTrue;

                import org.junit.jupiter.api.Test;
                import org.springframework.beans.factory.annotation.Autowired;
                import org.springframework.boot.test.context.SpringBootTest;

                @SpringBootTest
                class ArchitectAdvisorTest {
                    @Autowired
                    ArchitectAdvisor advisor;

                    @Test
                    void designs_the_order_system() {
                        assertTrue(advisor.design("Order management for flash sales").contains("**Decision:"));
                    }

                    @Test
                    void designs_the_ticketing_system() {
                        assertTrue(advisor.design("Stadium ticketing").contains("## 10. Risks"));
                    }
                }
                """);
    }
}
