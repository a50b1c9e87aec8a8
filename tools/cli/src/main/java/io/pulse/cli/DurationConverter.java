package io.pulse.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one syntax of every duration option: a whole number and its unit ({@code 200ms}, {@code 90s},
 * {@code 5m}, {@code 2h}, {@code 3d}) or ISO-8601 ({@code PT5M}, {@code P1DT12H}); zero or more.
 *
 * <p>A plain number is refused, as its unit would be a guess: an option that takes one says the
 * unit in its name ({@code --duration-seconds}) and is a number option, not a duration.
 */
public class DurationConverter implements ITypeConverter<Duration> {
    static final String SYNTAX = "90s, 5m, 2h, 3d, 200ms or ISO-8601 such as PT5M";

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        String text = value.trim();
        Duration duration = parse(text);
        if (duration == null) {
            throw new TypeConversionException(
                    text.matches("\\d+")
                            ? "'"
                                    + value
                                    + "' has no unit: write "
                                    + text
                                    + "s, "
                                    + text
                                    + "m, ... ("
                                    + SYNTAX
                                    + ")"
                            : "'" + value + "' is not a duration (" + SYNTAX + ")");
        }
        if (duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative");
        }
        return duration;
    }

    private static Duration parse(String text) {
        Matcher m = NUMBER_AND_UNIT.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(text);
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            return null;
        }
    }

    /** Durations above zero: intervals and timeouts. */
    public static final class Positive extends DurationConverter {
        @Override
        public Duration convert(String value) {
            Duration duration = super.convert(value);
            if (duration.isZero()) {
                throw new TypeConversionException("'" + value + "' is not above zero");
            }
            return duration;
        }
    }
}
