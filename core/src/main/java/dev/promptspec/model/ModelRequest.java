package dev.promptspec.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.internal.util.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Exactly what is sent to a model: the recording key is computed from this and nothing else, so any
 * change to the prompt, the model or a parameter is a different request.
 *
 * @param model          the model id sent on the wire
 * @param messages       the rendered messages
 * @param parameters     the parameters set in the file
 * @param responseFormat the requested response format, or null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModelRequest(String model, List<ChatMessage> messages, ModelParameters parameters, ResponseFormat responseFormat) {

    private static final ObjectMapper JSON = Json.MAPPER;
    /** How many of the latest fingerprints are remembered. */
    private static final int REMEMBERED = 256;
    /**
     * The latest requests hashed, with their fingerprints: a replayed case's request is hashed to find its recording and
     * asked again for its report, moments later. Equal requests have equal fingerprints, so any equal request may answer.
     */
    private static final Map<ModelRequest, String> RECENT = new LinkedHashMap<>(REMEMBERED * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ModelRequest, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    public ModelRequest {
        messages = List.copyOf(messages);
        parameters = parameters == null ? ModelParameters.NONE : parameters;
    }

    /**
     * {@code sha256:<hex>} of the canonical JSON form of this request. Hashed once: the latest fingerprints are remembered,
     * so asking again for an equal request costs a lookup.
     */
    public String fingerprint() {
        synchronized (RECENT) {
            String known = RECENT.get(this);
            if (known != null) {
                return known;
            }
        }
        String computed = hash();
        synchronized (RECENT) {
            RECENT.put(this, computed);
        }
        return computed;
    }

    private String hash() {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        ArrayNode msgs = root.putArray("messages");
        for (ChatMessage m : messages) {
            msgs.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        root.set("parameters", JSON.valueToTree(parameters.asMap()));
        if (responseFormat != null) {
            root.put("responseFormat", responseFormat.type());
            if (responseFormat.jsonSchemaJson() != null) {
                root.put("jsonSchema", responseFormat.jsonSchemaJson());
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
