package io.pulse.scoring.usage;

/** Event-time arithmetic in UTC days. */
public final class Days {
    public static final long MILLIS_PER_DAY = 86_400_000L;
    public static final long MILLIS_PER_HOUR = 3_600_000L;

    private Days() {}

    public static int epochDay(long epochMillis) {
        return (int) Math.floorDiv(epochMillis, MILLIS_PER_DAY);
    }

    public static long startOfDay(int epochDay) {
        return epochDay * MILLIS_PER_DAY;
    }

    public static long days(long count) {
        return count * MILLIS_PER_DAY;
    }
}
