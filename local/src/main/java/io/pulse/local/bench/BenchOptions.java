package io.pulse.local.bench;

import io.pulse.cli.ConfigOption;
import io.pulse.cli.DurationConverter;
import io.pulse.cli.Numbers;
import io.pulse.local.LocalOptions;
import io.pulse.local.StateBackend;
import io.pulse.simulator.World;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Command-line options of {@link Benchmark} (a picocli mixin). Relative paths are resolved against
 * the repository root.
 */
final class BenchOptions {

    /** The parts of a benchmark run, in the order they run. */
    enum Part {
        FLOOR_FULL("floor-full"),
        KAFKA("kafka"),
        STATE("state"),
        LATENCY("latency"),
        INCIDENTS("incidents"),
        SCALE("scale");

        final String flag;

        Part(String flag) {
            this.flag = flag;
        }

        static Part of(String flag) {
            for (Part part : values()) {
                if (part.flag.equals(flag)) {
                    return part;
                }
            }
            throw new IllegalArgumentException(
                    "unknown part '"
                            + flag
                            + "' (parts: floor-full, kafka, state, latency, incidents, scale)");
        }
    }

    private final Path root;

    @Option(
            names = "--only",
            paramLabel = "PARTS",
            split = ",",
            converter = PartConverter.class,
            description = "comma-separated parts, e.g. floor-full,kafka (default: all)")
    private List<Part> only;

