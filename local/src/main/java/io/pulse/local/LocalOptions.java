package io.pulse.local;

import io.pulse.cli.ConfigOption;
import io.pulse.cli.Numbers;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command-line options of {@link LocalRunner} (a picocli mixin). Relative paths are resolved
 * against the repository root, so that {@code bin/pulse-local} runs the same from any directory.
 */
public final class LocalOptions {

    public static final String DEFAULT_WORK_DIR = "target/pulse-local";
    public static final int DEFAULT_METRICS_PORT = 9249;

    private final Path root;

    @Option(
            names = "--subscribers",
            paramLabel = "N",
            defaultValue = "2000",
            converter = Numbers.Positive.class,
            description = "simulated subscribers")
    private int subscribers;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "30000",
            converter = Numbers.Positive.class,
            description = "simulated events per second")
    private int rate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "simulator seed")
    private long seed;

    @Option(
            names = "--backfill-days",
            paramLabel = "N",
            defaultValue = "100",
            converter = Numbers.NonNegative.class,
            description = "simulated time starts N days ago")
    private int backfillDays;

    @Option(
            names = "--no-simulator",
            description = "no simulated traffic: feed subscriber-events yourself (kcat)")
    private boolean noSimulator;

    @Option(
            names = "--web-port",
            paramLabel = "N",
            defaultValue = "8081",
            converter = Numbers.Port.class,
            description = "Flink web UI and REST port")
    private int webPort;

    @Option(
            names = "--metrics-port",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_METRICS_PORT,
            converter = Numbers.PortOrZero.class,
            description = "Prometheus metrics on http://localhost:N/metrics (0: none)")
    private int metricsPort;

    @Option(
            names = "--kafka-port",
            paramLabel = "N",
            defaultValue = "" + EmbeddedKafka.DEFAULT_HOST_PORT,
            converter = Numbers.PortOrZero.class,
            description = "broker port for tools like kcat (0: any free port)")
    private int kafkaPort;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            converter = Numbers.Positive.class,
            description = "Flink parallelism")
    private int parallelism;

    @Option(
            names = "--duration-seconds",
            paramLabel = "N",
            defaultValue = "0",
            converter = Numbers.NonNegative.class,
            description = "stop by itself after N seconds, exit code 0 (0: run until Ctrl-C)")
    private int durationSeconds;

    @Mixin private ConfigOption config;

    @Option(
            names = "--work-dir",
            paramLabel = "PATH",
            defaultValue = DEFAULT_WORK_DIR,
            description = "checkpoints, log file, bootstrap.txt, the ground truth")
    private Path workDir;

    @Option(
            names = "--no-alert-lines",
            description = "do not print one line per alert, only the progress summary")
    private boolean noAlertLines;

    public LocalOptions() {
        this(repositoryRoot());
    }

    /** Options whose relative paths are resolved against {@code root}. */
    LocalOptions(Path root) {
        this.root = root;
    }

    /**
     * The repository root: the nearest of the working directory and its parents that has
     * config/scoring.yaml.
     */
    public static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(ConfigOption.DEFAULT))) {
                return dir;
            }
        }
        return start;
    }

    /** Whether the simulator feeds the events topic. */
    public boolean simulator() {
        return !noSimulator;
    }

    public int subscribers() {
        return subscribers;
    }

    public int eventsPerSecond() {
        return rate;
    }

    public long seed() {
        return seed;
    }

    public int backfillDays() {
        return backfillDays;
    }

    public int webPort() {
        return webPort;
    }

    /** Port of the Prometheus metrics endpoint; 0: none. */
    public int metricsPort() {
        return metricsPort;
    }

    /** Fixed broker port for tools outside the JVM; 0: a free port. */
    public int kafkaPort() {
        return kafkaPort;
    }

    public int parallelism() {
        return parallelism;
    }

    /** Stop by itself after this long; 0: run until Ctrl-C. */
    public long durationSeconds() {
        return durationSeconds;
    }

    public Path configPath() {
        return root.resolve(config.path()).normalize();
    }

    /** Checkpoints, the log file and bootstrap.txt go here. */
    public Path workDir() {
        return root.resolve(workDir).toAbsolutePath().normalize();
    }

    /** Whether to print alert lines to the console. */
    public boolean alertLines() {
        return !noAlertLines;
    }
}
