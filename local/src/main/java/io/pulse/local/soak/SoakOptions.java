package io.pulse.local.soak;

import io.pulse.cli.ConfigOption;
import io.pulse.cli.DurationConverter;
import io.pulse.cli.Numbers;
import io.pulse.local.LocalOptions;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Command-line options of {@link SoakRun} (a picocli mixin). Relative paths are resolved against
 * the repository root.
 */
public final class SoakOptions {

    public static final int DEFAULT_RATE = 5000;
    public static final int DEFAULT_SUBSCRIBERS = 10_000;

    /**
     * A lower bound of the simulator's events per subscriber and simulated day (about 27 on
     * average).
     */
    static final int MIN_EVENTS_PER_SUBSCRIBER_DAY = 15;

    private final Path root;

    @Option(
            names = "--minutes",
            paramLabel = "N",
            defaultValue = "10",
            converter = Minutes.class,
            description = "how long the simulator sends (decimals allowed)")
    private Duration duration;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_RATE,
            converter = Numbers.Positive.class,
            description = "events per second offered to the job")
    private int rate;

    @Option(
            names = "--subscribers",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_SUBSCRIBERS,
            converter = Numbers.Positive.class,
            description = "simulated subscribers (their state is what the checkpoints hold)")
    private int subscribers;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "D",
            defaultValue = "15s",
            converter = DurationConverter.Positive.class,
            description = "Flink checkpoint interval")
    private Duration checkpointInterval;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "simulator seed")
    private long seed;

    @Option(
            names = "--backfill-days",
            paramLabel = "N",
            defaultValue = "0",
            converter = Numbers.NonNegative.class,
            description =
                    "simulated time starts N days ago (0: enough that the simulator never reaches the present"
                            + " during the run)")
    private int backfillDays;

    @Option(
            names = "--duplicate-every",
            paramLabel = "N",
            defaultValue = "1000",
            converter = Numbers.NonNegative.class,
            description = "re-send every N-th event with its eventId (0: none)")
    private int duplicateEvery;

    @Option(
            names = "--malformed-every",
            paramLabel = "N",
            defaultValue = "10000",
            converter = Numbers.NonNegative.class,
            description = "add a malformed or invalid record after every N-th event (0: none)")
    private int malformedEvery;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            converter = Numbers.Positive.class,
            description = "Flink parallelism")
    private int parallelism;

    @Option(
            names = "--web-port",
            paramLabel = "N",
            defaultValue = "8081",
            converter = Numbers.Port.class,
            description = "Flink web UI and REST port")
    private int webPort;

    @Option(
            names = "--sample-interval",
            paramLabel = "D",
            defaultValue = "5s",
            converter = DurationConverter.Positive.class,
            description = "how often backpressure, lag and checkpoints are sampled")
    private Duration sampleInterval;

    @Option(
            names = "--drain-timeout",
            paramLabel = "D",
            defaultValue = "5m",
            converter = DurationConverter.Positive.class,
            description = "time allowed to read the rest after the simulator stops")
    private Duration drainTimeout;

    @Mixin private ConfigOption config;

    @Option(
            names = "--work-dir",
            paramLabel = "PATH",
            defaultValue = "target/soak",
            description = "checkpoints, log file, results")
    private Path workDir;

    public SoakOptions() {
        this(LocalOptions.repositoryRoot());
    }

    /** Options whose relative paths are resolved against {@code root}. */
    SoakOptions(Path root) {
        this.root = root;
    }

    /** How long the simulator sends at the rate. */
    public Duration duration() {
        return duration;
    }

    /** The sustained rate offered to the job. */
    public int eventsPerSecond() {
        return rate;
    }

    public int subscribers() {
        return subscribers;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    public long seed() {
        return seed;
    }

    /** Simulated time starts this many days ago; 0: {@link #effectiveBackfillDays()} chooses. */
    public int backfillDays() {
        return backfillDays;
    }

    /** Re-send every n-th simulated event with the same eventId; 0: never. */
    public int duplicateEvery() {
        return duplicateEvery;
    }

    /** After every n-th simulated event, send a record that must become a dead letter; 0: never. */
    public int malformedEvery() {
        return malformedEvery;
    }

    public int parallelism() {
        return parallelism;
    }

    public int webPort() {
        return webPort;
    }

    /** How often backpressure, lag and checkpoints are sampled. */
    public Duration sampleInterval() {
        return sampleInterval;
    }

    /** How long the job may take to read the rest after the simulator stops. */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    public Path configPath() {
        return root.resolve(config.path()).normalize();
    }

    /** Checkpoints, log file and result files go here. */
    public Path workDir() {
        return root.resolve(workDir).toAbsolutePath().normalize();
    }

    /**
     * Simulated days the run can consume at most: the simulator sends faster than real time, and
     * must not reach the wall clock, where it would slow down to the population's natural rate.
     */
    public int simulatedDaysNeeded() {
        double events = (double) rate * duration.toSeconds();
        return (int) Math.ceil(events / ((double) subscribers * MIN_EVENTS_PER_SUBSCRIBER_DAY)) + 1;
    }

    /** {@link #backfillDays()}, or {@link #simulatedDaysNeeded()} (at least 30) when it is 0. */
    public int effectiveBackfillDays() {
        return backfillDays > 0 ? backfillDays : Math.max(30, simulatedDaysNeeded());
    }

    /**
     * {@code --minutes}: a number of minutes above zero, decimals allowed (its name says the unit).
     */
    public static final class Minutes implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            double minutes;
            try {
                minutes = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of minutes");
            }
            if (!(minutes > 0 && minutes < 1e9)) {
                throw new TypeConversionException("'" + value + "' is not above zero");
            }
            return Duration.ofMillis(Math.round(minutes * 60_000));
        }
    }
}
