package io.pulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Debian's chromium, headless, driven over the Chrome DevTools Protocol with nothing but the JDK's
 * HTTP and WebSocket clients: open a page, read what it renders, click and type like a user. Enough
 * for the Flink web UI test; not a general browser driver.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Names of a Chromium or Chrome executable, in the order they are looked for on the PATH. */
    static final List<String> NAMES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    /**
     * The browser named by {@code CHROME_BIN}, else the first of {@link #NAMES} on the PATH, or a
     * clear failure: the test needs a real browser and is never skipped ({@code .ci/run} installs
     * it).
     */
    static Path executable() {
        return find(System.getenv())
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "No Chromium or Chrome found (CHROME_BIN, or "
                                                + String.join(", ", NAMES)
                                                + " on the PATH), and this test"
                                                + " opens the Flink web UI in a real headless browser. Install one (Debian or Ubuntu:"
                                                + " apt-get install -y chromium), or set CHROME_BIN to its executable"
                                                + (Boolean.parseBoolean(System.getenv("CI"))
                                                        ? "; in CI, .ci/run must have installed it."
                                                        : ".")));
    }

    static Optional<Path> find(Map<String, String> environment) {
        String named = environment.get("CHROME_BIN");
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            if (!Files.isExecutable(path)) {
                throw new AssertionError(
                        "CHROME_BIN is " + named + ", which is not an executable file");
            }
            return Optional.of(path);
        }
        for (String name : NAMES) {
            for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a headless chromium with a fresh profile in {@code profileDir} and attaches to its one
     * page.
     */
    static HeadlessChromium start(Path profileDir) throws Exception {
        Files.createDirectories(profileDir);
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                executable().toString(),
                                "--headless",
                                "--disable-gpu",
                                "--no-first-run",
                                "--no-default-browser-check",
                                "--disable-extensions",
                                "--disable-dev-shm-usage",
                                "--window-size=1600,1000",
                                "--remote-debugging-port=0",
                                "--user-data-dir=" + profileDir));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--no-sandbox"); // chromium refuses to run as root with its sandbox
        }
        command.add("about:blank");
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(profileDir.resolve("chromium.log").toFile())
                        .start();
        try {
            int port = debuggingPort(profileDir.resolve("DevToolsActivePort"), process);
            String pageSocket = pageWebSocket(port);
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket =
                    HttpClient.newHttpClient()
                            .newWebSocketBuilder()
                            .buildAsync(
                                    URI.create(pageSocket),
                                    new Listener(message -> self[0].onMessage(message)))
                            .get(30, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, socket);
            self[0].call("Page.enable", Map.of());
            self[0].call("Runtime.enable", Map.of());
            return self[0];
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Opens {@code url} in the page. */
    void navigate(String url) throws Exception {
        JsonNode result = call("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new AssertionError(
                    "chromium could not open " + url + ": " + result.get("errorText").asText());
        }
    }

    /** Evaluates a JavaScript expression in the page; its value as JSON (null for undefined). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result =
                call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.hasNonNull("exceptionDetails")) {
            throw new AssertionError("page script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** The page's visible text. */
    String text() throws Exception {
        return evaluate("document.body ? document.body.innerText : ''").asText();
    }

    /**
     * Polls {@code expression} until its value satisfies {@code done}; fails with the last value
     * and the page text.
     */
    JsonNode await(String what, String expression, Predicate<JsonNode> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode value = null;
        while (System.nanoTime() < deadline) {
            value = evaluate(expression);
            if (done.test(value)) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "the page never showed "
                        + what
                        + " within "
                        + timeout.toSeconds()
                        + " s; last value: "
                        + value
                        + "\n--- page text ---\n"
                        + text());
    }

    /**
     * Clicks the middle of the first element matching {@code cssSelector}, with real mouse events.
     */
    void click(String cssSelector) throws Exception {
        JsonNode box =
                evaluate(
                        "(() => { const e = document.querySelector("
                                + JSON.writeValueAsString(cssSelector)
                                + ");"
                                + " if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        if (box.isNull() || box.isMissingNode()) {
            throw new AssertionError(
                    "nothing to click: " + cssSelector + "\n--- page text ---\n" + text());
        }
        double x = box.get("x").asDouble();
        double y = box.get("y").asDouble();
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        call(
                "Input.dispatchMouseEvent",
                Map.of("type", "mousePressed", "x", x, "y", y, "button", "left", "clickCount", 1));
        call(
                "Input.dispatchMouseEvent",
                Map.of("type", "mouseReleased", "x", x, "y", y, "button", "left", "clickCount", 1));
    }

    /** Types {@code text} into the focused element, as a keyboard would insert it. */
    void type(String text) throws Exception {
        call("Input.insertText", Map.of("text", text));
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode request = JSON.createObjectNode().put("id", id).put("method", method);
        request.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(request), true)
                .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode response = reply.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new AssertionError(method + " failed: " + response.get("error"));
        }
        return response.path("result");
    }

    private void onMessage(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            if (node.has("id")) {
                CompletableFuture<JsonNode> reply = pending.remove(node.get("id").asInt());
                if (reply != null) {
                    reply.complete(node);
                }
            }
            // events (no id) are not needed: the test polls the page
        } catch (IOException e) {
            pending.values().forEach(reply -> reply.completeExceptionally(e));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes either way
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Chromium writes its DevTools port into the profile once it listens. */
    private static int debuggingPort(Path activePortFile, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "chromium exited with code "
                                + process.exitValue()
                                + " at start; see "
                                + activePortFile.resolveSibling("chromium.log"));
            }
            if (Files.isRegularFile(activePortFile)) {
                List<String> lines = Files.readAllLines(activePortFile, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("chromium did not open its DevTools port within 60 s");
    }

    /** The WebSocket of the browser's page target. */
    private static String pageWebSocket(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String body =
                    http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + "/json/list"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            for (JsonNode target : JSON.readTree(body)) {
                if ("page".equals(target.path("type").asText())
                        && target.hasNonNull("webSocketDebuggerUrl")) {
                    return target.get("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("chromium shows no page to attach to");
    }

    /** Collects a WebSocket message's fragments and hands over each whole message. */
    private static final class Listener implements WebSocket.Listener {
        private final java.util.function.Consumer<String> onMessage;
        private final StringBuilder partial = new StringBuilder();

        Listener(java.util.function.Consumer<String> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                onMessage.accept(message);
            }
            webSocket.request(1);
            return null;
        }
    }
}
