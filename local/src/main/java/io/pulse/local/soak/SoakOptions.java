package io.pulse.local.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Command-line options of {@link SoakRun}.
 *
 * @param duration how long the simulator sends at the rate
 * @param eventsPerSecond the sustained rate offered to the job
 * @param subscribers simulated population (its state is what the checkpoints hold)
 * @param checkpointInterval Flink checkpoint interval
 * @param seed simulator seed
 * @param backfillDays simulated time starts this many days ago (0: enough that the simulator never
 *     reaches the wall clock during the run, see {@link #simulatedDaysNeeded()})
 * @param duplicateEvery re-send every n-th simulated event with the same eventId (0: never)
 * @param malformedEvery after every n-th simulated event, send a record that must become a dead letter (0: never)
 * @param parallelism Flink parallelism
 * @param webPort Flink web UI and REST port
 * @param sampleInterval how often backpressure, lag and checkpoints are sampled
 * @param drainTimeout how long the job may take to read the rest after the simulator stops
 * @param configPath the scoring configuration
 * @param workDir checkpoints, log file and result files
 * @param help print the usage and exit
 */
public record SoakOptions(
        Duration duration,
        int eventsPerSecond,
        int subscribers,
        Duration checkpointInterval,
        long seed,
        int backfillDays,
        int duplicateEvery,
        int malformedEvery,
        int parallelism,
        int webPort,
        Duration sampleInterval,
        Duration drainTimeout,
        Path configPath,
        Path workDir,
        boolean help) {

    public static final int DEFAULT_RATE = 5000;
    public static final int DEFAULT_SUBSCRIBERS = 10_000;
    /** A lower bound of the simulator's events per subscriber and simulated day (about 27 on average). */
    static final int MIN_EVENTS_PER_SUBSCRIBER_DAY = 15;

    public static final String USAGE = String.join("\n",
            "Usage: bin/pulse-soak [options]",
            "",
            "Soak run: a Kafka broker, the subscriber simulator sending at a sustained rate, and the",
            "scoring job (RocksDB, incremental checkpoints, exactly-once sinks) in a local Flink cluster,",
            "for a fixed time. Then stops the simulator, lets the job drain, checks that every event was",
            "read and scored or dead-lettered, and reports checkpoints, backpressure, throughput and lag.",
            "Exit code 0 when the accounting matches, 1 when it does not or the run failed.",
            "",
            "Options:",
            "  --minutes N               how long the simulator sends (default 10; decimals allowed)",
            "  --rate N                  events per second offered to the job (default " + DEFAULT_RATE + ")",
            "  --subscribers N           simulated subscribers (default " + DEFAULT_SUBSCRIBERS + ")",
            "  --checkpoint-interval D   Flink checkpoint interval, e.g. 15s, 30s (default 15s)",
            "  --seed N                  simulator seed (default 42)",
            "  --backfill-days N         simulated time starts N days ago (default: enough for the run)",
            "  --duplicate-every N       re-send every N-th event with its eventId (default 1000; 0 = none)",
            "  --malformed-every N       add a malformed or invalid record after every N-th event",
            "                            (default 10000; 0 = none)",
            "  --parallelism N           Flink parallelism (default 2)",
            "  --web-port N              Flink web UI and REST port (default 8081)",
            "  --sample-interval D       sampling of backpressure, lag, checkpoints (default 5s)",
            "  --drain-timeout D         time allowed to read the rest after the simulator stops (default 5m)",
            "  --config PATH             scoring configuration (default config/scoring.yaml)",
            "  --work-dir PATH           checkpoints, log file, results (default target/soak)",
            "  -h, --help                this text",
            "",
            "Durations: 500ms, 15s, 2m or plain seconds.",
            "");

    public static SoakOptions parse(String[] args, Path base) {
        Duration duration = Duration.ofMinutes(10);
        int rate = DEFAULT_RATE;
        int subscribers = DEFAULT_SUBSCRIBERS;
        Duration checkpointInterval = Duration.ofSeconds(15);
        long seed = 42;
        int backfillDays = 0;
        int duplicateEvery = 1000;
        int malformedEvery = 10_000;
        int parallelism = 2;
        int webPort = 8081;
        Duration sampleInterval = Duration.ofSeconds(5);
        Duration drainTimeout = Duration.ofMinutes(5);
        String config = "config/scoring.yaml";
        String workDir = "target/soak";
        boolean help = false;

        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i);
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
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + name + "'");
            }
            if (value == null) {
                if (i + 1 >= list.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = list.get(++i);
            }
            switch (name) {
                case "--minutes" -> duration = minutes(name, value);
                case "--rate" -> rate = atLeast(name, value, 1);
                case "--subscribers" -> subscribers = atLeast(name, value, 1);
                case "--checkpoint-interval" -> checkpointInterval = duration(name, value);
                case "--seed" -> seed = parseLong(name, value);
                case "--backfill-days" -> backfillDays = atLeast(name, value, 0);
                case "--duplicate-every" -> duplicateEvery = atLeast(name, value, 0);
                case "--malformed-every" -> malformedEvery = atLeast(name, value, 0);
                case "--parallelism" -> parallelism = atLeast(name, value, 1);
                case "--web-port" -> webPort = port(name, value);
                case "--sample-interval" -> sampleInterval = duration(name, value);
                case "--drain-timeout" -> drainTimeout = duration(name, value);
                case "--config" -> config = value;
                case "--work-dir" -> workDir = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new SoakOptions(duration, rate, subscribers, checkpointInterval, seed, backfillDays, duplicateEvery,
                malformedEvery, parallelism, webPort, sampleInterval, drainTimeout, base.resolve(config).normalize(),
                base.resolve(workDir).toAbsolutePath().normalize(), help);
    }

    /**
     * Simulated days the run can consume at most: the simulator sends faster than real time, and
     * must not reach the wall clock, where it would slow down to the population's natural rate.
     */
    public int simulatedDaysNeeded() {
        double events = (double) eventsPerSecond * duration.toSeconds();
        return (int) Math.ceil(events / ((double) subscribers * MIN_EVENTS_PER_SUBSCRIBER_DAY)) + 1;
    }

    /** {@link #backfillDays()}, or {@link #simulatedDaysNeeded()} (at least 30) when it is 0. */
    public int effectiveBackfillDays() {
        return backfillDays > 0 ? backfillDays : Math.max(30, simulatedDaysNeeded());
    }

    /** Parses 500ms, 15s, 2m, 1h or plain seconds. */
    static Duration duration(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(v));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a duration such as 15s, got '" + value + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return d;
    }

    private static Duration minutes(String name, String value) {
        double minutes;
        try {
            minutes = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a number of minutes, got '" + value + "'");
        }
        if (!(minutes > 0)) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return Duration.ofMillis(Math.round(minutes * 60_000));
    }

    private static int atLeast(String name, String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a whole number, got '" + value + "'");
        }
        if (n < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
        return n;
    }

    private static int port(String name, String value) {
        int n = atLeast(name, value, 1);
        if (n > 65535) {
            throw new IllegalArgumentException(name + " must be a port number, got " + value);
        }
        return n;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a whole number, got '" + value + "'");
        }
    }
}
