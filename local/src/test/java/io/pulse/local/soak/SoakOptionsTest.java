package io.pulse.local.soak;

import io.pulse.cli.PulseCommandLine;
import io.pulse.cli.ToolRun;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoakOptionsTest {
    private static final Path BASE = Path.of("/repo");

    @Test
    void defaultsAreTenMinutesWithCheckpointsEveryFifteenSeconds() {
        SoakOptions o = parse();

        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.eventsPerSecond()).isEqualTo(SoakOptions.DEFAULT_RATE);
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.configPath()).isEqualTo(Path.of("/repo/config/scoring.yaml"));
        assertThat(o.workDir()).isEqualTo(Path.of("/repo/target/soak"));
    }

    @Test
    void parsesMinutesRatesAndDurations() {
        SoakOptions o =
                parse(
                        "--minutes",
                        "0.5",
                        "--rate=8000",
                        "--checkpoint-interval",
                        "30s",
                        "--sample-interval",
                        "2500ms",
                        "--drain-timeout",
                        "2m",
                        "--subscribers",
                        "20_000");

        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.eventsPerSecond()).isEqualTo(8000);
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.sampleInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(o.drainTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.subscribers()).isEqualTo(20_000);
        assertThat(parse("--drain-timeout", "PT90S").drainTimeout())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> parse("--rate", "0"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("Invalid value for option '--rate': '0' is less than 1");
        assertThatThrownBy(() -> parse("--checkpoint-interval", "soon"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("'--checkpoint-interval': 'soon' is not a duration");
        assertThatThrownBy(() -> parse("--checkpoint-interval", "20"))
                .as("a duration needs its unit")
                .hasMessageContaining("'20' has no unit");
        assertThatThrownBy(() -> parse("--checkpoint-interval", "0s"))
                .hasMessageContaining("not above zero");
        assertThatThrownBy(() -> parse("--minutes", "0"))
                .hasMessageContaining("'--minutes': '0' is not above zero");
        assertThatThrownBy(() -> parse("--minutes"))
                .hasMessageContaining("Missing required parameter for option '--minutes'");
        assertThatThrownBy(() -> parse("--speed", "1"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("Unknown options: '--speed'");
    }

    @Test
    void backfillCoversWhatTheRunCanSend() {
        // 10 min at 5000/s = 3,000,000 events; 10,000 subscribers send at least 15 a day each: 20
        // days
        SoakOptions o = parse("--rate", "5000", "--subscribers", "10000");
        assertThat(o.simulatedDaysNeeded()).isEqualTo(21);
        assertThat(o.effectiveBackfillDays()).isEqualTo(30);

        SoakOptions hour = parse("--minutes", "60", "--subscribers", "10000");
        assertThat(hour.effectiveBackfillDays()).isEqualTo(121);
        assertThat(parse("--backfill-days", "5").effectiveBackfillDays()).isEqualTo(5);
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        ToolRun run = ToolRun.of(new SoakRun(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: pulse-soak [OPTIONS]")
                .contains(
                        "--minutes=N",
                        "--rate=N",
                        "--subscribers=N",
                        "--checkpoint-interval=D",
                        "--seed=N",
                        "--backfill-days=N",
                        "--duplicate-every=N",
                        "--malformed-every=N",
                        "--parallelism=N",
                        "--web-port=N",
                        "--sample-interval=D",
                        "--drain-timeout=D",
                        "--config=PATH",
                        "--work-dir=PATH",
                        "--help",
                        "Default: 15s",
                        "an event was lost or doubled");
    }

    @Test
    void anUnknownOptionOrABadDurationIsExitCodeTwoNamingIt() {
        ToolRun unknown = ToolRun.of(new SoakRun(), "--speed", "1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).contains("'--speed'");
        assertThat(unknown.err()).contains("Usage: pulse-soak");

        ToolRun duration = ToolRun.of(new SoakRun(), "--checkpoint-interval", "15");
        assertThat(duration.exitCode()).isEqualTo(2);
        assertThat(duration.message())
                .startsWith("Invalid value for option '--checkpoint-interval': '15' has no unit");
    }

    private static SoakOptions parse(String... args) {
        SoakOptions options = new SoakOptions(BASE);
        PulseCommandLine.of(options).parseArgs(args);
        return options;
    }
}
