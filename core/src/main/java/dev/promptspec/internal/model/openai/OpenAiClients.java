package dev.promptspec.internal.model.openai;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.internal.model.langchain.ChatModelClient;
import dev.promptspec.internal.util.Json;
import dev.promptspec.internal.util.Slf4jFallback;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.Role;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** Builds the client for an OpenAI-compatible endpoint on langchain4j's {@link OpenAiChatModel}. */
@API(status = INTERNAL, since = "0.1")
public final class OpenAiClients {

    private static final ObjectMapper JSON = Json.MAPPER;

    private OpenAiClients() {
    }

    /**
     * The client, which the caller closes when its run is over (a {@link ChatModelClient}, which is {@link AutoCloseable}).
     *
     * @param timeout for one attempt, connection included
     */
    public static ModelClient create(OpenAiEndpoint endpoint, Duration timeout, Redactor redactor) {
        Slf4jFallback.selectNoOperationUnlessBound(); // langchain4j logs through SLF4J
        JdkHttpTransport.Builder http = JdkHttpTransport.builder();
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(endpoint.baseUrl().toString())
                // Local servers accept any key; langchain4j insists on one, so send a placeholder, never a real secret.
                .apiKey(endpoint.apiKey() == null ? "no-key" : endpoint.apiKey().reveal())
                .httpClientBuilder(http)
                .timeout(timeout)
                .maxRetries(0) // retries, with Retry-After and jitter, are PromptSpec's RetryingClient's job
                .logRequests(false) // requests carry the Authorization header
                .logResponses(false)
                .build();
        // Closing the client stops the JDK HTTP client's threads, which would otherwise hold the JVM's exit for 0.3 s.
        return new ChatModelClient(model, endpoint.baseUrl().toString(), request -> parameters(endpoint, request), redactor,
                http::closeAll);
    }

    /**
     * Loads and initializes, without sending anything, what the first call to an OpenAI-compatible endpoint needs: the
     * JDK's HTTP client (with its default TLS context), built and closed again, and langchain4j's model with its request
     * and response mapping, exercised once over a transport that answers in memory. Cold, these take 0.3 to 0.4 s of
     * the first call; a driver runs this on a background thread while it discovers the tests.
     */
    public static void warmUp(OpenAiEndpoint endpoint) {
        Slf4jFallback.selectNoOperationUnlessBound();
        JdkHttpTransport.builder().build().close();
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(endpoint.baseUrl().toString())
                .apiKey("warm-up") // the canned transport sends nothing anywhere
                .httpClientBuilder(new InMemoryTransport.Builder())
                .timeout(Duration.ofSeconds(10))
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        ModelClient client = new ChatModelClient(model, "warm-up", request -> parameters(endpoint, request), Redactor.none());
        ModelRequest request = new ModelRequest("gpt-4o-mini", List.of(
                new ChatMessage(Role.SYSTEM, "You answer with a Markdown heading and a list."),
                new ChatMessage(Role.USER, "What changed?")),
                new ModelParameters(0.2, 300, null, null, null, null, null, null), null);
        try {
            client.call(request, CallContext.prompt("warm-up", "warm-up"));
        } catch (ModelCallException e) {
            throw new IllegalStateException("the warm-up's canned answer was refused", e);
        }
    }

    static OpenAiChatRequestParameters parameters(OpenAiEndpoint endpoint, ModelRequest request) {
        ModelParameters p = request.parameters();
        OpenAiChatRequestParameters.Builder b = OpenAiChatRequestParameters.builder()
                .modelName(endpoint.wireModelId(request.model()))
                .temperature(p.temperature())
                .topP(p.topP())
                .frequencyPenalty(p.frequencyPenalty())
                .presencePenalty(p.presencePenalty())
                .maxOutputTokens(p.maxTokens())
                .maxCompletionTokens(p.maxCompletionTokens())
                .seed(p.seed());
        if (p.stop() != null) {
            b.stopSequences(p.stop());
        }
        if (request.responseFormat() != null && !"text".equals(request.responseFormat().type())) {
            // Sent as written: langchain4j's typed JSON schema cannot carry every JSON Schema keyword.
            Map<String, Object> format = new LinkedHashMap<>();
            format.put("type", request.responseFormat().type());
            if (request.responseFormat().jsonSchemaJson() != null) {
                format.put("json_schema", parse(request.responseFormat().jsonSchemaJson()));
            }
            b.customParameters(Map.of("response_format", format));
        }
        return b.build();
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("jsonSchema was validated at load time", e);
        }
    }

}
