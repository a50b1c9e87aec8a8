package io.pulse.cli;

import io.pulse.kafka.KafkaClientSettings;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka client options of a tool (a picocli mixin), read as the job reads its own ({@link
 * KafkaClientSettings}): {@code --bootstrap-servers}, {@code --kafka-properties FILE} and {@code
 * --kafka.<property> VALUE}, each falling back to its {@code PULSE_*} environment variable.
 *
 * <p>Picocli matches option names whole, so a {@code --kafka.<property>} argument reaches the
 * command unmatched: {@link PulseCommandLine} lets a command with this mixin have unmatched
 * arguments and refuses, as unknown options, any that are not {@code --kafka.<property>} ones. The
 * option of that literal name below is there for the usage help only.
 */
public final class KafkaOptions {
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private static final String PROPERTY_PREFIX = "--" + KafkaClientSettings.PROPERTY_OPTION_PREFIX;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description =
                    "the Kafka cluster; default: PULSE_BOOTSTRAP_SERVERS, else "
                            + DEFAULT_BOOTSTRAP_SERVERS)
    private String bootstrapServers;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description =
                    "Kafka client properties, e.g. security (README, Security); default: PULSE_KAFKA_PROPERTIES")
    private String propertiesFile;

    @Option(
            names = "--kafka.<property>",
            paramLabel = "VALUE",
            converter = NameTheProperty.class,
            description =
                    "one Kafka client property, over the file's, e.g. --kafka.security.protocol SSL; repeatable")
    private String propertyForm;

    /** How the tool's Kafka clients connect; a bad option or properties file is a usage error. */
    public KafkaClientSettings settings(Map<String, String> env) {
        try {
            return KafkaClientSettings.fromOptions(options(), env, DEFAULT_BOOTSTRAP_SERVERS);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * The options by name without the leading dashes, as {@link KafkaClientSettings#fromOptions}
     * reads them.
     */
    public Map<String, String> options() {
        Map<String, String> options = new HashMap<>();
        if (bootstrapServers != null) {
            options.put(KafkaClientSettings.BOOTSTRAP_SERVERS_OPTION, bootstrapServers);
        }
        if (propertiesFile != null) {
            options.put(KafkaClientSettings.PROPERTIES_FILE_OPTION, propertiesFile);
        }
        properties(command.commandLine())
                .forEach(
                        (name, value) ->
                                options.put(
                                        KafkaClientSettings.PROPERTY_OPTION_PREFIX + name, value));
        return options;
    }

    /** Whether a command takes these options, and with them unmatched arguments. */
    static boolean isMixedInto(CommandSpec spec) {
        return spec.mixins().values().stream()
                .anyMatch(mixin -> mixin.userObject() instanceof KafkaOptions);
    }

    /**
     * The {@code --kafka.<property> VALUE} and {@code --kafka.<property>=VALUE} arguments among the
     * command's unmatched ones, by property name.
     *
     * @throws UnmatchedArgumentException for any other unmatched argument
     */
    static Map<String, String> properties(CommandLine commandLine) {
        List<String> args = commandLine.getUnmatchedArguments();
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith(PROPERTY_PREFIX) || arg.length() == PROPERTY_PREFIX.length()) {
                unknown.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                properties.put(
                        arg.substring(PROPERTY_PREFIX.length(), equals), arg.substring(equals + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith(PROPERTY_PREFIX)) {
                properties.put(arg.substring(PROPERTY_PREFIX.length()), args.get(++i));
            } else {
                throw new ParameterException(
                        commandLine, "Missing required parameter for option '" + arg + "' (VALUE)");
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnmatchedArgumentException(commandLine, unknown);
        }
        return properties;
    }

    /** Refuses {@code --kafka.<property>} written literally. */
    public static final class NameTheProperty implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            throw new TypeConversionException(
                    "write the property's name, e.g. --kafka.security.protocol SSL");
        }
    }
}
