package dev.promptspec.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.promptspec.testing.FakeOpenAiServer.Completion;
import dev.promptspec.testing.FakeOpenAiServer.Received;
import dev.promptspec.testing.FakeOpenAiServer.Reply;
import dev.promptspec.testing.FakeOpenAiServer.Responder;
import dev.promptspec.testing.FakeOpenAiServer.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible Files and Batches API on loopback, beside the chat completions endpoint (for calls made live):
 * {@code POST /v1/files} (multipart, {@code purpose=batch}), {@code POST /v1/batches}, {@code GET /v1/batches/{id}}
 * (each look moves a job on: validating, in_progress, finalizing, completed), {@code POST /v1/batches/{id}/cancel},
 * {@code GET /v1/files/{id}/content} and {@code DELETE /v1/files/{id}}. Each line of a batch is answered by the test's
 * {@link Responder}, as {@link FakeOpenAiServer} answers a live call: a {@link Completion} goes to the output file, a
 * {@link Status} to the error file. A test can make the next jobs expire partway, or keep them running.
 */
public final class FakeBatchServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BATCH = Pattern.compile("/v1/batches/([^/]+)(/cancel)?");
    private static final Pattern FILE = Pattern.compile("/v1/files/([^/]+)(/content)?");

    /** An uploaded file as the server received it. */
    public record Upload(String id, String purpose, String fileName, String content, String authorization) {
        public List<JsonNode> lines() {
            List<JsonNode> out = new ArrayList<>();
            for (String l : content.split("\n")) {
                if (!l.isBlank()) {
                    try {
                        out.add(JSON.readTree(l));
                    } catch (IOException e) {
                        throw new IllegalStateException("an uploaded line is not JSON: " + l, e);
                    }
                }
            }
            return out;
        }
    }

    private static final class Job {
        final String id;
        final String inputFileId;
        String status = "validating";
        String outputFileId;
        String errorFileId;
        int total;
        int completed;
        int failed;
        final int answerOnly;
        final boolean held;

        Job(String id, String inputFileId, int answerOnly, boolean held) {
            this.id = id;
            this.inputFileId = inputFileId;
            this.answerOnly = answerOnly;
            this.held = held;
        }
    }

    private final HttpServer server;
    private final Responder responder;
    private final Map<String, String> files = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Upload> uploads = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Job> jobs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
    private final List<Received> liveCalls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile int expireAfter = -1;
    private volatile boolean hold;

    private FakeBatchServer(Responder responder) throws IOException {
        this.responder = responder;
        this.server = FakeOpenAiServer.loopback("fake-batch", this::handle);
    }

    public static FakeBatchServer start(Responder responder) throws IOException {
        return new FakeBatchServer(responder);
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/v1";
    }

    /** Jobs created from now on expire after answering their first {@code answered} lines; -1 (default): they complete. */
    public void expireAfter(int answered) {
        this.expireAfter = answered;
    }

    /** Jobs created from now on stay in progress until {@link #release()}. */
    public void holdJobs() {
        this.hold = true;
    }

    /** Jobs held so far, and those created later, go on to complete. */
    public void release() {
        this.hold = false;
        synchronized (jobs) {
            jobs.replaceAll((id, j) -> j.held ? copyReleased(j) : j);
        }
    }

    private static Job copyReleased(Job j) {
        Job r = new Job(j.id, j.inputFileId, j.answerOnly, false);
        r.status = j.status;
        r.total = j.total;
        return r;
    }

    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    public List<String> deletedFiles() {
        return List.copyOf(deleted);
    }

    public int jobsCreated() {
        return jobs.size();
    }

    /** Chat completions called live (not in a batch). */
    public List<Received> liveCalls() {
        return List.copyOf(liveCalls);
    }

    /** Every request as {@code METHOD path}, in order. */
    public List<String> log() {
        return List.copyOf(log);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        } catch (IOException | RuntimeException e) {
            e.printStackTrace(); // a bug of this fake: the client sees the connection closed
            throw e;
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            log.add(method + " " + path);
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher batch = BATCH.matcher(path);
            Matcher file = FILE.matcher(path);
            if (method.equals("POST") && path.equals("/v1/chat/completions")) {
                Received r = new Received(method, path, Map.copyOf(exchange.getRequestHeaders()), JSON.readTree(bytes));
                liveCalls.add(r);
                reply(exchange, responder.apply(r), r);
            } else if (method.equals("POST") && path.equals("/v1/files")) {
                send(exchange, 200, upload(exchange.getRequestHeaders().getFirst("Content-Type"), bytes, authorization).toString());
            } else if (method.equals("POST") && path.equals("/v1/batches")) {
                String created = create(JSON.readTree(bytes));
                send(exchange, created.startsWith("{\"error\"") ? 400 : 200, created);
            } else if (batch.matches() && method.equals("GET")) {
                send(exchange, 200, advance(batch.group(1)));
            } else if (batch.matches() && method.equals("POST") && batch.group(2) != null) {
                send(exchange, 200, cancel(batch.group(1)));
            } else if (file.matches() && method.equals("GET") && file.group(2) != null && files.containsKey(file.group(1))) {
                send(exchange, 200, files.get(file.group(1)));
            } else if (file.matches() && method.equals("DELETE") && files.remove(file.group(1)) != null) {
                deleted.add(file.group(1));
                send(exchange, 200, "{\"id\":\"" + file.group(1) + "\",\"object\":\"file\",\"deleted\":true}");
            } else {
                send(exchange, 404, "{\"error\":{\"message\":\"No such route or object: " + method + " " + path + "\"}}");
            }
        }
    }

    private ObjectNode upload(String contentType, byte[] body, String authorization) {
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        String text = new String(body, StandardCharsets.UTF_8);
        String purpose = null;
        String fileName = null;
        String content = null;
        for (String part : text.split("--" + Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String head = part.substring(0, split);
            String value = part.substring(split + 4, part.length() - 2); // without the part's closing CRLF
            if (head.contains("name=\"purpose\"")) {
                purpose = value;
            } else if (head.contains("name=\"file\"")) {
                Matcher m = Pattern.compile("filename=\"([^\"]*)\"").matcher(head);
                fileName = m.find() ? m.group(1) : null;
                content = value;
            }
        }
        String id = "file-" + (uploads.size() + 1);
        files.put(id, content);
        uploads.add(new Upload(id, purpose, fileName, content, authorization));
        return JSON.createObjectNode().put("id", id).put("object", "file").put("bytes", content == null ? 0 : content.length())
                .put("purpose", purpose).put("filename", fileName);
    }

    private String create(JsonNode body) {
        String input = body.path("input_file_id").asText();
        if (!files.containsKey(input) || !"/v1/chat/completions".equals(body.path("endpoint").asText())
                || !"24h".equals(body.path("completion_window").asText())) {
            return error("bad batch: " + body);
        }
        Job job = new Job("batch_" + (jobs.size() + 1), input, expireAfter, hold);
        job.total = (int) files.get(input).lines().filter(l -> !l.isBlank()).count();
        jobs.put(job.id, job);
        return describe(job);
    }

    private synchronized String advance(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            return error("no batch " + id);
        }
        switch (job.status) {
            case "validating" -> job.status = "in_progress";
            case "in_progress" -> job.status = job.held ? "in_progress" : job.answerOnly >= 0 ? finish(job, "expired") : "finalizing";
            case "finalizing" -> job.status = finish(job, "completed");
            case "cancelling" -> job.status = finish(job, "cancelled");
            default -> {
                // ended: stays as it is
            }
        }
        return describe(job);
    }

    private synchronized String cancel(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            return error("no batch " + id);
        }
        job.status = "cancelling";
        return describe(job);
    }

    /** Answers the job's lines (all, those before its expiry, none when cancelled) into output and error files. */
    private String finish(Job job, String status) {
        StringBuilder output = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        int answered = status.equals("cancelled") ? 0 : job.answerOnly >= 0 ? job.answerOnly : Integer.MAX_VALUE;
        int n = 0;
        for (String text : files.get(job.inputFileId).split("\n")) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = JSON.readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            String customId = line.path("custom_id").asText();
            ObjectNode out = JSON.createObjectNode().put("id", "batch_req_" + job.id + "_" + n).put("custom_id", customId);
            if (n++ >= answered) {
                out.putNull("response");
                out.putObject("error").put("code", status.equals("expired") ? "batch_expired" : "batch_cancelled")
                        .put("message", "This request could not be executed before the batch " + status + ".");
                errors.append(out).append('\n');
                job.failed++;
                continue;
            }
            Received r = new Received("POST", line.path("url").asText(), Map.of(), line.path("body"));
            Reply reply = responder.apply(r);
            ObjectNode response = out.putObject("response");
            if (reply instanceof Completion c) {
                response.put("status_code", 200).put("request_id", "req_" + n);
                response.set("body", FakeOpenAiServer.completion(c, r));
                out.putNull("error");
                output.append(out).append('\n');
                job.completed++;
            } else {
                Status s = (Status) reply;
                response.put("status_code", s.code()).put("request_id", "req_" + n);
                try {
                    response.set("body", JSON.readTree(s.body()));
                } catch (IOException e) {
                    response.put("body", s.body());
                }
                out.putNull("error");
                errors.append(out).append('\n');
                job.failed++;
            }
        }
        if (!output.isEmpty()) {
            job.outputFileId = "file-out-" + job.id;
            files.put(job.outputFileId, output.toString());
        }
        if (!errors.isEmpty()) {
            job.errorFileId = "file-err-" + job.id;
            files.put(job.errorFileId, errors.toString());
        }
        return status;
    }

    private static String describe(Job job) {
        ObjectNode n = JSON.createObjectNode().put("id", job.id).put("object", "batch").put("endpoint", "/v1/chat/completions")
                .put("input_file_id", job.inputFileId).put("completion_window", "24h").put("status", job.status);
        n.put("output_file_id", job.outputFileId);
        n.put("error_file_id", job.errorFileId);
        n.putObject("request_counts").put("total", job.total).put("completed", job.completed).put("failed", job.failed);
        return n.toString();
    }

    private static String error(String message) {
        return JSON.createObjectNode().set("error", JSON.createObjectNode().put("message", message)).toString();
    }

    private static void reply(HttpExchange exchange, Reply reply, Received r) throws IOException {
        if (reply instanceof Completion c) {
            send(exchange, 200, FakeOpenAiServer.completion(c, r).toString());
        } else if (reply instanceof Status s) {
            send(exchange, s.code(), s.body());
        } else {
            send(exchange, 500, "{\"error\":{\"message\":\"the fake batch server answers completions and statuses only\"}}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
