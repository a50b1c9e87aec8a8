package io.pulse.local;

import io.pulse.cli.PulseCommandLine;
import io.pulse.cli.ToolRun;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** bin/pulse-local's options, parsed as its main parses them; nothing is started. */
class LocalOptionsTest {
    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsAreTheReadmesLocalRun() {
        LocalOptions o = parse();

        assertThat(o.simulator()).isTrue();
        assertThat(o.subscribers()).isEqualTo(2000);
        assertThat(o.eventsPerSecond()).isEqualTo(30_000);
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.backfillDays()).isEqualTo(100);
        assertThat(o.webPort()).isEqualTo(8081);
        assertThat(o.metricsPort()).isEqualTo(LocalOptions.DEFAULT_METRICS_PORT);
        assertThat(o.kafkaPort()).isEqualTo(9092);
        assertThat(o.parallelism()).isEqualTo(2);
        assertThat(o.durationSeconds()).as("until Ctrl-C").isZero();
        assertThat(o.configPath()).isEqualTo(Path.of("/repo/config/scoring.yaml"));
        assertThat(o.workDir()).isEqualTo(Path.of("/repo/target/pulse-local"));
        assertThat(o.alertLines()).isTrue();
    }

    @Test
    void parsesTheOptionsOfTheTestsAndTheReadme() {
        LocalOptions o =
                parse(
                        "--duration-seconds=75",
                        "--kafka-port",
                        "0",
                        "--web-port",
                        "18081",
                        "--metrics-port",
                        "0",
                        "--work-dir",
                        "/tmp/run",
                        "--no-simulator",
                        "--no-alert-lines",
                        "--subscribers",
                        "2_500",
                        "--seed",
                        "-1",
                        "--config",
                        "config/other.yaml");

        assertThat(o.durationSeconds()).isEqualTo(75);
        assertThat(o.kafkaPort()).isZero();
        assertThat(o.webPort()).isEqualTo(18081);
        assertThat(o.metricsPort()).isZero();
        assertThat(o.workDir()).isEqualTo(Path.of("/tmp/run"));
        assertThat(o.simulator()).isFalse();
        assertThat(o.alertLines()).isFalse();
        assertThat(o.subscribers()).isEqualTo(2500);
        assertThat(o.seed()).isEqualTo(-1);
        assertThat(o.configPath()).isEqualTo(Path.of("/repo/config/other.yaml"));
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> parse("--web-port", "0"))
                .isInstanceOf(ParameterException.class)
                .hasMessage(
                        "Invalid value for option '--web-port': '0' is not between 1 and 65535");
        assertThatThrownBy(() -> parse("--metrics-port", "70000"))
                .hasMessageContaining("'--metrics-port'");
        assertThatThrownBy(() -> parse("--duration-seconds", "1m"))
                .as("its name says the unit")
                .hasMessage(
                        "Invalid value for option '--duration-seconds': '1m' is not a whole number");
        assertThatThrownBy(() -> parse("--parallelism", "0"))
                .hasMessageContaining("'--parallelism': '0' is less than 1");
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        ToolRun run = ToolRun.of(new LocalRunner(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: pulse-local [OPTIONS]")
                .contains(
                        "--subscribers=N",
                        "--rate=N",
                        "--seed=N",
                        "--backfill-days=N",
                        "--no-simulator",
                        "--web-port=N",
                        "--metrics-port=N",
                        "--kafka-port=N",
                        "--parallelism=N",
                        "--duration-seconds=N",
                        "--config=PATH",
                        "--work-dir=PATH",
                        "--no-alert-lines",
                        "--help",
                        "Default: 30000");
    }

    @Test
    void anUnknownOptionOrABadValueIsExitCodeTwoNamingIt() {
        ToolRun unknown = ToolRun.of(new LocalRunner(), "--speed", "3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).contains("'--speed'");
        assertThat(unknown.err()).contains("Usage: pulse-local");

        ToolRun duration = ToolRun.of(new LocalRunner(), "--duration-seconds", "90s");
        assertThat(duration.exitCode()).isEqualTo(2);
        assertThat(duration.message())
                .isEqualTo(
                        "Invalid value for option '--duration-seconds': '90s' is not a whole number");
    }

    private static LocalOptions parse(String... args) {
        LocalOptions options = new LocalOptions(ROOT);
        PulseCommandLine.of(options).parseArgs(args);
        return options;
    }
}
