package dev.promptspec.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * A user's run, for real: a JVM whose class path has PromptSpec and its dependencies but no SLF4J binding compiles a
 * prompt file with a JSON Schema and builds the OpenAI client, and SLF4J prints nothing.
 */
class Slf4jFallbackForkTest {

    @Test
    void a_run_without_a_logging_binding_prints_no_slf4j_line() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !isSlf4jBinding(Path.of(entry))).collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).contains("slf4j-api").doesNotContain("slf4j-nop");

        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                UnboundRun.class.getName()).start();
        java.getOutputStream().close();
        boolean ended = java.waitFor(60, TimeUnit.SECONDS);
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(java.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as("the JVM ends").isTrue();
        assertThat(java.exitValue()).as("exit code; stderr:\n" + err).isZero();
        assertThat(out).isEqualTo(UnboundRun.DONE + System.lineSeparator());
        assertThat(err).doesNotContain("SLF4J");
    }

    /** A jar or folder that registers an SLF4J provider (slf4j-nop, logback...). */
    private static boolean isSlf4jBinding(Path entry) {
        String service = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve(service));
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            return jar.getEntry(service) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** What the forked JVM runs. */
    public static final class UnboundRun {

        static final String DONE = "compiled and built the client";

        public static void main(String[] args) throws Exception {
            var compiler = new dev.promptspec.run.PromptCompiler(dev.promptspec.config.YamlLimits.DEFAULTS,
                    dev.promptspec.eval.EvaluatorRegistry.load(UnboundRun.class.getClassLoader()));
            var prompt = compiler.compile(new dev.promptspec.promptfile.PromptSource("orders.prompt.yml", java.net.URI.create("memory:/o"),
                    java.util.Optional.empty(), """
                            name: Order lookup
                            model: gpt-4o-mini
                            responseFormat: json_schema
                            jsonSchema: '{"name": "order", "schema": {"type": "object", "required": ["status"]}}'
                            messages:
                              - role: user
                                content: "Status of order {{id}} as JSON"
                            testData:
                              - id: 48213
                            evaluators:
                              - name: shipped
                                json: {equals: {/status: SHIPPED}}
                            """));
            if (!prompt.isRunnable()) {
                throw new AssertionError(prompt.problems());
            }
            dev.promptspec.internal.model.openai.OpenAiClients.create(new dev.promptspec.config.OpenAiEndpoint(
                    java.net.URI.create("http://127.0.0.1:9/v1"), null, null), java.time.Duration.ofSeconds(1),
                    new dev.promptspec.model.Redactor(List.of()));
            // Whatever the libraries did, a logger asked for now must not warn either.
            org.slf4j.LoggerFactory.getLogger(UnboundRun.class).info("not printed");
            System.out.println(DONE);
        }
    }
}
