package io.pulse.scoring;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.schema.codec.UnknownJsonFields;
import io.pulse.schema.codec.WireFormat;

import org.apache.flink.util.ParameterTool;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the job reads and writes: topic settings from command-line arguments ({@code --events-topic
 * name}) or else the environment ({@code PULSE_EVENTS_TOPIC}), and how its Kafka clients connect
 * ({@link KafkaClientSettings}: {@code --bootstrap-servers}, {@code --kafka-properties}, {@code
 * --kafka.<property>}). {@code pseudonymKey} is a reference to the secret key of pseudonymised
 * outputs, never the key itself.
 */
public record PulseSettings(
        KafkaClientSettings kafka,
        String configPath,
        String eventsTopic,
        String profilesTopic,
        String scoresTopic,
        String alertsTopic,
        String deadLettersTopic,
        String incidentsTopic,
        String accountAlertsTopic,
        String controlTopic,
        String controlAcksTopic,
        String groupId,
        WireFormat inputFormat,
        UnknownJsonFields unknownJsonFields,
        WireFormat outputFormat,
        @Nullable String schemaRegistryUrl,
        String transactionalIdPrefix,
        long transactionTimeoutMs,
        @Nullable String pseudonymKey)
        implements Serializable {

    public static final String DEFAULT_CONFIG = "config/scoring.yaml";

    /** The job's arguments, in the order {@link #usage()} lists them, with what they set. */
    static final Map<String, String> OPTIONS =
            options(
                    "config",
                    "the scoring configuration (default " + DEFAULT_CONFIG + ")",
                    KafkaClientSettings.BOOTSTRAP_SERVERS_OPTION,
                    "the Kafka brokers, host:port[,host:port...] (required)",
                    KafkaClientSettings.PROPERTIES_FILE_OPTION,
                    "a file of Kafka client properties, security included",
                    KafkaClientSettings.PROPERTY_OPTION_PREFIX + "<property>",
                    "one Kafka client property, e.g. --kafka.security.protocol SASL_SSL",
                    "events-topic",
                    "input events (default subscriber-events)",
                    "profiles-topic",
                    "input profiles (default subscriber-profiles)",
                    "scores-topic",
                    "output scores (default subscriber-scores)",
                    "alerts-topic",
                    "output alerts (default subscriber-alerts)",
                    "dead-letters-topic",
                    "output dead letters (default subscriber-dead-letters)",
                    "incidents-topic",
                    "output network incidents, for network operations (default network-incidents)",
                    "account-alerts-topic",
                    "output account alerts, for account managers (default account-alerts)",
                    "control-topic",
                    "input: configurations and models published live, compacted (default pulse-control)",
                    "control-acks-topic",
                    "output: the answers to published versions (default pulse-control-acks)",
                    "group-id",
                    "the sources' consumer group (default pulse-scoring)",
                    "input-format",
                    "avro, json, auto or registry (Avro framed for a schema registry; default avro)",
                    "json-unknown-fields",
                    "ignore (and count) or refuse JSON input fields the schema does not have (default ignore)",
                    "output-format",
                    "avro, json or registry (default avro)",
                    "schema-registry-url",
                    "the schema registry of the registry format, e.g. http://registry:8081",
                    "transactional-id-prefix",
                    "the sinks' transactional id prefix (default pulse-scoring)",
                    "transaction-timeout-ms",
                    "the sinks' transaction timeout (default 900000, the broker's maximum)",
                    "pseudonym-key",
                    "a reference to the key of pseudonymised outputs (env:NAME or file:PATH)",
                    "help",
                    "print this and exit");

    /**
     * The settings from the job's arguments, or else the environment ({@code PULSE_EVENTS_TOPIC}).
     * An argument the job does not know stops it with its name: a misspelt topic must not fall back
     * to the default one.
     */
    public static PulseSettings from(ParameterTool args, Map<String, String> env) {
        for (String key : args.toMap().keySet()) {
            if (!OPTIONS.containsKey(key)
                    && !key.startsWith(KafkaClientSettings.PROPERTY_OPTION_PREFIX)) {
                throw new IllegalArgumentException("unknown argument --" + key + "\n" + usage());
            }
        }
        Lookup lookup = new Lookup(args, env);
        WireFormat input = lookup.format("input-format", "avro");
        WireFormat output = lookup.format("output-format", "avro");
        if (output == WireFormat.AUTO) {
            throw new IllegalArgumentException("--output-format must be avro, json or registry");
        }
        String registry = lookup.get("schema-registry-url", null);
        if ((input == WireFormat.REGISTRY || output == WireFormat.REGISTRY) && registry == null) {
            throw new IllegalArgumentException("the registry format needs --schema-registry-url");
        }
        return new PulseSettings(
                KafkaClientSettings.fromOptions(args.toMap(), env, null),
                lookup.get("config", DEFAULT_CONFIG),
                lookup.get("events-topic", "subscriber-events"),
                lookup.get("profiles-topic", "subscriber-profiles"),
                lookup.get("scores-topic", "subscriber-scores"),
                lookup.get("alerts-topic", "subscriber-alerts"),
                lookup.get("dead-letters-topic", "subscriber-dead-letters"),
                lookup.get("incidents-topic", "network-incidents"),
                lookup.get("account-alerts-topic", "account-alerts"),
                lookup.get("control-topic", "pulse-control"),
                lookup.get("control-acks-topic", "pulse-control-acks"),
                lookup.get("group-id", "pulse-scoring"),
                input,
                lookup.unknownFields("json-unknown-fields", "ignore"),
                output,
                registry,
                lookup.get("transactional-id-prefix", "pulse-scoring"),
                Long.parseLong(lookup.get("transaction-timeout-ms", "900000")),
                lookup.get("pseudonym-key", null));
    }

    /** The job's arguments, one a line, for {@code --help} and for an unknown argument. */
    public static String usage() {
        StringBuilder usage =
                new StringBuilder(
                        "Pulse scoring job arguments (each also from the environment,"
                                + " e.g. PULSE_EVENTS_TOPIC):\n");
        OPTIONS.forEach(
                (name, what) ->
                        usage.append(String.format(Locale.ROOT, "  --%-26s %s%n", name, what)));
        return usage.toString();
    }

    private static Map<String, String> options(String... namesAndDescriptions) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDescriptions.length; i += 2) {
            options.put(namesAndDescriptions[i], namesAndDescriptions[i + 1]);
        }
        return Collections.unmodifiableMap(options);
    }

    /** Every topic the job reads or writes. */
    public List<String> topics() {
        return List.of(
                eventsTopic,
                profilesTopic,
                scoresTopic,
                alertsTopic,
                deadLettersTopic,
                incidentsTopic,
                accountAlertsTopic,
                controlTopic,
                controlAcksTopic);
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

        UnknownJsonFields unknownFields(String key, String fallback) {
            try {
                return UnknownJsonFields.parse(get(key, fallback));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + key + ": " + e.getMessage());
            }
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
