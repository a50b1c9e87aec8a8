package io.pulse.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The number options' converters, each with its range. Whole numbers may be written with
 * underscores, as in Java: {@code 20_000}.
 */
public final class Numbers {
    private Numbers() {}

    /** Any {@code int}; the converter of every int option that names no other. */
    public static final class AnyInt extends IntRange {
        public AnyInt() {
            super(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
    }

    /** 1 or more: counts, rates, sizes. */
    public static final class Positive extends IntRange {
        public Positive() {
            super(1, Integer.MAX_VALUE);
        }
    }

    /** 0 or more. */
    public static final class NonNegative extends IntRange {
        public NonNegative() {
            super(0, Integer.MAX_VALUE);
        }
    }

    /** A TCP port to listen on, 1 to 65535. */
    public static final class Port extends IntRange {
        public Port() {
            super(1, 65535);
        }
    }

    /** A TCP port, or 0 where the option says what 0 means (none, or any free port). */
    public static final class PortOrZero extends IntRange {
        public PortOrZero() {
            super(0, 65535);
        }
    }

    /** Any {@code long}; the converter of every long option that names no other. */
    public static final class AnyLong extends LongRange {
        public AnyLong() {
            super(Long.MIN_VALUE);
        }
    }

    /** 1 or more, as a {@code long}. */
    public static final class PositiveLong extends LongRange {
        public PositiveLong() {
            super(1);
        }
    }

    /** A share strictly between 0 and 1. */
    public static final class Fraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double share;
            try {
                share = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number");
            }
            if (!(share > 0 && share < 1)) {
                throw new TypeConversionException("'" + value + "' is not between 0 and 1");
            }
            return share;
        }
    }

    static long whole(String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        if (n < min || n > max) {
            boolean unbounded = max == Integer.MAX_VALUE || max == Long.MAX_VALUE;
            throw new TypeConversionException(
                    n < min && unbounded
                            ? "'" + value + "' is less than " + min
                            : "'" + value + "' is not between " + min + " and " + max);
        }
        return n;
    }

    private abstract static class IntRange implements ITypeConverter<Integer> {
        private final int min;
        private final int max;

        IntRange(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String value) {
            return (int) whole(value, min, max);
        }
    }

    private abstract static class LongRange implements ITypeConverter<Long> {
        private final long min;

        LongRange(long min) {
            this.min = min;
        }

        @Override
        public Long convert(String value) {
            return whole(value, min, Long.MAX_VALUE);
        }
    }
}
