package io.pulse.local.bench;

import io.pulse.cli.PulseCommandLine;
import io.pulse.cli.ToolRun;
import io.pulse.local.bench.BenchOptions.Part;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {
    private static final Path BASE = Path.of("/repo");

    @Test
    void byDefaultEveryPartRuns() {
        BenchOptions o = parse();

        assertThat(o.parts()).isEqualTo(EnumSet.allOf(Part.class));
        assertThat(o.stateDays()).isEqualTo(90);
        assertThat(o.latencyCheckpointInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(o.scaleSizes()).containsExactly(10_000, 100_000, 1_000_000, 10_000_000);
        assertThat(o.rate()).isEmpty();
        assertThat(o.outputDir()).isEqualTo(Path.of("/repo/target/bench"));
    }

    @Test
    void partsSizesAndDurations() {
        BenchOptions o =
                parse(
                        "--only",
                        "scale,floor-full",
                        "--scale=100K, 10k,10k",
                        "--scale-events",
                        "2_000_000",
                        "--latency-checkpoint-interval",
                        "1s",
                        "--days",
                        "90",
                        "--markdown");

        assertThat(o.parts()).containsExactlyInAnyOrder(Part.SCALE, Part.FLOOR_FULL);
        assertThat(o.scaleSizes()).containsExactly(10_000, 100_000);
        assertThat(o.scaleEvents()).isEqualTo(2_000_000);
        assertThat(o.latencyCheckpointInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.days()).isEqualTo(90);
        assertThat(o.printMarkdown()).isTrue();
    }

    @Test
    void sizesReadAndWriteTheSameWay() {
        assertThat(parse("--scale", "1m,2500,10M").scaleSizes())
                .isEqualTo(List.of(2500, 1_000_000, 10_000_000));
        assertThat(List.of(10_000, 1_000_000, 2500, 1500).stream().map(BenchOptions::sizeName))
                .containsExactly("10k", "1m", "2500", "1500");
    }

    @Test
    void theLatencyRateIsAskedForOrElseMeasuredByTheLatencyPartItself() {
        assertThat(parse("--only", "latency", "--rate", "5000").rate()).hasValue(5000);
        assertThat(parse("--only", "latency").rate()).isEmpty();
    }

    @Test
    void theIncidentsPartFeedsWeekdaysWeeksBeforeToday() {
        java.time.LocalDate sunday = java.time.LocalDate.parse("2026-12-06");
        assertThat(IncidentLatency.liveFrom(sunday, 5)).isEqualTo("2026-11-23");
        assertThat(IncidentLatency.liveFrom(java.time.LocalDate.parse("2026-12-07"), 5))
                .isEqualTo("2026-11-30");
        assertThat(parse("--only", "incidents").incidentsWorld().outagesPerMonth()).isEqualTo(30);
    }

    @Test
    void refusesWhatItCannotUse() {
        for (String[] args :
                List.of(
                        new String[] {"--only", "speed"},
                        new String[] {"--scale", "ten"},
                        new String[] {"--scale", "0"},
                        new String[] {"--state-backend", "memory"},
                        new String[] {"--latency-population", "some"},
                        new String[] {"--checkpoint-interval", "0s"},
                        new String[] {"--latency-duration", "10s", "--latency-warm-up", "10s"},
                        new String[] {"--incidents-outages-per-month", "31"},
                        new String[] {"--incidents-days", "0"},
                        new String[] {"--subscribers"},
                        new String[] {"--unknown", "1"})) {
            assertThatThrownBy(() -> parse(args))
                    .as(String.join(" ", args))
                    .isInstanceOf(ParameterException.class);
        }
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        ToolRun run = ToolRun.of(new Benchmark(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: pulse-bench [OPTIONS]")
                .contains(
                        "--only=PARTS",
                        "--subscribers=N",
                        "--days=N",
                        "--seed=N",
                        "--checkpoint-interval=D",
                        "--state-backend=rocksdb|hashmap",
                        "--kafka-partitions=N",
                        "--state-subscribers=N",
                        "--state-days=N",
                        "--rate=N",
                        "--latency-subscribers=N",
                        "--latency-population=planted|all",
                        "--latency-history-days=N",
                        "--latency-duration=D",
                        "--latency-warm-up=D",
                        "--latency-checkpoint-interval=D",
                        "--incidents-subscribers=N",
                        "--incidents-outages-per-month=R",
                        "--incidents-history-days=N",
                        "--incidents-days=N",
                        "--incidents-rate=N",
                        "--scale=SIZES",
                        "--scale-events=N",
                        "--config=PATH",
                        "--output=PATH",
                        "--markdown",
                        "--help",
                        "Default: 200ms");
    }

    @Test
    void anUnknownOptionOrABadDurationIsExitCodeTwoNamingIt() {
        ToolRun unknown = ToolRun.of(new Benchmark(), "--only", "state", "--speed", "3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).contains("'--speed'");
        assertThat(unknown.err()).contains("Usage: pulse-bench");

        ToolRun duration = ToolRun.of(new Benchmark(), "--latency-duration", "2min");
        assertThat(duration.exitCode()).isEqualTo(2);
        assertThat(duration.message())
                .startsWith(
                        "Invalid value for option '--latency-duration': '2min' is not a duration");

        ToolRun warmUp =
                ToolRun.of(
                        new Benchmark(), "--latency-duration", "10s", "--latency-warm-up", "10s");
        assertThat(warmUp.exitCode()).as("checked before anything runs").isEqualTo(2);
        assertThat(warmUp.message())
                .isEqualTo("--latency-warm-up must be shorter than --latency-duration");
    }

    private static BenchOptions parse(String... args) {
        BenchOptions options = new BenchOptions(BASE);
        CommandLine commandLine = PulseCommandLine.of(options);
        commandLine.parseArgs(args);
        options.validate(commandLine);
        return options;
    }
}
