package dev.promptspec.internal.model.openai;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.internal.model.langchain.ChatModelClient;
import dev.promptspec.internal.util.Slf4jFallback;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Redactor;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The live client's request and response mapping, without the network: the JSON body a live call to {@code endpoint}
 * would send, and the {@link ModelResponse} a chat completion body maps to. The Batch API carries exactly these bodies,
 * so a batch sends what a live call would and its answers are read as a live call's are; recordings from either are
 * interchangeable. No key is involved: the body never holds one.
 */
@API(status = INTERNAL, since = "0.1")
public final class OpenAiWire {

    private final InMemoryTransport transport;
    private final ChatModelClient client;

    public OpenAiWire(OpenAiEndpoint endpoint, Redactor redactor) {
        Slf4jFallback.selectNoOperationUnlessBound();
        InMemoryTransport.Builder http = new InMemoryTransport.Builder();
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(endpoint.baseUrl().toString())
                .apiKey("unused") // the transport sends nothing, and headers are not part of the body
                .httpClientBuilder(http)
                .timeout(Duration.ofMinutes(1))
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        this.transport = http.transport();
        this.client = new ChatModelClient(model, endpoint.baseUrl().toString(), request -> OpenAiClients.parameters(endpoint, request),
                redactor);
    }

    /** The body of {@code POST /chat/completions} a live call of {@code request} sends. */
    public String requestBody(ModelRequest request) {
        transport.reply(InMemoryTransport.COMPLETION);
        try {
            client.call(request, CallContext.prompt("batch", "request"));
        } catch (ModelCallException e) {
            throw new IllegalStateException("the in-memory completion was refused", e);
        }
        return transport.lastSentBody();
    }

    /**
     * What a live call of {@code request} answered with {@code completionJson} returns (latency unknown: zero).
     *
     * @throws ModelCallException when the body is not a usable chat completion, as a live call would say
     */
    public ModelResponse response(ModelRequest request, String completionJson) throws ModelCallException {
        transport.reply(completionJson);
        try {
            ModelResponse r = client.call(request, CallContext.prompt("batch", "response"));
            return new ModelResponse(r.text(), r.usage(), Duration.ZERO, r.finishReason(), r.modelId(), 1, ModelResponse.Origin.LIVE);
        } finally {
            transport.reply(InMemoryTransport.COMPLETION);
        }
    }
}