    @Option(
            names = "--subscribers",
            paramLabel = "N",
            defaultValue = "2000",
            converter = Numbers.Positive.class,
            description = "floor-full and kafka stream: subscribers")
    private int subscribers;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "30",
            converter = Numbers.Positive.class,
            description = "floor-full and kafka stream: simulated days")
    private int days;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "simulator seed of every part")
    private long seed;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "D",
            defaultValue = "10s",
            converter = DurationConverter.Positive.class,
            description = "checkpoint interval, all parts but latency")
    private Duration checkpointInterval;

    @Option(
            names = "--state-backend",
            paramLabel = "rocksdb|hashmap",
            defaultValue = "rocksdb",
            description = "hashmap shows what RocksDB costs (floor-full, state, scale)")
    private StateBackend stateBackend;

    @Option(
            names = "--kafka-partitions",
            paramLabel = "N",
            defaultValue = "1",
            converter = Numbers.Positive.class,
            description = "partitions per topic, kafka, latency and incidents parts")
    private int kafkaPartitions;

    @Option(
            names = "--state-subscribers",
            paramLabel = "N",
            defaultValue = "1000",
            converter = Numbers.Positive.class,
            description = "state part: subscribers")
    private int stateSubscribers;

    @Option(
            names = "--state-days",
            paramLabel = "N",
            defaultValue = "90",
            converter = Numbers.Positive.class,
            description = "state part: simulated days")
    private int stateDays;

    @Option(
            names = "--rate",
            paramLabel = "N",
            converter = Numbers.Positive.class,
            description =
                    "latency part: events/s"
                            + " fed (default: half the job's maximum on the live feed, measured first with a burst)")
    private Integer rate;

    @Option(
            names = "--latency-subscribers",
            paramLabel = "N",
            defaultValue = "20000",
            converter = Numbers.Positive.class,
            description = "latency part: simulated subscribers")
    private int latencySubscribers;

    @Option(
            names = "--latency-population",
            paramLabel = "planted|all",
            defaultValue = "planted",
            description =
                    "latency part: only the subscribers with a planted behaviour (about a third, for more"
                            + " alerts), or all")
    private AlertLatency.Population latencyPopulation;

    @Option(
            names = "--latency-history-days",
            paramLabel = "N",
            defaultValue = "2",
            converter = Numbers.NonNegative.class,
            description = "latency part: days of history read first")
    private int latencyHistoryDays;

    @Option(
            names = "--latency-duration",
            paramLabel = "D",
            defaultValue = "120s",
            converter = DurationConverter.Positive.class,
            description = "latency part: how long events are fed")
    private Duration latencyDuration;

    @Option(
            names = "--latency-warm-up",
            paramLabel = "D",
            defaultValue = "10s",
            description = "latency part: the first part of the feed, whose alerts are not counted")
    private Duration latencyWarmUp;

    @Option(
            names = "--latency-checkpoint-interval",
            paramLabel = "D",
            defaultValue = "200ms",
            converter = DurationConverter.Positive.class,
            description =
                    "latency and incidents parts: checkpoint interval; it bounds what a read_committed"
                            + " consumer sees")
    private Duration latencyCheckpointInterval;

    @Option(
            names = "--incidents-subscribers",
            paramLabel = "N",
            defaultValue = "8000",
            converter = Numbers.Positive.class,
            description = "incidents part: simulated subscribers")
    private int incidentsSubscribers;

    @Option(
            names = "--incidents-outages-per-month",
            paramLabel = "R",
            defaultValue = "30",
            description = "incidents part: regional outages a month over all regions (at most 30)")
    private double incidentsOutagesPerMonth;

    @Option(
            names = "--incidents-history-days",
            paramLabel = "N",
            defaultValue = "7",
            converter = Numbers.NonNegative.class,
            description =
                    "incidents part: days of history read first (an area is judged once it has four"
                            + " earlier days of the same kind)")
    private int incidentsHistoryDays;

    @Option(
            names = "--incidents-days",
            paramLabel = "N",
            defaultValue = "5",
            converter = Numbers.Positive.class,
            description = "incidents part: simulated days fed, from a Monday")
    private int incidentsDays;

    @Option(
            names = "--incidents-rate",
            paramLabel = "N",
            defaultValue = "6000",
            converter = Numbers.Positive.class,
            description = "incidents part: events per second fed")
    private int incidentsRate;

    @Option(
            names = "--scale",
            paramLabel = "SIZES",
            split = ",",
            defaultValue = "10k,100k,1m,10m",
            converter = Population.class,
            description = "scale part: populations, e.g. 10k,100k")
    private List<Integer> scale;

    @Option(
            names = "--scale-events",
            paramLabel = "N",
            defaultValue = "1000000",
            converter = Numbers.PositiveLong.class,
            description =
                    "scale part: timed events per point, after one untimed event per subscriber")
    private long scaleEvents;

    @Mixin private ConfigOption config;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description =
                    "your own events instead of the simulator's: a JSON-lines (.jsonl) or Avro (.avro)"
                            + " file, or a folder of part files, read in name order; runs the floor"
                            + " and full pipelines on them (floor-full only)")
    private Path input;

    @Option(
            names = "--input-profiles",
            paramLabel = "FILE",
            description =
                    "profiles read alongside --input (.jsonl or .avro); a folder written by"
                            + " pulse-simulate brings its own")
    private Path inputProfiles;

    @Option(
            names = "--output",
            paramLabel = "PATH",
            defaultValue = "target/bench",
            description = "result directory")
    private Path output;

    @Option(names = "--markdown", description = "also print the results as Markdown tables")
    private boolean markdown;

    BenchOptions() {
        this(LocalOptions.repositoryRoot());
    }

    /** Options whose relative paths are resolved against {@code root}. */
    BenchOptions(Path root) {
        this.root = root;
    }

    /** What no option alone can refuse. */
    void validate(CommandLine commandLine) {
        if (!latencyWarmUp.minus(latencyDuration).isNegative()) {
            throw new ParameterException(
                    commandLine, "--latency-warm-up must be shorter than --latency-duration");
        }
        if (input == null && inputProfiles != null) {
            throw new ParameterException(commandLine, "--input-profiles needs --input");
        }
        if (input != null && only != null && !only.stream().allMatch(p -> p == Part.FLOOR_FULL)) {
            throw new ParameterException(
                    commandLine,
                    "--input runs the floor-full part only: the other parts simulate their traffic");
        }
        try {
            incidentsWorld();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    commandLine, "--incidents-outages-per-month: " + e.getMessage());
        }
    }

    /** The parts to run, in {@link Part} order. */
    Set<Part> parts() {
        return only == null
                ? input != null ? EnumSet.of(Part.FLOOR_FULL) : EnumSet.allOf(Part.class)
                : Collections.unmodifiableSet(EnumSet.copyOf(only));
    }

    /** Population of the pre-generated stream of the floor-full and kafka parts. */
    int subscribers() {
        return subscribers;
    }

    int days() {
        return days;
    }

    long seed() {
        return seed;
    }

    /** Checkpoint interval of every part but latency. */
    Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** rocksdb, or hashmap (floor-full, state, scale). */
    String stateBackend() {
        return stateBackend.flinkName();
    }

    int kafkaPartitions() {
        return kafkaPartitions;
    }

    int stateSubscribers() {
        return stateSubscribers;
    }

    int stateDays() {
        return stateDays;
    }

    /** Events per second the latency part offers; empty: half the job's maximum, measured first. */
    OptionalInt rate() {
        return rate == null ? OptionalInt.empty() : OptionalInt.of(rate);
    }

    int latencySubscribers() {
        return latencySubscribers;
    }

    AlertLatency.Population latencyPopulation() {
        return latencyPopulation;
    }

    int latencyHistoryDays() {
        return latencyHistoryDays;
    }

    int incidentsSubscribers() {
        return incidentsSubscribers;
    }

    /** The incidents part's world: the simulator's, with {@code --incidents-outages-per-month}. */
    World incidentsWorld() {
        return World.DEFAULT.withOutagesPerMonth(incidentsOutagesPerMonth);
    }

    int incidentsHistoryDays() {
        return incidentsHistoryDays;
    }

    int incidentsDays() {
        return incidentsDays;
    }

    int incidentsRate() {
        return incidentsRate;
    }

    Duration latencyDuration() {
        return latencyDuration;
    }

    Duration latencyWarmUp() {
        return latencyWarmUp;
    }

    Duration latencyCheckpointInterval() {
        return latencyCheckpointInterval;
    }

    /** Populations of the scale curve, ascending and without repeats. */
    List<Integer> scaleSizes() {
        return scale.stream().distinct().sorted().toList();
    }

    long scaleEvents() {
        return scaleEvents;
    }

    Path configPath() {
        return root.resolve(config.path()).normalize();
    }

    /** The user's own events ({@code --input}), or null for the simulator's. */
    Path input() {
        return input == null ? null : root.resolve(input).toAbsolutePath().normalize();
    }

    /** The profiles read alongside {@link #input()}, or null. */
    Path inputProfiles() {
        return inputProfiles == null
                ? null
                : root.resolve(inputProfiles).toAbsolutePath().normalize();
    }

    /** Where the JSON and Markdown results go. */
    Path outputDir() {
        return root.resolve(output).toAbsolutePath().normalize();
    }

    boolean printMarkdown() {
        return markdown;
    }

    boolean runs(Part part) {
        return parts().contains(part);
    }

    /** A population written the way {@code --scale} takes it: 10k, 1m, 2500. */
    static String sizeName(int size) {
        if (size >= 1_000_000 && size % 1_000_000 == 0) {
            return size / 1_000_000 + "m";
        }
        if (size >= 1000 && size % 1000 == 0) {
            return size / 1000 + "k";
        }
        return Integer.toString(size);
    }

    /** A part of {@code --only} by its name. */
    static final class PartConverter implements ITypeConverter<Part> {
        @Override
        public Part convert(String value) {
            try {
                return Part.of(value.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A population written 10k, 1m or 2500 (the way {@link #sizeName} writes it), 1 or more. */
    static final class Population implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT).replace("_", "");
            long factor = 1;
            if (v.endsWith("k")) {
                factor = 1000;
                v = v.substring(0, v.length() - 1);
            } else if (v.endsWith("m")) {
                factor = 1_000_000;
                v = v.substring(0, v.length() - 1);
            }
            long size;
            try {
                size = Long.parseLong(v) * factor;
            } catch (NumberFormatException e) {
                throw new TypeConversionException(
                        "'" + value.trim() + "' is not a size such as 10k or 1m");
            }
            if (size < 1 || size > Integer.MAX_VALUE) {
                throw new TypeConversionException(
                        "a size is between 1 and " + Integer.MAX_VALUE + ", got " + value.trim());
            }
            return (int) size;
        }
    }
}
