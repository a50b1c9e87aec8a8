package io.pulse.local.bench;

import org.apache.flink.util.TimeUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Command-line options of {@link Benchmark}.
 *
 * @param parts the parts to run, in {@link Part} order
 * @param subscribers population of the pre-generated stream of the floor-full and kafka parts
 * @param days simulated days of that stream
 * @param seed simulator seed of every part
 * @param checkpointInterval checkpoint interval of every part but latency
 * @param stateBackend rocksdb, or hashmap to see what RocksDB costs (floor-full, state, scale)
 * @param kafkaPartitions partitions of each topic of the kafka and latency parts
 * @param stateSubscribers population of the state part
 * @param stateDays simulated days of the state part
 * @param rate events per second the latency part offers; empty: half the job's maximum on the
 *     latency part's live feed, which the part measures first
 * @param latencySubscribers simulated population of the latency part
 * @param latencyPopulation which of them take part: those with a planted behaviour, or all
 * @param latencyHistoryDays simulated history the job reads before the latency is measured
 * @param latencyDuration how long the latency part feeds events at the rate
 * @param latencyWarmUp alerts of events sent in this first part of the feed are not counted
 * @param latencyCheckpointInterval checkpoint interval of the latency part: it bounds what a
 *     read_committed consumer sees
 * @param scaleSizes populations of the scale curve, ascending
 * @param scaleEvents timed events per point of the scale curve, after every subscriber's first
 * @param configPath the scoring configuration
 * @param outputDir where the JSON and Markdown results go
 * @param printMarkdown also print the Markdown tables
 * @param help print the usage and exit
 */
