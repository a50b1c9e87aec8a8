package io.pulse.simulator;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.kafka.KafkaConnectionCheck;
import io.pulse.schema.codec.WireFormat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line entry point: runs a {@link KafkaSimulator} until Ctrl-C.
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
            "  --help                          this text");

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private SimulatorMain() {}

    public static void main(String[] args) {
        SimulatorOptions options;
        try {
            if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
                System.out.println(USAGE);
                return;
            }
            options = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
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
    static SimulatorOptions parse(String[] args, Map<String, String> env) {
        SimulatorOptions options = SimulatorOptions.defaults(KafkaClientSettings.plaintext(DEFAULT_BOOTSTRAP_SERVERS));
        Map<String, String> kafkaOptions = new HashMap<>();
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
                default:
                    throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return options.withKafka(KafkaClientSettings.fromOptions(kafkaOptions, env, DEFAULT_BOOTSTRAP_SERVERS));
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
