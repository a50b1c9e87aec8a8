package io.pulse.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of a command; unknown or repeated options are errors. The model and replay commands use it. */
public final class CommandLine {
    private final Map<String, String> values = new HashMap<>();

    public CommandLine(String[] args, int from, Set<String> known) {
        for (int i = from; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new UsageException("unknown option '" + name + "'; options: --" + String.join(", --", known));
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + name + " needs a value");
            }
            if (values.put(name.substring(2), args[i + 1]) != null) {
                throw new UsageException("option " + name + " given twice");
            }
        }
    }

    public String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("missing option --" + name);
        }
        return value;
    }

    public int integer(String name, int defaultValue) {
        String value = values.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " must be a whole number, got '" + value + "'");
        }
    }

    /** A number option, or its default; must be within [min, max]. */
    public double number(String name, double defaultValue, double min, double max) {
        String value = values.get(name);
        double number;
        try {
            number = value == null ? defaultValue : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " must be a number, got '" + value + "'");
        }
        if (!(number >= min && number <= max)) {
            throw new UsageException("option --" + name + " must be between " + min + " and " + max + ", got " + value);
        }
        return number;
    }

    /** A required number strictly between 0 and 1. */
    public double fraction(String name) {
        String value = required(name);
        try {
            double v = Double.parseDouble(value);
            if (v > 0 && v < 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option --" + name + " must be a number between 0 and 1, got '" + value + "'");
    }

    /** Whether the option was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