record BenchOptions(
        Set<Part> parts,
        int subscribers,
        int days,
        long seed,
        Duration checkpointInterval,
        String stateBackend,
        int kafkaPartitions,
        int stateSubscribers,
        int stateDays,
        OptionalInt rate,
        int latencySubscribers,
        AlertLatency.Population latencyPopulation,
        int latencyHistoryDays,
        Duration latencyDuration,
        Duration latencyWarmUp,
        Duration latencyCheckpointInterval,
        List<Integer> scaleSizes,
        long scaleEvents,
        Path configPath,
        Path outputDir,
        boolean printMarkdown,
        boolean help) {

    /** The parts of a benchmark run, in the order they run. */
    enum Part {
        FLOOR_FULL("floor-full"),
        KAFKA("kafka"),
        STATE("state"),
        LATENCY("latency"),
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
            throw new IllegalArgumentException("--only: unknown part '" + flag + "' (parts: floor-full, kafka, state, latency, scale)");
        }
    }

    static final String USAGE = String.join("\n",
            "Usage: bin/pulse-bench [options]",
            "",
            "Benchmark of the scoring job, at parallelism 1 on a local MiniCluster with RocksDB and incremental",
            "checkpoints. Parts (all by default, in this order):",
            "  floor-full  the floor pipeline (read, decode, key, discard) and the full scoring topology",
            "              (outputs discarded) on one pre-generated stream: events/s, events per CPU-second",
            "  kafka       the same stream loaded into an embedded Kafka broker, then the deployed job",
            "              (Kafka sources, exactly-once sinks) until it has consumed every event",
            "  state       the full topology over --state-days of history: state per subscriber",
            "  latency     events fed at a fixed rate through Kafka, with event time = send time: the time",
            "              until the alerts they raise reach the alerts topic, read_uncommitted and",
            "              read_committed",
            "  scale       floor and full throughput at each population of --scale (generated traffic)",
            "Prints a results table and writes target/bench/bench-<time>.json and .md.",
            "",
            "Options:",
            "  --only PARTS                    comma-separated parts, e.g. floor-full,kafka",
            "  --subscribers N                 floor-full and kafka stream: subscribers (default 2000)",
            "  --days N                        floor-full and kafka stream: simulated days (default 30)",
            "  --seed N                        simulator seed (default 42)",
            "  --checkpoint-interval D         checkpoint interval, all parts but latency (default 10s)",
            "  --state-backend B               rocksdb (default) or hashmap (floor-full, state, scale)",
            "  --kafka-partitions N            partitions per topic, kafka and latency parts (default 1)",
            "  --state-subscribers N           state part: subscribers (default 1000)",
            "  --state-days N                  state part: simulated days (default 90)",
            "  --rate N                        latency part: events/s fed (default: half the job's maximum",
            "                                  on the live feed, measured first with a burst)",
            "  --latency-subscribers N         latency part: simulated subscribers (default 20000)",
            "  --latency-population P          latency part: planted (default: only the subscribers with a",
            "                                  planted behaviour, about a third, for more alerts) or all",
            "  --latency-history-days N        latency part: days of history read first (default 2)",
            "  --latency-duration D            latency part: how long events are fed (default 120s)",
            "  --latency-warm-up D             latency part: first part of the feed not counted (default 10s)",
            "  --latency-checkpoint-interval D latency part: checkpoint interval (default 200ms)",
            "  --scale SIZES                   scale part: populations, e.g. 10k,100k (default 10k,100k,1m,10m)",
            "  --scale-events N                scale part: timed events per point, after one untimed event",
            "                                  per subscriber (default 1000000)",
            "  --config PATH                   scoring configuration (default config/scoring.yaml)",
            "  --output PATH                   result directory (default target/bench)",
            "  --markdown                      also print the results as Markdown tables",
            "  -h, --help                      this text",
            "",
            "Durations: 200ms, 10s, 2min. Numbers may be written 3_000_000.",
            "");

    static BenchOptions parse(String[] args, Path base) {
        Set<Part> parts = EnumSet.allOf(Part.class);
        int subscribers = 2000;
        int days = 30;
        long seed = 42;
        Duration checkpointInterval = Duration.ofSeconds(10);
        String stateBackend = "rocksdb";
        int kafkaPartitions = 1;
        int stateSubscribers = 1000;
        int stateDays = 90;
        OptionalInt rate = OptionalInt.empty();
        int latencySubscribers = 20_000;
        AlertLatency.Population latencyPopulation = AlertLatency.Population.PLANTED;
        int latencyHistoryDays = 2;
        Duration latencyDuration = Duration.ofSeconds(120);
        Duration latencyWarmUp = Duration.ofSeconds(10);
        Duration latencyCheckpointInterval = Duration.ofMillis(200);
        List<Integer> scaleSizes = List.of(10_000, 100_000, 1_000_000, 10_000_000);
        long scaleEvents = 1_000_000;
        String config = "config/scoring.yaml";
        String output = "target/bench";
        boolean markdown = false;
        boolean help = false;

        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("-h") || name.equals("--help")) {
                help = true;
                continue;
            }
            if (name.equals("--markdown")) {
                markdown = true;
                continue;
            }
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + name + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--only" -> parts = parts(value);
                case "--subscribers" -> subscribers = intAtLeast(name, value, 1);
                case "--days" -> days = intAtLeast(name, value, 1);
                case "--seed" -> seed = longAtLeast(name, value, Long.MIN_VALUE);
                case "--checkpoint-interval" -> checkpointInterval = duration(name, value);
                case "--state-backend" -> stateBackend = stateBackend(value);
                case "--kafka-partitions" -> kafkaPartitions = intAtLeast(name, value, 1);
                case "--state-subscribers" -> stateSubscribers = intAtLeast(name, value, 1);
                case "--state-days" -> stateDays = intAtLeast(name, value, 1);
                case "--rate" -> rate = OptionalInt.of(intAtLeast(name, value, 1));
                case "--latency-subscribers" -> latencySubscribers = intAtLeast(name, value, 1);
                case "--latency-population" -> latencyPopulation = population(value);
                case "--latency-history-days" -> latencyHistoryDays = intAtLeast(name, value, 0);
                case "--latency-duration" -> latencyDuration = duration(name, value);
                case "--latency-warm-up" -> latencyWarmUp = durationOrZero(name, value);
                case "--latency-checkpoint-interval" -> latencyCheckpointInterval = duration(name, value);
                case "--scale" -> scaleSizes = sizes(name, value);
                case "--scale-events" -> scaleEvents = longAtLeast(name, value, 1);
                case "--config" -> config = value;
                case "--output" -> output = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (!latencyWarmUp.minus(latencyDuration).isNegative()) {
            throw new IllegalArgumentException("--latency-warm-up must be shorter than --latency-duration");
        }
        return new BenchOptions(Collections.unmodifiableSet(EnumSet.copyOf(parts)), subscribers, days, seed, checkpointInterval, stateBackend,
                kafkaPartitions, stateSubscribers, stateDays, rate, latencySubscribers, latencyPopulation, latencyHistoryDays,
                latencyDuration, latencyWarmUp, latencyCheckpointInterval, scaleSizes, scaleEvents,
                base.resolve(config).normalize(), base.resolve(output).toAbsolutePath().normalize(), markdown, help);
    }

    boolean runs(Part part) {
        return parts.contains(part);
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

    /** Populations such as {@code 10k,100k,1m,10m}, ascending and without repeats. */
    static List<Integer> sizes(String name, String value) {
        List<Integer> sizes = new ArrayList<>();
        for (String item : value.split(",")) {
            String v = item.trim().toLowerCase(Locale.ROOT).replace("_", "");
            if (v.isEmpty()) {
                continue;
            }
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
                throw new IllegalArgumentException(name + " expects sizes such as 10k,1m, got '" + item.trim() + "'");
            }
            if (size < 1 || size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + ": a size must be between 1 and " + Integer.MAX_VALUE + ", got " + item.trim());
            }
            sizes.add((int) size);
        }
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one size");
        }
        return sizes.stream().distinct().sorted().toList();
    }

    private static Set<Part> parts(String value) {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String flag : value.split(",")) {
            if (!flag.isBlank()) {
                parts.add(Part.of(flag.trim().toLowerCase(Locale.ROOT)));
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("--only needs at least one part");
        }
        return parts;
    }

    private static AlertLatency.Population population(String value) {
        try {
            return AlertLatency.Population.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--latency-population must be planted or all, got '" + value + "'");
        }
    }

    private static String stateBackend(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("rocksdb") && !v.equals("hashmap")) {
            throw new IllegalArgumentException("--state-backend must be rocksdb or hashmap, got '" + value + "'");
        }
        return v;
    }

    static Duration duration(String name, String value) {
        Duration d = durationOrZero(name, value);
        if (d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return d;
    }

    private static Duration durationOrZero(String name, String value) {
        Duration d;
        try {
            d = TimeUtils.parseDuration(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " expects a duration such as 200ms or 10s, got '" + value + "'");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return d;
    }

    private static int intAtLeast(String name, String value, int min) {
        long n = longAtLeast(name, value, min);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too large: " + value);
        }
        return (int) n;
    }

    private static long longAtLeast(String name, String value, long min) {
        long n;
        try {
            n = Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a whole number, got '" + value + "'");
        }
        if (n < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
        return n;
    }
}
