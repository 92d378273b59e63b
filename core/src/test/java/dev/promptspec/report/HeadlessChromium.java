package dev.promptspec.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven over the DevTools protocol (the JDK's WebSocket client): one page whose console
 * messages, uncaught exceptions and network requests are recorded, so a test can say "nothing was fetched, nothing
 * failed" and click like a person.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 60;

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private String session;

    /** The browser on the PATH (Debian's {@code chromium}, or Chrome), if any. */
    static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static HeadlessChromium start(Path executable, Path profile) throws Exception {
        Process process = new ProcessBuilder(executable.toString(), "--headless", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--disable-gpu",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // containers (CI's included) often run as root without user namespaces, where the sandbox cannot start
                "--no-sandbox", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            return new HeadlessChromium(process, debuggerAddress(process));
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Chromium prints {@code DevTools listening on ws://...} on standard error once it accepts connections. */
    private static URI debuggerAddress(Process process) throws Exception {
        CompletableFuture<URI> address = CompletableFuture.supplyAsync(() -> {
            // not closed here: once the address is read, the rest of the stream is drained until the browser exits
            BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            try {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = err.readLine()) != null; ) {
                    int at = line.indexOf("ws://");
                    if (line.startsWith("DevTools listening on") && at >= 0) {
                        Thread drain = new Thread(() -> drain(err), "chromium-stderr");
                        drain.setDaemon(true);
                        drain.start();
                        return URI.create(line.substring(at).trim());
                    }
                    seen.append(line).append('\n');
                }
                throw new IllegalStateException("chromium exited without a DevTools address:\n" + seen);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return address.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void drain(BufferedReader err) {
        try (err) {
            while (err.readLine() != null) {
                // chromium's own log lines: the tests read what the page does through the protocol instead
            }
        } catch (IOException e) {
            // the browser was closed
        }
    }

    private HeadlessChromium(Process process, URI browser) throws Exception {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(browser, new Listener())
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        String target = send(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank")).path("targetId").asText();
        session = send(null, "Target.attachToTarget", JSON.createObjectNode().put("targetId", target).put("flatten", true))
                .path("sessionId").asText();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            call(domain + ".enable", JSON.createObjectNode());
        }
    }

    /** Opens {@code file} in the page and waits for its load event (the page's script has run by then). */
    void open(Path file) throws Exception {
        synchronized (events) {
            events.clear(); // what earlier pages did is not this page's
        }
        int before = 0;
        call("Page.navigate", JSON.createObjectNode().put("url", file.toUri().toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (events) {
            while (events("Page.loadEventFired").size() == before) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("the page did not load within " + WAIT_SECONDS + " s: " + file);
                }
                events.wait(left);
            }
        }
    }

    /** The value of a JavaScript expression in the page (an exception in it fails the test). */
    JsonNode eval(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the expression failed in the page: " + expression + "\n" + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A real mouse click in the middle of the first element {@code selector} finds, as a person's would be. */
    void click(String selector) throws Exception {
        JsonNode box = eval("(function(){var e=document.querySelector(" + JSON.writeValueAsString(selector) + ");"
                + "if(!e)return null;e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();"
                + "return {x:r.left+r.width/2,y:r.top+r.height/2};})()");
        if (box.isNull() || box.isMissingNode()) {
            throw new AssertionError("nothing on the page matches " + selector);
        }
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            ObjectNode params = JSON.createObjectNode().put("type", type).put("x", box.path("x").asDouble()).put("y", box.path("y").asDouble());
            if (!type.equals("mouseMoved")) {
                params.put("button", "left").put("clickCount", 1);
            }
            call("Input.dispatchMouseEvent", params);
        }
    }

    /** Console errors and warnings, uncaught exceptions and the browser's own errors (a CSP violation is one). */
    List<String> problems() {
        List<String> found = new ArrayList<>();
        synchronized (events) {
            for (JsonNode e : events) {
                JsonNode p = e.path("params");
                switch (e.path("method").asText()) {
                    case "Runtime.consoleAPICalled" -> {
                        if (List.of("error", "warning", "assert").contains(p.path("type").asText())) {
                            found.add("console." + p.path("type").asText() + ": " + p.path("args"));
                        }
                    }
                    case "Runtime.exceptionThrown" -> found.add("exception: " + p.path("exceptionDetails"));
                    case "Log.entryAdded" -> {
                        if (!p.path("entry").path("level").asText().equals("verbose")) {
                            found.add("log " + p.path("entry").path("level").asText() + ": " + p.path("entry").path("text").asText());
                        }
                    }
                    default -> { }
                }
            }
        }
        return found;
    }

    /** Every URL the page asked for besides {@code page} itself, blocked or not. */
    List<String> requestsBesides(Path page) {
        String own = page.toUri().toString();
        return events("Network.requestWillBeSent").stream().map(e -> e.path("params").path("request").path("url").asText())
                .filter(url -> !url.equals(own) && !url.equals("about:blank")).toList();
    }

    /** The URLs of requests the browser refused to send, each with its reason ({@code https://x/p.png csp}). */
    List<String> blockedRequests() {
        Map<String, String> urls = new ConcurrentHashMap<>();
        events("Network.requestWillBeSent").forEach(e -> urls.put(e.path("params").path("requestId").asText(),
                e.path("params").path("request").path("url").asText()));
        return events("Network.loadingFailed").stream().map(e -> e.path("params"))
                .filter(p -> p.has("blockedReason"))
                .map(p -> urls.get(p.path("requestId").asText()) + " " + p.path("blockedReason").asText()).toList();
    }

    private List<JsonNode> events(String method) {
        synchronized (events) {
            return events.stream().filter(e -> e.path("method").asText().equals(method)).toList();
        }
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        return send(session, method, params);
    }

    private JsonNode send(String sessionId, String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(message), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        JsonNode reply = answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.path("error"));
        }
        return reply.path("result");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> waiting = pending.remove(message.path("id").asInt());
                        if (waiting != null) {
                            waiting.complete(message);
                        }
                    } else {
                        synchronized (events) {
                            events.add(message);
                            events.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser is ended below either way
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
