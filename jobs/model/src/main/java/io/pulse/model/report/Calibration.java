package io.pulse.model.report;

import io.pulse.model.train.Metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The reliability diagram's bins: subscribers grouped by predicted churn probability into ten bins
 * of width 0.1 ([0, 0.1), [0.1, 0.2), ..., [0.9, 1.0], the last one closed), and per bin the mean
 * predicted probability against the share that really churned. The job publishes probabilities
 * calibrated to the real churn rate (SPEC section 4), so the points should lie on the diagonal; a
 * point below it means the model overstates the risk in that range.
 */
public final class Calibration {
    public static final int BINS = 10;

    /**
     * Keeps a probability that is meant to be a bin edge (0.3 computed as 0.1 * 3 = 0.30000000000000004
     * or as 0.29999999999999998) in the bin that starts there.
     */
    private static final double EDGE_SLACK = 1e-9;

    private Calibration() {}

    /**
     * One bin: its range, how many subscribers fell into it and how many churned, their mean predicted
     * probability and the observed churn share (both NaN for an empty bin).
     */
    public record Bin(int bin, double from, double to, int subscribers, int churners, double meanPredicted,
                      double observedRate) {}

    /** The bin of a probability: {@code floor(10 * p)}, with 1.0 in the last bin. */
    public static int binOf(double probability) {
        return Math.min(BINS - 1, Math.max(0, (int) Math.floor(probability * BINS + EDGE_SLACK)));
    }

    /** All ten bins in order, empty ones included. */
    public static List<Bin> bins(double[] scores, int[] y) {
        Metrics.checkLengths(scores, y);
        int[] count = new int[BINS];
        int[] churners = new int[BINS];
        double[] sum = new double[BINS];
        for (int i = 0; i < scores.length; i++) {
            int b = binOf(scores[i]);
            count[b]++;
            churners[b] += y[i];
            sum[b] += scores[i];
        }
        List<Bin> bins = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            bins.add(new Bin(b, (double) b / BINS, (double) (b + 1) / BINS, count[b], churners[b],
                    count[b] == 0 ? Double.NaN : sum[b] / count[b],
                    count[b] == 0 ? Double.NaN : (double) churners[b] / count[b]));
        }
        return bins;
    }
}
