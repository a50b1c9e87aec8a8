package io.pulse.model.report;

import io.pulse.model.train.Metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The decile table operators read a churn model by: subscribers sorted best-first by score ({@link
 * Metrics#bestFirst}: equal scores in row order, so ties at a cut always fall the same way) and cut
 * into ten groups; per group its churn rate, its lift over the base rate and the share of all
 * churners caught down to it.
 *
 * <p>Decile {@code d} holds the ranks from {@code topCount(n, (d - 1) / 10)} up to {@code
 * topCount(n, d / 10)} ({@link Metrics#topCount}: rounded up), so decile 1 is exactly the top-10%
 * list of {@link Metrics#topPrecision}. With fewer than ten subscribers some deciles are empty;
 * their rates are NaN.
 */
public final class Deciles {
    public static final int COUNT = 10;

    private Deciles() {}

    /**
     * One decile. {@code churnRate} is churners over subscribers, {@code lift} that over the base
     * rate, {@code cumulativeGain} the share of all churners in this and the better deciles; {@code
     * minScore} and {@code maxScore} the range of its scores (NaN when empty).
     */
    public record Decile(
            int decile,
            int subscribers,
            int churners,
            double churnRate,
            double lift,
            double cumulativeGain,
            double minScore,
            double maxScore) {}

    public static List<Decile> of(double[] scores, int[] y) {
        Metrics.checkLengths(scores, y);
        int n = scores.length;
        int[] order = Metrics.bestFirst(scores);
        int churners = 0;
        for (int label : y) {
            churners += label;
        }
        double baseRate = Metrics.baseRate(y);
        List<Decile> deciles = new ArrayList<>(COUNT);
        int from = 0;
        int caught = 0;
        for (int d = 1; d <= COUNT; d++) {
            int to = n == 0 ? 0 : Metrics.topCount(n, (double) d / COUNT);
            int hits = 0;
            double min = Double.NaN;
            double max = Double.NaN;
            for (int r = from; r < to; r++) {
                int row = order[r];
                hits += y[row];
                // best-first: the first rank holds the highest score, the last the lowest
                if (r == from) {
                    max = scores[row];
                }
                min = scores[row];
            }
            caught += hits;
            int size = to - from;
            double rate = size == 0 ? Double.NaN : (double) hits / size;
            double lift = size == 0 ? Double.NaN : Metrics.lift(rate, baseRate);
            double gain = churners == 0 ? Double.NaN : (double) caught / churners;
            deciles.add(new Decile(d, size, hits, rate, lift, gain, min, max));
            from = to;
        }
        return deciles;
    }
}
