package io.pulse.scoring.anomaly;

import java.util.Arrays;

/**
 * A measure's usual day for one day class, robust to outliers: the median of the days, their spread
 * on the measure's scale (the median absolute deviation scaled to a standard deviation, at least
 * the measure's floor), and the range of the middle 80% of them, for evidence. The median and the
 * range are in the measure's own units.
 *
 * @param days how many days it was made of
 */
public record Baseline(double median, double spread, double low, double high, int days) {
    /** MAD times this estimates the standard deviation of normally distributed values. */
    static final double MAD_TO_SD = 1.4826;

    /** The 10th to 90th percentile of a normal distribution spans this many standard deviations. */
    static final double MIDDLE_80_IN_SD = 2.5631;

    /** The baseline of the first {@code count} of {@code values} (not changed). */
    static Baseline of(Measure measure, double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        double median = quantile(sorted, 0.5);
        double center = measure.scaled(median);
        double[] deviations = new double[count];
        for (int i = 0; i < count; i++) {
            deviations[i] = Math.abs(measure.scaled(sorted[i]) - center);
        }
        Arrays.sort(deviations);
        double low = quantile(sorted, 0.1);
        double high = quantile(sorted, 0.9);
        double spread =
                Math.max(
                        MAD_TO_SD * quantile(deviations, 0.5),
                        Math.max(
                                (measure.scaled(high) - measure.scaled(low)) / MIDDLE_80_IN_SD,
                                measure.floor()));
        return new Baseline(median, spread, low, high, count);
    }

    /** How many spreads {@code value} is above (positive) or below the median. */
    public double deviation(Measure measure, double value) {
        return (measure.scaled(value) - measure.scaled(median)) / spread;
    }

    /** Linear interpolation between the closest ranks of sorted values. */
    private static double quantile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
