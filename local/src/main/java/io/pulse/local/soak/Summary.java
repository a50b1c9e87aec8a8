package io.pulse.local.soak;

import java.util.Arrays;
import java.util.Collection;

/**
 * Minimum, median, 90th percentile, maximum and mean of a set of measurements. Percentiles are
 * nearest-rank: the smallest value with at least p% of the values at or below it, always one of the
 * measured values.
 */
public record Summary(int count, double min, double p50, double p90, double max, double mean) {

    public static final Summary EMPTY =
            new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static Summary of(Collection<? extends Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        return of(sorted);
    }

    private static Summary of(double[] sorted) {
        if (sorted.length == 0) {
            return EMPTY;
        }
        double mean = Arrays.stream(sorted).average().orElseThrow();
        return new Summary(
                sorted.length,
                sorted[0],
                percentile(sorted, 50),
                percentile(sorted, 90),
                sorted[sorted.length - 1],
                mean);
    }

    /** Nearest-rank percentile of ascending {@code sorted} values, {@code 0 < p <= 100}. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }
}
