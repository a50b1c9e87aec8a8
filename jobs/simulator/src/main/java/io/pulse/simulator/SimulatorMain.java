package io.pulse.simulator;

import io.pulse.schema.codec.WireFormat;

import java.util.LinkedHashMap;
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
 * --producer-property KEY=VALUE   extra Kafka producer setting, repeatable
 * </pre>
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
            "  --producer-property KEY=VALUE   extra Kafka producer setting, repeatable",
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
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        KafkaSimulator simulator = new KafkaSimulator(options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        simulator.run();
    }

    /** Options from {@code --name value} or {@code --name=value} arguments; unknown names are errors. */
    static SimulatorOptions parse(String[] args) {
        SimulatorOptions options = SimulatorOptions.defaults(DEFAULT_BOOTSTRAP_SERVERS);
        Map<String, String> producerProperties = new LinkedHashMap<>();
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
            switch (name) {
                case "--bootstrap-servers":
                    options = options.withBootstrapServers(value);
                    break;
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
                case "--producer-property":
                    int separator = value.indexOf('=');
                    if (separator <= 0) {
                        throw new IllegalArgumentException("--producer-property needs KEY=VALUE, got '" + value + "'");
                    }
                    producerProperties.put(value.substring(0, separator), value.substring(separator + 1));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return options.withProducerProperties(producerProperties);
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
