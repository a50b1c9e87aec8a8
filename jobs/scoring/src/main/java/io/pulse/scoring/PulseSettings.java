package io.pulse.scoring;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.schema.codec.WireFormat;

import org.apache.flink.util.ParameterTool;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Where the job reads and writes: topic settings from command-line arguments
 * ({@code --events-topic name}) or else the environment ({@code PULSE_EVENTS_TOPIC}), and how its
 * Kafka clients connect ({@link KafkaClientSettings}: {@code --bootstrap-servers},
 * {@code --kafka-properties}, {@code --kafka.<property>}). {@code pseudonymKey} is a reference to the
 * secret key of pseudonymised outputs, never the key itself.
 */
public record PulseSettings(
        KafkaClientSettings kafka,
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
        @Nullable String pseudonymKey)
        implements Serializable {

    public static final String DEFAULT_CONFIG = "config/scoring.yaml";

    public static PulseSettings from(ParameterTool args, Map<String, String> env) {
        Lookup lookup = new Lookup(args, env);
        WireFormat output = lookup.format("output-format", "avro");
        if (output == WireFormat.AUTO) {
            throw new IllegalArgumentException("--output-format must be avro or json");
        }
        return new PulseSettings(
                KafkaClientSettings.fromOptions(args.toMap(), env, null),
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
                lookup.get("pseudonym-key", null));
    }

    /** Every topic the job reads or writes. */
    public List<String> topics() {
        return List.of(eventsTopic, profilesTopic, scoresTopic, alertsTopic, deadLettersTopic);
    }

    private static final class Lookup {
        private final Map<String, String> options;
        private final Map<String, String> env;

        Lookup(ParameterTool args, Map<String, String> env) {
            this.options = args.toMap();
            this.env = env;
        }

        String get(String key, String fallback) {
            String value = KafkaClientSettings.option(options, env, key);
            return value == null ? fallback : value;
        }

        WireFormat format(String key, String fallback) {
            try {
                return WireFormat.parse(get(key, fallback));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + key + ": " + e.getMessage());
            }
        }
    }
}
