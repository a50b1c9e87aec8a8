package io.pulse.scoring.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Strict reader over one YAML mapping: every read names the full dotted key in its error, and
 * {@link #close()} rejects keys that nobody read (typos must not be silently ignored). The scoring
 * configuration is read with it, and so is every other configuration file of the project.
 */
public final class ConfigNode {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();

    /**
     * Reads a configuration file with {@code reader}, naming the file in every error; {@code what}
     * says in words what the file is ("scoring configuration").
     */
    public static <T> T load(Path file, String what, Function<ConfigNode, T> reader) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + what + " " + file + ": " + e, e);
        }
        try {
            return reader.apply(parse(text));
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    /** The root mapping of a YAML document. */
    public static ConfigNode parse(String yaml) {
        try {
            return new ConfigNode(YAML.readTree(yaml), "");
        } catch (IOException e) {
            throw new ConfigException("not valid YAML: " + e.getMessage(), e);
        }
    }

    ConfigNode(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(describe(path) + " must be a mapping");
        }
        this.node = node;
        this.path = path;
    }

    public String text(String key) {
        JsonNode value = required(key);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ConfigException(key(key) + " must be a non-empty string");
        }
        return value.asText();
    }

    public double number(String key, double min, double max) {
        JsonNode value = required(key);
        if (!value.isNumber()) {
            throw new ConfigException(key(key) + " must be a number, got '" + value.asText() + "'");
        }
        return checkRange(key, value.asDouble(), min, max);
    }

    public int integer(String key, int min, int max) {
        JsonNode value = required(key);
        if (!value.isIntegralNumber()) {
            throw new ConfigException(
                    key(key) + " must be a whole number, got '" + value.asText() + "'");
        }
        return (int) checkRange(key, value.asLong(), min, max);
    }

    public List<Double> numbers(String key, int size, double min, double max) {
        JsonNode value = required(key);
        if (!value.isArray() || value.size() != size) {
            throw new ConfigException(key(key) + " must be a list of " + size + " numbers");
        }
        List<Double> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            JsonNode item = value.get(i);
            String itemKey = key + "[" + i + "]";
            if (!item.isNumber()) {
                throw new ConfigException(
                        key(itemKey) + " must be a number, got '" + item.asText() + "'");
            }
            result.add(checkRange(itemKey, item.asDouble(), min, max));
        }
        return result;
    }

    public List<String> texts(String key) {
        JsonNode value = required(key);
        if (!value.isArray()) {
            throw new ConfigException(key(key) + " must be a list of strings");
        }
        List<String> result = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new ConfigException(key(key) + " must be a list of non-empty strings");
            }
            result.add(item.asText());
        }
        return result;
    }

    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String text = text(key);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    key(key)
                            + " is '"
                            + text
                            + "', must be one of "
                            + Arrays.toString(type.getEnumConstants()));
        }
    }

    public ConfigNode object(String key) {
        return new ConfigNode(required(key), key(key));
    }

    /** A mapping with exactly one entry per constant of {@code keys}. */
    public <E extends Enum<E>, V> Map<E, V> perEnum(
            String key, Class<E> keys, EntryReader<V> reader) {
        ConfigNode mapping = object(key);
        Map<E, V> result = new EnumMap<>(keys);
        for (E constant : keys.getEnumConstants()) {
            result.put(constant, reader.read(mapping, constant.name()));
        }
        mapping.close();
        return result;
    }

    /** The keys of this mapping, in order (naming them does not count as reading them). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Whether the mapping has a value for {@code key}; asking counts as reading it. */
    public boolean has(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** Fails on any key of this mapping that was not read. */
    public void close() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                throw new ConfigException("unknown key '" + key(name) + "'");
            }
        }
    }

    public String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private JsonNode required(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new ConfigException("missing key '" + key(key) + "'");
        }
        return value;
    }

    private double checkRange(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ConfigException(
                    key(key) + " is " + value + ", must be between " + min + " and " + max);
        }
        return value;
    }

    private static String describe(String path) {
        return path.isEmpty() ? "the configuration" : "'" + path + "'";
    }

    @FunctionalInterface
    public interface EntryReader<V> {
        V read(ConfigNode mapping, String key);
    }
}
