package io.pulse.model.report;

import io.pulse.model.train.Metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The reliability diagram's bins: subscribers sorted by predicted churn probability and cut into
 * ten bins of (within one) equal size, lowest probabilities first, and per bin the mean predicted
 * probability against the share that really churned. Equal-frequency bins, because at an operator's
 * churn rate of a few per cent nearly every probability lies below 0.1: bins of fixed width would
 * put almost everyone into the first. The job publishes probabilities calibrated to the real churn
 * rate, so the points should lie on the diagonal; a point below it means the model overstates the
 * risk in that range.
 */
public final class Calibration {
    public static final int BINS = 10;

    private Calibration() {}

    /**
     * One bin: the range of its predicted probabilities, how many subscribers fell into it and how
     * many churned, their mean predicted probability and the observed churn share (both NaN for an
     * empty bin, which only fewer than ten subscribers leave).
     */
    public record Bin(
            int bin,
            double from,
            double to,
            int subscribers,
            int churners,
            double meanPredicted,
            double observedRate) {}

    /**
     * All ten bins in order of probability, empty ones included; ties keep the order of {@link
     * Metrics#bestFirst}.
     */
    public static List<Bin> bins(double[] scores, int[] y) {
        Metrics.checkLengths(scores, y);
        int n = scores.length;
        int[] bestFirst = Metrics.bestFirst(scores);
        List<Bin> bins = new ArrayList<>(BINS);
        int from = 0;
        for (int b = 0; b < BINS; b++) {
            int to = (int) ((long) n * (b + 1) / BINS);
            int count = to - from;
            int churners = 0;
            double sum = 0;
            double low = Double.NaN;
            double high = Double.NaN;
            for (int r = from; r < to; r++) {
                int row = bestFirst[n - 1 - r];
                churners += y[row];
                sum += scores[row];
                low = r == from ? scores[row] : low;
                high = scores[row];
            }
            bins.add(
                    new Bin(
                            b,
                            low,
                            high,
                            count,
                            churners,
                            count == 0 ? Double.NaN : sum / count,
                            count == 0 ? Double.NaN : (double) churners / count));
            from = to;
        }
        return bins;
    }
}
