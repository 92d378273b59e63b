package dev.promptspec.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat completions server on loopback, for tests that need real HTTP: it records every
 * request (body and headers) and answers with whatever the test's {@link Responder} decides, including
 * error statuses, garbage bodies, slowness and dropped connections.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A received request. */
    public record Received(String method, String path, Map<String, List<String>> headers, JsonNode body) {

        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public String model() {
            return body.path("model").asText();
        }

        /** Content of the last message with this role. */
        public String lastMessage(String role) {
            String found = null;
            for (JsonNode m : body.path("messages")) {
                if (role.equals(m.path("role").asText())) {
                    found = m.path("content").asText();
                }
            }
            return found;
        }
    }

    /** What to answer. */
    public sealed interface Reply permits Completion, Status, Garbage, Drop, StalledBody {
    }

    /** A chat completion. */
    public record Completion(String text, String model, int promptTokens, int completionTokens, String finishReason,
            Duration delay) implements Reply {

        public Completion(String text) {
            this(text, "gpt-4o-mini-2024-07-18", 100, Math.max(1, text.length() / 4), "stop", Duration.ZERO);
        }

        public Completion delayed(Duration d) {
            return new Completion(text, model, promptTokens, completionTokens, finishReason, d);
        }
    }

    /** An error status with a body and headers. */
    public record Status(int code, String body, Map<String, String> headers, Duration delay) implements Reply {
        public Status(int code, String body) {
            this(code, body, Map.of(), Duration.ZERO);
        }
    }

    /** A 200 whose body is not a chat completion. */
    public record Garbage(String body) implements Reply {
    }

    /** The connection is closed without an answer. */
    public record Drop() implements Reply {
    }

    /**
     * Status and headers at once, then nothing for {@code stall} before the body: a server that hangs in the
     * middle of an answer, which an HTTP client's own timeout (counting to the headers) may not catch.
     */
    public record StalledBody(Completion completion, Duration stall) implements Reply {
    }

    @FunctionalInterface
    public interface Responder extends Function<Received, Reply> {
    }

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> arrivalNanos = new ConcurrentLinkedQueue<>();
    private volatile Responder responder;

    static {
        // Answer without Nagle's delay, as real API servers do: otherwise every small response can wait ~40 ms
        // for a delayed ACK, and timings measured against this server say more about TCP than about us.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeOpenAiServer(Responder responder) throws IOException {
        this.responder = responder;
        this.server = loopback("fake-openai", this::handle);
    }

    /** A started HTTP server on a free loopback port, every path going to {@code handler} on daemon threads. */
    static HttpServer loopback(String threadName, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", handler);
        server.start();
        return server;
    }

    public static FakeOpenAiServer start(Responder responder) throws IOException {
        return new FakeOpenAiServer(responder);
    }

    /** Answers every request with the same text. */
    public static FakeOpenAiServer answering(String text) throws IOException {
        return start(r -> new Completion(text));
    }

    public void respondWith(Responder r) {
        this.responder = r;
    }

    /** The base URL to configure: {@code http://127.0.0.1:port/v1}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/v1";
    }

    public List<Received> requests() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    public List<Long> arrivalTimesNanos() {
        return List.copyOf(arrivalNanos);
    }

    /** Requests whose last user message contains {@code text}. */
    public long requestsMentioning(String text) {
        return requests().stream().filter(r -> {
            String user = r.lastMessage("user");
            return user != null && user.contains(text);
        }).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        // A request stops counting as in flight just before its answer goes out: the client may read the answer and send
        // its next request before this thread returns from writing, and that is not two requests at once.
        AtomicBoolean answered = new AtomicBoolean();
        Runnable answering = () -> {
            if (answered.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
        arrivalNanos.add(System.nanoTime());
        try {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            received.add(r);
            Reply reply = responder.apply(r);
            if (reply instanceof Completion c) {
                sleep(c.delay());
                String text = completion(c, r).toString();
                answering.run();
                send(exchange, 200, text, Map.of());
            } else if (reply instanceof Status s) {
                sleep(s.delay());
                answering.run();
                send(exchange, s.code(), s.body(), s.headers());
            } else if (reply instanceof Garbage g) {
                answering.run();
                send(exchange, 200, g.body(), Map.of());
            } else if (reply instanceof StalledBody sb) {
                byte[] out = completion(sb.completion(), r).toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().flush();
                sleep(sb.stall());
                answering.run();
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                } catch (IOException clientGone) {
                    // the client gave up waiting, as it should
                }
            } else {
                exchange.close(); // no status line: the client sees the connection closed
            }
        } finally {
            answering.run();
        }
    }

    static ObjectNode completion(Completion c, Received r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-test" + Integer.toHexString(c.text().hashCode()));
        root.put("object", "chat.completion");
        root.put("created", 1764100000L);
        root.put("model", c.model() != null ? c.model() : r.model());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", c.text());
        choice.put("finish_reason", c.finishReason());
        root.putObject("usage").put("prompt_tokens", c.promptTokens()).put("completion_tokens", c.completionTokens())
                .put("total_tokens", c.promptTokens() + c.completionTokens());
        return root;
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
