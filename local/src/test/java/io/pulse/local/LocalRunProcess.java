package io.pulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.pulse.scoring.TestEvents.repoFile;

/**
 * The local run as {@code bin/pulse-local} starts it: {@link LocalRunner} in its own JVM, from the
 * repository's root, its console written to a file. Closing it stops it the way Ctrl-C does.
 */
final class LocalRunProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path console;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalRunProcess(Process process, Path console) {
        this.process = process;
        this.console = console;
    }

    /** Starts the local run with these options (after {@code LocalRunner}). */
    static LocalRunProcess start(Path console, List<String> options) throws IOException {
        Path root = repoFile("config/scoring.yaml").getParent().getParent();
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx2g",
                                "-cp",
                                System.getProperty("java.class.path"),
                                LocalRunner.class.getName()));
        command.addAll(options);
        Process process =
                new ProcessBuilder(command)
                        .directory(root.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(console.toFile())
                        .start();
        return new LocalRunProcess(process, console);
    }

    Process process() {
        return process;
    }

    /** What the local run has printed so far. */
    String console() throws IOException {
        return Files.readString(console, StandardCharsets.UTF_8);
    }

    /** The id of the job once the web UI on {@code webPort} shows it RUNNING. */
    String awaitRunningJob(int webPort, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                for (JsonNode job :
                        JSON.readTree(get("http://localhost:" + webPort + "/jobs/overview"))
                                .path("jobs")) {
                    if ("RUNNING".equals(job.path("state").asText())) {
                        return job.path("jid").asText();
                    }
                }
            } catch (IOException notUpYet) {
                // the web UI starts after Kafka and the simulator
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "the job did not show as RUNNING in the web UI on port "
                        + webPort
                        + ":\n"
                        + console());
    }

    String get(String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
