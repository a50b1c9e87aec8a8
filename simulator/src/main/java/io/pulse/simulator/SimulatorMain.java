package io.pulse.simulator;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.kafka.KafkaConnectionCheck;
import io.pulse.schema.codec.WireFormat;

import io.pulse.schema.history.HistoryFiles;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command line entry point: runs a {@link KafkaSimulator} until Ctrl-C, or with {@code --out}
 * writes a history of {@code --days} days to files ({@link HistoryWriter}) and exits.
 *
 * <pre>
 * --bootstrap-servers HOST:PORT   Kafka (default localhost:9092)
 * --subscribers N                 population size (default 2000)
 * --rate N                        at most N events per second (default 10000)
 * --seed N                        random seed (default 42)
 * --backfill-days N               start simulated time N days ago, at midnight UTC (default 21)
 * --format avro|json              value encoding (default avro)
 * --events-topic NAME             (default subscriber-events)
 * --profiles-topic NAME           (default subscriber-profiles)
 * --kafka-properties FILE         Kafka client properties, e.g. security (see README, Security)
 * --kafka.PROPERTY VALUE          one Kafka client property, over the file's; repeatable
 * --monthly-churn R               share of subscribers who leave each month (default 0.02)
 * --truth-dir DIR                 write the run's ground truth there (Kafka mode)
 * --out DIR                       write a history to files instead of Kafka, then exit
 * --days N                        with --out: days of history (default 180)
 * --start YYYY-MM-DD              with --out: first day, midnight UTC (default: --days days ago)
 * --file-format avro|json         with --out: Avro container files or JSON lines (default avro)
 * </pre>
 * The Kafka options fall back to environment variables as the job's do (PULSE_BOOTSTRAP_SERVERS,
 * PULSE_KAFKA_PROPERTIES).
 */
