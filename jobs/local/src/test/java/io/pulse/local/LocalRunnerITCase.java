package io.pulse.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.pulse.scoring.TestEvents.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer sees: the local run, started as README.md says (the same main class in its own
 * JVM), shows ZERO_ACTIVITY alerts from the simulator within a minute, serves the job in the Flink
 * web UI with readable operator names, and stops by itself with exit code 0.
 */
class LocalRunnerITCase {

    @TempDir
    Path workDir;

    @Test
    void theLocalRunShowsAlertsAndTheJobInTheWebUi() throws Exception {
        int webPort = freePort();
        Path root = repoFile("config/scoring.yaml").getParent().getParent();
        Path output = workDir.resolve("console.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"),
                LocalRunner.class.getName(),
                "--duration-seconds", "75", "--kafka-port", "0", "--web-port", Integer.toString(webPort), "--metrics-port", "0",
                "--work-dir", workDir.toString()));
        Process runner = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            String plan = awaitRunningJobPlan(webPort, runner);
            assertThat(plan).contains("Score subscribers", "Subscriber events", "Subscriber profiles",
                    "Subscriber alerts to Kafka", "Dead letters to Kafka");
            assertThat(runner.waitFor(150, TimeUnit.SECONDS)).as("stops by itself").isTrue();
        } finally {
            runner.destroy();
        }
        String console = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(runner.exitValue()).as(console).isZero();
        assertThat(console).contains("OPEN     ZERO_ACTIVITY");
        assertThat(firstAlertSeconds(console)).as(console).isLessThanOrEqualTo(60);
    }

    private static String awaitRunningJobPlan(int port, Process runner) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && runner.isAlive()) {
            try {
                String jobs = get(http, port, "/jobs/overview");
                int id = jobs.indexOf("\"jid\":\"");
                if (id >= 0 && jobs.contains("\"state\":\"RUNNING\"")) {
                    String jid = jobs.substring(id + 7, jobs.indexOf('"', id + 7));
                    return get(http, port, "/jobs/" + jid + "/plan");
                }
            } catch (IOException notUpYet) {
                // the web UI starts after Kafka and the simulator
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the job did not show as RUNNING in the web UI on port " + port);
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int firstAlertSeconds(String console) {
        int at = console.indexOf("[first alert ");
        assertThat(at).as("a first alert line").isNotNegative();
        String rest = console.substring(at + "[first alert ".length());
        return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
