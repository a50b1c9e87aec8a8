package io.pulse.model.report;

import java.util.Arrays;

/**
 * Lead times of caught churners (days from the first alert to the churn date): their median, and
 * the histogram the report draws. The lead time is how long retention has to act, so its median
 * sits in the summary beside precision and recall.
 */
public final class LeadTimes {
    /**
     * The histogram's bin widths in days, tried smallest first: days, weeks, months, quarters,
     * years.
     */
    static final int[] WIDTHS = {1, 2, 7, 14, 30, 60, 90, 180, 365, 730};

    /** At most this many bins, so the bars stay readable. */
    static final int MAX_BINS = 20;

    private LeadTimes() {}

    /** The middle value, or the mean of the two middle ones for an even count; NaN for none. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * The smallest width of {@link #WIDTHS} that covers 0..maxDays in at most {@link #MAX_BINS}
     * bins.
     */
    public static int binWidth(double maxDays) {
        for (int width : WIDTHS) {
            if (binsFor(maxDays, width) <= MAX_BINS) {
                return width;
            }
        }
        return (int) Math.ceil((maxDays + 1) / MAX_BINS);
    }

    /**
     * Bins of {@code width} days from 0 needed to hold {@code maxDays}: bin k holds [k * width, (k
     * + 1) * width).
     */
    public static int binsFor(double maxDays, int width) {
        return (int) Math.floor(maxDays / width) + 1;
    }

    /**
     * Lead times counted into {@code bins} bins of {@code width} days from 0 (a longer one into the
     * last).
     */
    public static int[] histogram(double[] days, int width, int bins) {
        int[] counts = new int[bins];
        for (double d : days) {
            counts[Math.min(bins - 1, (int) Math.floor(d / width))]++;
        }
        return counts;
    }

    /**
     * The label of bin {@code k}: "3" for one-day bins, else "14-21" (from, inclusive, to,
     * exclusive).
     */
    public static String label(int k, int width) {
        return width == 1 ? Integer.toString(k) : (k * width) + "-" + ((k + 1) * width);
    }
}