public final class SimulatorMain {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: SimulatorMain [options]",
            "  --bootstrap-servers HOST:PORT   Kafka (default localhost:9092)",
            "  --subscribers N                 population size (default 2000)",
            "  --rate N                        at most N events per second (default 10000)",
            "  --seed N                        random seed (default 42)",
            "  --backfill-days N               start simulated time N days ago, at midnight UTC (default 21)",
            "  --format avro|json              value encoding (default avro)",
            "  --events-topic NAME             (default subscriber-events)",
            "  --profiles-topic NAME           (default subscriber-profiles)",
            "  --kafka-properties FILE         Kafka client properties, e.g. security (see README, Security)",
            "  --kafka.PROPERTY VALUE          one Kafka client property, over the file's; repeatable",
            "  --monthly-churn R               share of subscribers who leave each month (default 0.02)",
            "  --truth-dir DIR                 write the run's ground truth there (who leaves, when, why)",
            "  --out DIR                       write a history to files instead of Kafka, then exit:",
            "                                  profiles and events, truth/ (the ground truth), simulation.json",
            "  --days N                        with --out: days of history (default 180)",
            "  --start YYYY-MM-DD              with --out: first day, midnight UTC (default: --days days ago)",
            "  --file-format avro|json         with --out: Avro container files or JSON lines (default avro)",
            "  --help                          this text");

    static final int DEFAULT_HISTORY_DAYS = 180;

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private SimulatorMain() {}

    /** The options of a run that writes files instead of Kafka. */
    record FileMode(Path out, int days, LocalDate start, HistoryFiles.Format format) {}

    /** What the command line asks for: the simulator's options, and files instead of Kafka when {@code fileMode} is set. */
    record Invocation(SimulatorOptions options, FileMode fileMode) {}

    private static void writeHistory(SimulatorOptions options, FileMode mode) {
        LocalDate start = mode.start() != null ? mode.start()
                : LocalDate.now(ZoneOffset.UTC).minusDays(mode.days());
        System.out.printf("Simulating %,d subscribers (seed %d, %.1f%% monthly churn) for %d days from %s into %s ...%n",
                options.subscribers(), options.seed(), 100 * options.monthlyChurn(), mode.days(), start, mode.out());
        HistoryWriter.Run run = HistoryWriter.write(mode.out(), options.subscribers(), options.seed(),
                start.toEpochDay() * CalendarHour.DAY_MILLIS, mode.days(), options.monthlyChurn(), mode.format());
        System.out.printf("Wrote %,d events; %,d subscribers left in the %d days. Ground truth in %s%n",
                run.events(), run.churners(), mode.days(), mode.out().resolve(HistoryWriter.TRUTH_DIRECTORY));
    }

    public static void main(String[] args) {
        Invocation invocation;
        try {
            if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
                System.out.println(USAGE);
                return;
            }
            invocation = parse(args, System.getenv());
            if (invocation.fileMode() != null) {
                writeHistory(invocation.options(), invocation.fileMode());
                return;
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        SimulatorOptions options = invocation.options();
        try {
            KafkaConnectionCheck.check(options.kafka(), List.of(options.eventsTopic(), options.profilesTopic()),
                    KafkaConnectionCheck.DEFAULT_TIMEOUT);
        } catch (KafkaConnectionCheck.KafkaSetupException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        KafkaSimulator simulator = new KafkaSimulator(options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        simulator.run();
    }

    /**
     * Options from {@code --name value} or {@code --name=value} arguments; unknown names are errors.
     * The Kafka options fall back to the environment {@code env}.
     */
    static Invocation parse(String[] args, Map<String, String> env) {
        SimulatorOptions options = SimulatorOptions.defaults(KafkaClientSettings.plaintext(DEFAULT_BOOTSTRAP_SERVERS));
        Map<String, String> kafkaOptions = new HashMap<>();
        Path out = null;
        int days = DEFAULT_HISTORY_DAYS;
        LocalDate start = null;
        HistoryFiles.Format fileFormat = HistoryFiles.Format.AVRO;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int equals = name.indexOf('=');
            if (name.startsWith("--") && equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String option = name.substring(2);
            if (option.equals(KafkaClientSettings.BOOTSTRAP_SERVERS_OPTION)
                    || option.equals(KafkaClientSettings.PROPERTIES_FILE_OPTION)
                    || option.startsWith(KafkaClientSettings.PROPERTY_OPTION_PREFIX)) {
                kafkaOptions.put(option, value);
                continue;
            }
            switch (name) {
                case "--subscribers":
                    options = options.withSubscribers(integer(name, value));
                    break;
                case "--rate":
                    options = options.withEventsPerSecond(integer(name, value));
                    break;
                case "--seed":
                    options = options.withSeed(longInteger(name, value));
                    break;
                case "--backfill-days":
                    options = options.withBackfillDays(integer(name, value));
                    break;
                case "--format":
                    options = options.withFormat(WireFormat.parse(value));
                    break;
                case "--events-topic":
                    options = options.withEventsTopic(value);
                    break;
                case "--profiles-topic":
                    options = options.withProfilesTopic(value);
                    break;
                case "--monthly-churn":
                    options = options.withMonthlyChurn(number(name, value));
                    break;
                case "--truth-dir":
                    options = options.withTruthDirectory(Path.of(value));
                    break;
                case "--out":
                    out = Path.of(value);
                    break;
                case "--days":
                    days = integer(name, value);
                    if (days < 1) {
                        throw new IllegalArgumentException("--days must be at least 1, got " + days);
                    }
                    break;
                case "--start":
                    try {
                        start = LocalDate.parse(value.trim());
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--start needs a date YYYY-MM-DD, got '" + value + "'");
                    }
                    break;
                case "--file-format":
                    fileFormat = switch (value.trim().toLowerCase(Locale.ROOT)) {
                        case "avro" -> HistoryFiles.Format.AVRO;
                        case "json" -> HistoryFiles.Format.JSON;
                        default -> throw new IllegalArgumentException("--file-format is avro or json, got '" + value + "'");
                    };
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new Invocation(
                options.withKafka(KafkaClientSettings.fromOptions(kafkaOptions, env, DEFAULT_BOOTSTRAP_SERVERS)),
                out == null ? null : new FileMode(out, days, start, fileFormat));
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got '" + value + "'");
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'");
        }
    }

    private static long longInteger(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'");
        }
    }
}
