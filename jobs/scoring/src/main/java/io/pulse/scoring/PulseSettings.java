package io.pulse.scoring;

import io.pulse.schema.codec.WireFormat;

import org.apache.flink.util.ParameterTool;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the job reads and writes: Kafka and topic settings, from command-line arguments
 * ({@code --bootstrap-servers host:9092}) or else the environment ({@code PULSE_BOOTSTRAP_SERVERS}).
 * Any {@code --kafka.<property> value} is passed to every Kafka client as is.
 */
public record PulseSettings(
        String bootstrapServers,
        String configPath,
        String eventsTopic,
        String profilesTopic,
        String scoresTopic,
        String alertsTopic,
        String deadLettersTopic,
        String groupId,
        WireFormat inputFormat,
        WireFormat outputFormat,
        String transactionalIdPrefix,
        long transactionTimeoutMs,
        Map<String, String> kafkaProperties)
        implements Serializable {

    public static final String DEFAULT_CONFIG = "config/scoring.yaml";
    private static final String KAFKA_PREFIX = "kafka.";

    public static PulseSettings from(ParameterTool args, Map<String, String> env) {
        Lookup lookup = new Lookup(args, env);
        WireFormat output = lookup.format("output-format", "avro");
        if (output == WireFormat.AUTO) {
            throw new IllegalArgumentException("--output-format must be avro or json");
        }
        Map<String, String> kafka = new TreeMap<>();
        args.toMap().forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX)) {
                kafka.put(key.substring(KAFKA_PREFIX.length()), value);
            }
        });
        return new PulseSettings(
                lookup.required("bootstrap-servers"),
                lookup.get("config", DEFAULT_CONFIG),
                lookup.get("events-topic", "subscriber-events"),
                lookup.get("profiles-topic", "subscriber-profiles"),
                lookup.get("scores-topic", "subscriber-scores"),
                lookup.get("alerts-topic", "subscriber-alerts"),
                lookup.get("dead-letters-topic", "subscriber-dead-letters"),
                lookup.get("group-id", "pulse-scoring"),
                lookup.format("input-format", "avro"),
                output,
                lookup.get("transactional-id-prefix", "pulse-scoring"),
                Long.parseLong(lookup.get("transaction-timeout-ms", "900000")),
                Map.copyOf(kafka));
    }

    /** Client properties every Kafka source and sink of the job starts from. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.putAll(kafkaProperties);
        return properties;
    }

    private static final class Lookup {
        private final ParameterTool args;
        private final Map<String, String> env;

        Lookup(ParameterTool args, Map<String, String> env) {
            this.args = args;
            this.env = env;
        }

        String get(String key, String fallback) {
            String value = args.get(key);
            if (value == null) {
                value = env.get(envName(key));
            }
            return value == null || value.isBlank() ? fallback : value;
        }

        String required(String key) {
            String value = get(key, null);
            if (value == null) {
                throw new IllegalArgumentException("missing --" + key + " (or environment variable " + envName(key) + ")");
            }
            return value;
        }

        WireFormat format(String key, String fallback) {
            try {
                return WireFormat.parse(get(key, fallback));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + key + ": " + e.getMessage());
            }
        }

        static String envName(String key) {
            return "PULSE_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }
}
