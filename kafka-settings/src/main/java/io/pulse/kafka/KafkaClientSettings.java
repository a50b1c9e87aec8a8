package io.pulse.kafka;

import org.apache.kafka.clients.CommonClientConfigs;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How every Kafka client of Pulse connects: the bootstrap servers and the client properties,
 * security above all ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}), read in one way by
 * the job, the simulator and the tools.
 *
 * <p>From options (command-line arguments, or else environment variables {@code PULSE_<NAME>}):
 *
 * <ul>
 *   <li>{@code bootstrap-servers} ({@code PULSE_BOOTSTRAP_SERVERS});
 *   <li>{@code kafka-properties}: a Kafka client properties file ({@code PULSE_KAFKA_PROPERTIES}),
 *       as {@code kafka-console-consumer --command-config} takes;
 *   <li>{@code kafka.<property>}: one client property, over the file's.
 * </ul>
 *
 * <p>Secret values are never written in any of these: see {@link SecretReferences}. The Kafka
 * client resolves a reference itself when it is created, through the config providers this class
 * declares ({@code env}, {@code file}, {@code dir}), so a secret appears in no file of the project,
 * no argument, no log line, and not in the Flink UI's view of the job's configuration.
 */
public final class KafkaClientSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String BOOTSTRAP_SERVERS_OPTION = "bootstrap-servers";
    public static final String PROPERTIES_FILE_OPTION = "kafka-properties";
    public static final String PROPERTY_OPTION_PREFIX = "kafka.";

    private static final String PROVIDERS_PROPERTY = "config.providers";

    private final String bootstrapServers;
    private final TreeMap<String, String> properties;

    private KafkaClientSettings(String bootstrapServers, TreeMap<String, String> properties) {
        this.bootstrapServers = bootstrapServers;
        this.properties = properties;
    }

    /** Settings without any client property: a plaintext cluster such as the embedded one. */
    public static KafkaClientSettings plaintext(String bootstrapServers) {
        return of(bootstrapServers, Map.of());
    }

    /**
     * Settings from the given client properties.
     *
     * @throws IllegalArgumentException if a secret is written as a value instead of a reference
     */
    public static KafkaClientSettings of(
            String bootstrapServers, Map<String, String> clientProperties) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers given");
        }
        TreeMap<String, String> properties = new TreeMap<>(clientProperties);
        if (properties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException(
                    "give the bootstrap servers with --"
                            + BOOTSTRAP_SERVERS_OPTION
                            + ", not as a client property");
        }
        SecretReferences.requireNoLiteralSecrets(properties);
        if (!properties.containsKey(PROVIDERS_PROPERTY)) {
            properties.put(
                    PROVIDERS_PROPERTY,
                    String.join(",", new TreeMap<>(SecretReferences.PROVIDERS).keySet()));
            SecretReferences.PROVIDERS.forEach(
                    (alias, type) ->
                            properties.put(
                                    PROVIDERS_PROPERTY + "." + alias + ".class", type.getName()));
        }
        return new KafkaClientSettings(bootstrapServers.trim(), properties);
    }

    /**
     * Settings from options named as in the class comment ({@code options} without the leading
     * dashes, as {@code ParameterTool.toMap()} gives them), each option falling back to its
     * environment variable.
     *
     * @param defaultBootstrapServers used when neither option nor variable names them; null:
     *     required
     */
    public static KafkaClientSettings fromOptions(
            Map<String, String> options, Map<String, String> env, String defaultBootstrapServers) {
        String bootstrap = option(options, env, BOOTSTRAP_SERVERS_OPTION);
        if (bootstrap == null) {
            bootstrap = defaultBootstrapServers;
        }
        if (bootstrap == null) {
            throw new IllegalArgumentException(
                    "missing --"
                            + BOOTSTRAP_SERVERS_OPTION
                            + " (or environment variable "
                            + envName(BOOTSTRAP_SERVERS_OPTION)
                            + ")");
        }
        Map<String, String> properties = new TreeMap<>();
        String file = option(options, env, PROPERTIES_FILE_OPTION);
        if (file != null) {
            properties.putAll(readPropertiesFile(Path.of(file)));
        }
        options.forEach(
                (name, value) -> {
                    if (name.startsWith(PROPERTY_OPTION_PREFIX)) {
                        properties.put(name.substring(PROPERTY_OPTION_PREFIX.length()), value);
                    }
                });
        return of(bootstrap, properties);
    }

    /**
     * An option of Pulse's commands: {@code options.get(name)}, or else the environment variable
     * {@link #envName(String)}, trimmed; null when neither is set (blank counts as unset).
     */
    public static String option(Map<String, String> options, Map<String, String> env, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            value = env.get(envName(name));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The environment variable an option falls back to: {@code PULSE_} and its name in capitals.
     */
    public static String envName(String option) {
        return "PULSE_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Map<String, String> readPropertiesFile(Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read Kafka client properties " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> properties = new TreeMap<>();
        loaded.stringPropertyNames()
                .forEach(name -> properties.put(name, loaded.getProperty(name).trim()));
        return properties;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The client properties, without the bootstrap servers. */
    public SortedMap<String, String> properties() {
        return Collections.unmodifiableSortedMap(properties);
    }

    /** Everything a Kafka client is created with: the bootstrap servers and the properties. */
    public Properties clientProperties() {
        Properties client = new Properties();
        client.putAll(properties);
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return client;
    }

    /** The security protocol the clients use, {@code PLAINTEXT} unless set. */
    public String securityProtocol() {
        return properties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaClientSettings other
                && bootstrapServers.equals(other.bootstrapServers)
                && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return 31 * bootstrapServers.hashCode() + properties.hashCode();
    }

    /**
     * For logs: secret properties show as {@code [hidden]}, even though they hold references only.
     */
    @Override
    public String toString() {
        return "Kafka "
                + bootstrapServers
                + " "
                + properties.entrySet().stream()
                        .filter(e -> !e.getKey().startsWith(PROVIDERS_PROPERTY))
                        .map(
                                e ->
                                        e.getKey()
                                                + "="
                                                + (SecretReferences.isSecret(e.getKey())
                                                        ? "[hidden]"
                                                        : e.getValue()))
                        .collect(Collectors.joining(", ", "{", "}"));
    }
}
