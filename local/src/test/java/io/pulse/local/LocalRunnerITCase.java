package io.pulse.local;

import io.pulse.simulator.GroundTruthFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer sees: the local run, started as README.md says (the same main class in its own
 * JVM), shows ZERO_ACTIVITY alerts from the simulator within a minute, serves the job in the Flink
 * web UI with readable operator names, says where the run's ground truth is, and stops by itself
 * with exit code 0.
 */
class LocalRunnerITCase {

    @TempDir Path workDir;

    @Test
    void theLocalRunShowsAlertsAndTheJobInTheWebUi() throws Exception {
        int webPort = LocalRunProcess.freePort();
        String console;
        int exitValue;
        try (LocalRunProcess run =
                LocalRunProcess.start(
                        workDir.resolve("console.txt"),
                        List.of(
                                "--duration-seconds",
                                "75",
                                "--kafka-port",
                                "0",
                                "--web-port",
                                Integer.toString(webPort),
                                "--metrics-port",
                                "0",
                                "--work-dir",
                                workDir.toString()))) {
            String jobId = run.awaitRunningJob(webPort, Duration.ofSeconds(90));
            String plan = run.get("http://localhost:" + webPort + "/jobs/" + jobId + "/plan");
            assertThat(plan)
                    .contains(
                            "Score subscribers",
                            "Subscriber events",
                            "Subscriber profiles",
                            "Subscriber alerts to Kafka",
                            "Dead letters to Kafka");
            assertThat(run.process().waitFor(150, TimeUnit.SECONDS)).as("stops by itself").isTrue();
            console = run.console();
            exitValue = run.process().exitValue();
        }
        assertThat(exitValue).as(console).isZero();
        assertThat(console).contains("OPEN     ZERO_ACTIVITY");
        assertThat(firstAlertSeconds(console)).as(console).isLessThanOrEqualTo(60);
        // the banner says where the run's ground truth is, and it is there
        Path truth = workDir.resolve("truth");
        assertThat(console).contains("Ground truth     " + truth);
        assertThat(GroundTruthFiles.readSubscribers(truth)).hasSize(2000);
        assertThat(truth.resolve(GroundTruthFiles.CONDITIONS)).isNotEmptyFile();
    }

    private static int firstAlertSeconds(String console) {
        int at = console.indexOf("[first alert ");
        assertThat(at).as("a first alert line").isNotNegative();
        String rest = console.substring(at + "[first alert ".length());
        return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
    }
}
