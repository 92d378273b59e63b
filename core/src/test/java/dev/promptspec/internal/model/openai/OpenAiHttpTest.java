package dev.promptspec.internal.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.model.Role;
import dev.promptspec.model.Secret;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.testing.FakeOpenAiServer.Completion;
import dev.promptspec.testing.FakeOpenAiServer.Status;
import dev.promptspec.testing.FakeOpenAiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP to an in-process OpenAI-compatible server: what goes on the wire, what comes back, and errors. */
class OpenAiHttpTest {

    private static final String KEY = "sk-test-Zq81mWc4TtQ0aB7yHnKe5Lr2";
    private static final CallContext CONTEXT = CallContext.prompt("prompts/orders.prompt.yml", "two pears");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
            {"items": [{"name": "pear", "quantity": 2}, {"name": "apple", "quantity": 1}], "delivery": "Friday"}""";

    private FakeOpenAiServer server;
    private ModelClient client;

    @BeforeEach
    void start() throws Exception {
        server = FakeOpenAiServer.answering(ANSWER);
        OpenAiEndpoint endpoint = new OpenAiEndpoint(URI.create(server.baseUrl()), Secret.ofNullable(KEY),
                "environment variable OPENAI_API_KEY");
        client = OpenAiClients.create(endpoint, Duration.ofSeconds(10), new Redactor(List.of(Secret.ofNullable(KEY))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ModelRequest request(ModelParameters parameters, ResponseFormat format) {
        return new ModelRequest("openai/gpt-4o-mini", List.of(
                new ChatMessage(Role.SYSTEM, "Extract the order as JSON."),
                new ChatMessage(Role.USER, "Two pears and an apple,\ndeliver Friday."),
                new ChatMessage(Role.ASSISTANT, "{\"items\": []}"),
                new ChatMessage(Role.USER, "Include every item.")), parameters, format);
    }

    private JsonNode sentBody() {
        assertThat(server.requests()).hasSize(1);
        return server.requests().get(0).body();
    }

    @Test
    void sends_the_model_as_written_to_a_local_endpoint_with_every_rendered_message() throws Exception {
        client.call(request(ModelParameters.NONE, null), CONTEXT);

        FakeOpenAiServer.Received received = server.requests().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        JsonNode body = received.body();
        assertThat(body.path("model").asText()).isEqualTo("openai/gpt-4o-mini");
        assertThat(body.path("messages")).hasSize(4);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Extract the order as JSON.");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Two pears and an apple,\ndeliver Friday.");
        assertThat(body.path("messages").get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(body.path("messages").get(2).path("content").asText()).isEqualTo("{\"items\": []}");
        assertThat(body.path("messages").get(3).path("content").asText()).isEqualTo("Include every item.");
    }

    @Test
    void sends_no_parameter_the_file_does_not_set() throws Exception {
        client.call(request(ModelParameters.NONE, null), CONTEXT);
        JsonNode body = sentBody();
        for (String absent : List.of("temperature", "max_tokens", "max_completion_tokens", "top_p", "stop", "seed",
                "frequency_penalty", "presence_penalty", "response_format")) {
            assertThat(body.has(absent)).as(absent).isFalse();
        }
    }

    @Test
    void sends_every_model_parameter_with_its_wire_name() throws Exception {
        client.call(request(new ModelParameters(0.25, 300, 400, 0.9, List.of("###", "END"), 42, 0.5, -0.75), null), CONTEXT);

        JsonNode body = sentBody();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.25);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(400);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("stop")).hasSize(2);
        assertThat(body.path("stop").get(0).asText()).isEqualTo("###");
        assertThat(body.path("stop").get(1).asText()).isEqualTo("END");
        assertThat(body.path("seed").asInt()).isEqualTo(42);
        assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(0.5);
        assertThat(body.path("presence_penalty").asDouble()).isEqualTo(-0.75);
    }

    @Test
    void sends_json_object_response_format() throws Exception {
        client.call(request(ModelParameters.NONE, new ResponseFormat("json_object", null, null)), CONTEXT);
        JsonNode format = sentBody().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_object");
        assertThat(format.has("json_schema")).isFalse();
    }

    @Test
    void sends_json_schema_response_format_with_the_schema_as_written() throws Exception {
        String schema = """
                {"name":"order","strict":true,"schema":{"type":"object","additionalProperties":false,
                 "properties":{"items":{"type":"array","items":{"type":"object"}},"delivery":{"type":"string",
                 "pattern":"^[A-Z][a-z]+day$"}},"required":["items","delivery"]}}""";
        client.call(request(ModelParameters.NONE, new ResponseFormat("json_schema", schema, null)), CONTEXT);

        JsonNode format = sentBody().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema")).isEqualTo(JSON.readTree(schema));
    }

    @Test
    void a_text_response_format_is_the_default_and_not_sent() throws Exception {
        client.call(request(ModelParameters.NONE, new ResponseFormat("text", null, null)), CONTEXT);
        assertThat(sentBody().has("response_format")).isFalse();
    }

    @Test
    void the_authorization_header_carries_the_key() throws Exception {
        client.call(request(ModelParameters.NONE, null), CONTEXT);
        assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void reads_text_usage_model_and_finish_reason_from_the_answer() throws Exception {
        server.respondWith(r -> new Completion(ANSWER, "gpt-4o-mini-2024-07-18", 57, 31, "length", Duration.ZERO));
        ModelResponse response = client.call(request(ModelParameters.NONE, null), CONTEXT);

        assertThat(response.text()).isEqualTo(ANSWER);
        assertThat(response.usage()).isEqualTo(new TokenUsage(57, 31));
        assertThat(response.modelId()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(response.finishReason()).isEqualTo("length");
        assertThat(response.origin()).isEqualTo(ModelResponse.Origin.LIVE);
        assertThat(response.attempts()).isEqualTo(1);
    }

    @Test
    void a_rejected_key_is_an_http_error_with_status_and_server_message_but_never_the_key() {
        server.respondWith(r -> new Status(401, """
                {"error": {"message": "Incorrect API key provided: %s. You can find your API key at\
                 https://platform.openai.com/account/api-keys.", "type": "invalid_request_error", "code": "invalid_api_key"}}"""
                .formatted(KEY)));
        ModelCallException e = callFails();
        assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo(server.baseUrl() + " answered HTTP 401 (check the API key: it was rejected):"
                + " Incorrect API key provided: ****. You can find your API key at https://platform.openai.com/account/api-keys.");
        assertNoKeyIn(e);
    }

    @Test
    void an_unknown_model_is_an_http_error_naming_the_model_problem() {
        server.respondWith(r -> new Status(404, """
                {"error": {"message": "The model `gpt-5-turbo` does not exist or you do not have access to it.",
                 "type": "invalid_request_error", "code": "model_not_found"}}"""));
        ModelCallException e = callFails();
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).isEqualTo(server.baseUrl() + " answered HTTP 404 (check the model id and the base URL):"
                + " The model `gpt-5-turbo` does not exist or you do not have access to it.");
        assertNoKeyIn(e);
    }

    @Test
    void a_server_error_shows_the_status_and_a_plain_body_with_any_bearer_token_masked() {
        server.respondWith(r -> new Status(500, "upstream failed for request with Authorization: Bearer " + KEY));
        ModelCallException e = callFails();
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.getMessage()).isEqualTo(server.baseUrl() + " answered HTTP 500: upstream failed for request with"
                + " Authorization: Bearer ****");
        assertNoKeyIn(e);
    }

    @Test
    void a_body_that_is_not_a_chat_completion_is_a_bad_response_not_a_crash() {
        server.respondWith(r -> new FakeOpenAiServer.Garbage("<html>Gateway says hello</html>"));
        ModelCallException e = callFails();
        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).startsWith(server.baseUrl() + " answered with a body that is not a chat completion: ");
        assertNoKeyIn(e);
    }

    @Test
    void a_dropped_connection_is_a_connection_error() {
        server.respondWith(r -> new FakeOpenAiServer.Drop());
        ModelCallException e = callFails();
        assertThat(e.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(e.getMessage()).contains(server.baseUrl());
        assertNoKeyIn(e);
    }

    @Test
    void an_endpoint_nobody_listens_on_is_a_connection_error_that_says_what_to_check() throws Exception {
        String closed;
        try (FakeOpenAiServer gone = FakeOpenAiServer.answering("unused")) {
            closed = gone.baseUrl();
        }
        ModelClient nowhere = OpenAiClients.create(new OpenAiEndpoint(URI.create(closed), Secret.ofNullable(KEY), "test"),
                Duration.ofSeconds(5), new Redactor(List.of(Secret.ofNullable(KEY))));
        Throwable thrown = catchThrowable(() -> nowhere.call(request(ModelParameters.NONE, null), CONTEXT));
        assertThat(thrown).isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONNECTION))
                .hasMessageStartingWith("cannot connect to " + closed)
                .hasMessageEndingWith(" (is the URL right and the server up?)")
                .hasMessageNotContaining("null");
        assertNoKeyIn(thrown);
    }

    private ModelCallException callFails() {
        Throwable thrown = catchThrowable(() -> client.call(request(ModelParameters.NONE, null),
                CONTEXT));
        assertThat(thrown).isInstanceOf(ModelCallException.class).isNotInstanceOf(AssertionError.class);
        return (ModelCallException) thrown;
    }

    /** Not in the message, nor anywhere in the printed stack trace with its causes. */
    private static void assertNoKeyIn(Throwable e) {
        StringWriter printed = new StringWriter();
        e.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(8));
    }

    @Test
    void a_rate_limit_says_so_and_the_client_never_prints_its_key() {
        server.respondWith(r -> new Status(429, "{\"error\": {\"message\": \"Rate limit reached for gpt-4o-mini\"}}"));
        ModelCallException e = callFails();
        assertThat(e.getMessage()).endsWith("answered HTTP 429 (rate limited): Rate limit reached for gpt-4o-mini");
        assertThat(client.toString()).doesNotContain(KEY);
    }
}
