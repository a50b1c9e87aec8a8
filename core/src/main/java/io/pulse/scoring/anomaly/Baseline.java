package io.pulse.scoring.anomaly;

import java.util.Arrays;

/**
 * A measure's usual day for one day class, robust to outliers: the median of the days, their spread
 * (the median absolute deviation scaled to a standard deviation, at least the measure's floor), and
 * the range of the middle 80% of them, for evidence.
 *
 * @param days how many days it was made of
 */
public record Baseline(double median, double spread, double low, double high, int days) {
    /** MAD times this estimates the standard deviation of normally distributed values. */
    static final double MAD_TO_SD = 1.4826;

    /** The baseline of {@code values} (not changed); {@code floor} bounds the spread from below. */
    static Baseline of(double[] values, int count, double floor) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        double median = quantile(sorted, 0.5);
        double[] deviations = new double[count];
        for (int i = 0; i < count; i++) {
            deviations[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(deviations);
        double spread = Math.max(MAD_TO_SD * quantile(deviations, 0.5), floor);
        return new Baseline(median, spread, quantile(sorted, 0.1), quantile(sorted, 0.9), count);
    }

    /** How many spreads {@code value} is above (positive) or below the median. */
    public double deviation(double value) {
        return (value - median) / spread;
    }

    /** Linear interpolation between the closest ranks of sorted values. */
    private static double quantile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
