package io.pulse.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rule that keeps secrets out of files, arguments and the Flink UI: a client property that
 * Kafka itself treats as a password (its type is {@link ConfigDef.Type#PASSWORD}: key store and
 * trust store passwords, {@code sasl.jaas.config}, ...) holds a reference to the secret, never the
 * secret:
 *
 * <ul>
 *   <li>{@code ${env:VARIABLE}}, an environment variable (a Kubernetes Secret as env);
 *   <li>{@code ${file:/path/file.properties:key}}, a key of a properties file;
 *   <li>{@code ${dir:/mounted/secret:name}}, a file of a directory (a Kubernetes Secret as volume).
 * </ul>
 *
 * In {@code sasl.jaas.config} the rule applies to the options that hold secrets ({@code password},
 * and any option whose name says secret or token); the rest of it (login module, user name) is
 * configuration.
 */
public final class SecretReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[\\w.\\-]+:[^}]+}");
    private static final Pattern JAAS_OPTION =
            Pattern.compile("([A-Za-z][\\w.\\-]*)\\s*=\\s*(\"[^\"]*\"|[^\\s;]+)");
    private static final Set<String> SECRET_KEYS = secretKeys();

    /**
     * The config providers a reference may name, by alias; declared to every Kafka client of Pulse.
     */
    static final Map<String, Class<? extends ConfigProvider>> PROVIDERS =
            Map.of(
                    "env", EnvVarConfigProvider.class,
                    "file", FileConfigProvider.class,
                    "dir", DirectoryConfigProvider.class);

    private SecretReferences() {}

    /**
     * The secret a reference points to, resolved as a Kafka client would resolve it (the same
     * {@code env}, {@code file} and {@code dir} providers), for secrets of Pulse's own such as the
     * pseudonym key.
     *
     * @param what names the secret in error messages, e.g. {@code --pseudonym-key}
     * @throws IllegalArgumentException if {@code reference} is not a reference or points to nothing
     */
    public static String resolve(String reference, String what) {
        if (reference == null || !isReference(reference)) {
            throw new IllegalArgumentException(
                    what
                            + " must be a reference to the secret, not the secret:"
                            + " ${env:VARIABLE}, ${file:/path/file.properties:key} or ${dir:/mounted/secret:name}");
        }
        Map<String, ConfigProvider> providers = new HashMap<>();
        PROVIDERS.forEach((alias, type) -> providers.put(alias, instantiate(type)));
        try {
            String value =
                    new ConfigTransformer(providers)
                            .transform(Map.of(what, reference.trim()))
                            .data()
                            .get(what);
            if (value == null || value.isEmpty() || value.equals(reference.trim())) {
                throw new IllegalArgumentException(
                        what + " refers to " + reference.trim() + ", which holds nothing");
            }
            return value;
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        } finally {
            providers
                    .values()
                    .forEach(
                            provider -> {
                                try {
                                    provider.close();
                                } catch (IOException e) {
                                    // closing the built-in providers releases nothing
                                }
                            });
        }
    }

    private static ConfigProvider instantiate(Class<? extends ConfigProvider> type) {
        try {
            ConfigProvider provider = type.getDeclaredConstructor().newInstance();
            provider.configure(Map.of());
            return provider;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create Kafka's " + type.getSimpleName(), e);
        }
    }

    /** Whether Kafka treats this client property as a password. */
    public static boolean isSecret(String property) {
        return SECRET_KEYS.contains(property);
    }

    /**
     * @throws IllegalArgumentException naming the first property that holds a secret as a value;
     *     the message never repeats the value
     */
    static void requireNoLiteralSecrets(Map<String, String> properties) {
        properties.forEach(
                (property, value) -> {
                    if (!isSecret(property) || value == null || value.isEmpty()) {
                        return;
                    }
                    if (property.equals(SaslConfigs.SASL_JAAS_CONFIG)) {
                        Matcher option = JAAS_OPTION.matcher(value);
                        while (option.find()) {
                            String name = option.group(1).toLowerCase();
                            String optionValue = unquote(option.group(2));
                            if (holdsSecret(name) && !isReference(optionValue)) {
                                throw literal(property + " option " + option.group(1));
                            }
                        }
                    } else if (!isReference(value)) {
                        throw literal(property);
                    }
                });
    }

    private static boolean holdsSecret(String jaasOption) {
        return jaasOption.contains("password")
                || jaasOption.contains("secret")
                || jaasOption.contains("token");
    }

    private static boolean isReference(String value) {
        return REFERENCE.matcher(value.trim()).matches();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    private static IllegalArgumentException literal(String where) {
        return new IllegalArgumentException(
                "Kafka client property "
                        + where
                        + " holds a secret written out; give a reference that the Kafka client resolves instead:"
                        + " ${env:VARIABLE}, ${file:/path/file.properties:key} or ${dir:/mounted/secret:name}");
    }

    private static Set<String> secretKeys() {
        Set<String> keys = new TreeSet<>();
        Stream.of(
                        ConsumerConfig.configDef(),
                        ProducerConfig.configDef(),
                        AdminClientConfig.configDef())
                .flatMap(def -> def.configKeys().values().stream())
                .filter(key -> key.type == ConfigDef.Type.PASSWORD)
                .forEach(key -> keys.add(key.name));
        return Set.copyOf(keys);
    }
}
