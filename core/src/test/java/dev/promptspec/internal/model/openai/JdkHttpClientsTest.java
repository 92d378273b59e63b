package dev.promptspec.internal.model.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.internal.model.langchain.ChatModelClient;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.Role;
import dev.promptspec.testing.FakeOpenAiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A closed client leaves no JDK HTTP thread behind: an open one keeps its selector thread in native code, which holds a
 * JVM exiting through {@code System.exit} (Surefire's fork) for 0.3 s. Runs on whichever JDK runs the build: closing on
 * JDK 21+, interrupting the selector thread on 17 to 20.
 */
class JdkHttpClientsTest {

    @Test
    void finds_and_stops_the_selector_thread_of_a_jdk_client() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Thread selector = JdkHttpClients.selectorThread(client);
        assertThat(selector).as("the selector thread, by the name the JDK gives it").isNotNull();
        assertThat(selector.isAlive()).isTrue();

        JdkHttpClients.stop(client);

        selector.join(5_000);
        assertThat(selector.isAlive()).isFalse();
    }

    @Test
    void closing_an_openai_client_stops_the_threads_of_its_http_client() throws Exception {
        Set<Thread> before = selectorThreads();
        try (FakeOpenAiServer server = FakeOpenAiServer.answering("Bonjour !")) {
            ModelClient client = OpenAiClients.create(new OpenAiEndpoint(URI.create(server.baseUrl()), null, null),
                    Duration.ofSeconds(10), Redactor.none());
            ModelRequest request = new ModelRequest("gpt-4o-mini", List.of(new ChatMessage(Role.USER, "Say hello in French.")),
                    ModelParameters.NONE, null);
            assertThat(client.call(request, CallContext.prompt("prompts/hello.prompt.yml", "#1")).text()).isEqualTo("Bonjour !");
            Set<Thread> started = selectorThreads();
            started.removeAll(before);
            assertThat(started).as("the client's selector thread").hasSize(1);

            ((ChatModelClient) client).close();

            for (Thread t : started) {
                t.join(5_000);
                assertThat(t.isAlive()).as(t.getName()).isFalse();
            }
        }
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager") && t.isAlive())
                .collect(Collectors.toSet());
    }
}
