package io.pulse.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command-line options of {@link LocalRunner}.
 *
 * @param simulator whether the simulator feeds the events topic
 * @param subscribers simulated population
 * @param eventsPerSecond simulator rate
 * @param seed simulator seed
 * @param backfillDays simulated time starts this many days ago
 * @param webPort Flink web UI and REST port
 * @param metricsPort port of the Prometheus metrics endpoint (0: none)
 * @param kafkaPort fixed broker port for tools outside the JVM (0: a free port)
 * @param parallelism Flink parallelism
 * @param durationSeconds stop by itself after this long (0: run until Ctrl-C)
 * @param configPath the scoring configuration
 * @param workDir checkpoints, the log file and bootstrap.txt go here
 * @param alertLines print alert lines to the console
 * @param help print the usage and exit
 */
public record LocalOptions(
        boolean simulator,
        int subscribers,
        int eventsPerSecond,
        long seed,
        int backfillDays,
        int webPort,
        int metricsPort,
        int kafkaPort,
        int parallelism,
        long durationSeconds,
        Path configPath,
        Path workDir,
        boolean alertLines,
        boolean help) {

    public static final String DEFAULT_CONFIG = "config/scoring.yaml";
    public static final String DEFAULT_WORK_DIR = "target/pulse-local";
    public static final int DEFAULT_METRICS_PORT = 9249;

    public static final String USAGE = String.join("\n",
            "Usage: bin/pulse-local [options]",
            "",
            "Runs Pulse on this machine in one JVM: a Kafka broker, the subscriber simulator and the",
            "scoring job in a local Flink cluster with the web UI, and prints alerts as they arrive.",
            "Ctrl-C stops everything.",
            "",
            "Options:",
            "  --subscribers N        simulated subscribers (default 2000)",
            "  --rate N               simulated events per second (default 30000)",
            "  --seed N               simulator seed (default 42)",
            "  --backfill-days N      simulated time starts N days ago (default 100)",
            "  --no-simulator         no simulated traffic: feed subscriber-events yourself (kcat)",
            "  --web-port N           Flink web UI and REST port (default 8081)",
            "  --metrics-port N       Prometheus metrics on http://localhost:N/metrics (default 9249; 0 = none)",
            "  --kafka-port N         broker port for tools like kcat (default 9092; 0 = any free port)",
            "  --parallelism N        Flink parallelism (default 2)",
            "  --duration-seconds N   stop by itself after N seconds, exit code 0 (default: run until Ctrl-C)",
            "  --config PATH          scoring configuration (default config/scoring.yaml)",
            "  --work-dir PATH        checkpoints, log file, bootstrap.txt (default target/pulse-local)",
            "  --no-alert-lines       do not print one line per alert, only the progress summary",
            "  -h, --help             this text",
            "");

    /** Parses the arguments; relative paths are resolved against {@code base}, the repository root. */
    public static LocalOptions parse(String[] args, Path base) {
        boolean simulator = true;
        int subscribers = 2000;
        int rate = 30_000;
        long seed = 42;
        int backfillDays = 100;
        int webPort = 8081;
        int metricsPort = DEFAULT_METRICS_PORT;
        int kafkaPort = EmbeddedKafka.DEFAULT_HOST_PORT;
        int parallelism = 2;
        long duration = 0;
        String config = DEFAULT_CONFIG;
        String workDir = DEFAULT_WORK_DIR;
        boolean alertLines = true;
        boolean help = false;

        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--no-simulator" -> simulator = false;
                case "--no-alert-lines" -> alertLines = false;
                default -> {
                    if (value == null) {
                        if (i + 1 >= rest.size() || !name.startsWith("--")) {
                            throw new IllegalArgumentException(name.startsWith("--")
                                    ? name + " needs a value" : "unexpected argument '" + arg + "'");
                        }
                        value = rest.get(++i);
                    }
                    switch (name) {
                        case "--subscribers" -> subscribers = positiveInt(name, value);
                        case "--rate" -> rate = positiveInt(name, value);
                        case "--seed" -> seed = parseLong(name, value);
                        case "--backfill-days" -> backfillDays = nonNegativeInt(name, value);
                        case "--web-port" -> webPort = port(name, value, false);
                        case "--metrics-port" -> metricsPort = port(name, value, true);
                        case "--kafka-port" -> kafkaPort = port(name, value, true);
                        case "--parallelism" -> parallelism = positiveInt(name, value);
                        case "--duration-seconds" -> duration = nonNegativeInt(name, value);
                        case "--config" -> config = value;
                        case "--work-dir" -> workDir = value;
                        default -> throw new IllegalArgumentException("unknown option " + name);
                    }
                }
            }
        }
        return new LocalOptions(simulator, subscribers, rate, seed, backfillDays, webPort, metricsPort, kafkaPort, parallelism,
                duration, base.resolve(config).normalize(), base.resolve(workDir).toAbsolutePath().normalize(),
                alertLines, help);
    }

    /** The repository root: the nearest of the working directory and its parents that has config/scoring.yaml. */
    public static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(DEFAULT_CONFIG))) {
                return dir;
            }
        }
        return start;
    }

    private static int positiveInt(String name, String value) {
        int n = parseInt(name, value);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return n;
    }

    private static int nonNegativeInt(String name, String value) {
        int n = parseInt(name, value);
        if (n < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return n;
    }

    private static int port(String name, String value, boolean zeroAllowed) {
        int n = parseInt(name, value);
        if (n < (zeroAllowed ? 0 : 1) || n > 65535) {
            throw new IllegalArgumentException(name + " must be a port number, got " + value);
        }
        return n;
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a whole number, got '" + value + "'");
        }
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim().toLowerCase(Locale.ROOT).replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a whole number, got '" + value + "'");
        }
    }
}
