package dev.promptspec.internal.model.openai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.internal.model.openai.JdkHttpClients;
import dev.promptspec.internal.util.Json;
import dev.promptspec.model.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The Files and Batches endpoints of an OpenAI-compatible API, over the JDK's HTTP client as the live client uses it.
 * The key goes in the {@code Authorization} header only; every message this class makes is redacted.
 */
final class BatchApi implements AutoCloseable {

    /** Where the requests of a batch go, in each JSONL line and in the job. */
    static final String CHAT_COMPLETIONS = "/v1/chat/completions";

    private final HttpClient http;
    private final String baseUrl;
    private final OpenAiEndpoint endpoint;
    private final Duration timeout;
    private final Redactor redactor;

    BatchApi(OpenAiEndpoint endpoint, Duration timeout, Redactor redactor) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.baseUrl = endpoint.baseUrl().toString();
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.redactor = redactor;
    }

    /** A job as the provider last described it. */
    record Job(String id, String status, String inputFileId, String outputFileId, String errorFileId, int total, int completed,
            int failed) {

        boolean ended() {
            return switch (status) {
                case "completed", "failed", "expired", "cancelled" -> true;
                default -> false;
            };
        }

        static Job of(JsonNode n) {
            JsonNode counts = n.path("request_counts");
            return new Job(n.path("id").asText(), n.path("status").asText(), text(n, "input_file_id"), text(n, "output_file_id"),
                    text(n, "error_file_id"), counts.path("total").asInt(), counts.path("completed").asInt(),
                    counts.path("failed").asInt());
        }

        private static String text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    /** Uploads a JSONL file with {@code purpose=batch}; returns its file id. */
    String upload(String fileName, byte[] jsonl) throws BatchApiException {
        String boundary = "promptspec-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(jsonl.length + 512);
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jsonl);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = request("/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body.toByteArray())).build();
        return json(send(request, "upload the batch file " + fileName)).path("id").asText();
    }

    /** Creates a job over an uploaded file, to complete within 24 hours. */
    Job create(String inputFileId) throws BatchApiException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("input_file_id", inputFileId).put("endpoint", CHAT_COMPLETIONS)
                .put("completion_window", "24h");
        body.putObject("metadata").put("created_by", "promptspec");
        HttpRequest request = request("/batches").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body.toString())).build();
        return Job.of(json(send(request, "create a batch job for file " + inputFileId)));
    }

    Job get(String id) throws BatchApiException {
        return Job.of(json(send(request("/batches/" + id).GET().build(), "read batch job " + id)));
    }

    /** The content of an output or error file: JSONL. */
    String content(String fileId) throws BatchApiException {
        return send(request("/files/" + fileId + "/content").GET().build(), "download batch file " + fileId);
    }

    void delete(String fileId) throws BatchApiException {
        send(request("/files/" + fileId).DELETE().build(), "delete batch file " + fileId);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
        if (endpoint.apiKey() != null) {
            b.header("Authorization", "Bearer " + endpoint.apiKey().reveal());
        }
        return b;
    }

    private String send(HttpRequest request, String what) throws BatchApiException {
        HttpResponse<String> response;
        try {
            response = http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BatchApiException("cannot " + what + " at " + endpoint + ": " + redactor.redact(e.toString()), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchApiException("interrupted while trying to " + what, 0);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new BatchApiException("cannot " + what + " at " + endpoint + ": HTTP " + status + " " + message(response.body()),
                    status);
        }
        return response.body();
    }

    /** The server's own message when the body is an OpenAI error, else the body (shortened), redacted. */
    private String message(String body) {
        String text = body;
        try {
            JsonNode m = Json.MAPPER.readTree(body).path("error").path("message");
            if (m.isTextual()) {
                text = m.asText();
            }
        } catch (IOException e) {
            // not JSON: the body as it came
        }
        text = text.length() > 300 ? text.substring(0, 300) + "…" : text;
        return redactor.redact(text);
    }

    private JsonNode json(String body) throws BatchApiException {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BatchApiException(endpoint + " answered with something that is not JSON: " + message(body), 200);
        }
    }

    @Override
    public void close() {
        JdkHttpClients.stop(http);
    }

    /** A Files or Batches call that failed; the message names what was tried and the server's reason. */
    static final class BatchApiException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        BatchApiException(String message, int status) {
            super(message);
            this.status = status;
        }

        /** Worth trying again at the next poll: the server or the network had a moment. */
        boolean transientFailure() {
            return status == 0 || status == 408 || status == 409 || status == 429 || status >= 500;
        }
    }
}
