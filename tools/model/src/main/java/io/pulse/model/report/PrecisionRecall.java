package io.pulse.model.report;

import io.pulse.model.train.Metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Hit rate (precision) against coverage (recall) at every alert threshold a set's scores allow:
 * each distinct score, highest first, as the threshold, flagging the subscribers whose score
 * reaches it ({@code score >= threshold}, as {@link Metrics#precision} and the job do). Subscribers
 * with equal scores are flagged together, so ties need no tie-break here: each point is a threshold
 * the job could really be configured with.
 */
public final class PrecisionRecall {

    private PrecisionRecall() {}

    /**
     * At {@code threshold}: how many are flagged, how many of them churned, precision and recall.
     */
    public record Point(
            double threshold, int flagged, int caught, double precision, double recall) {}

    /**
     * One point per distinct score, thresholds descending; recall NaN when there are no churners.
     */
    public static List<Point> curve(double[] scores, int[] y) {
        Metrics.checkLengths(scores, y);
        int[] order = Metrics.bestFirst(scores);
        int churners = 0;
        for (int label : y) {
            churners += label;
        }
        List<Point> points = new ArrayList<>();
        int caught = 0;
        for (int r = 0; r < order.length; r++) {
            caught += y[order[r]];
            boolean lastOfTie = r + 1 == order.length || scores[order[r + 1]] != scores[order[r]];
            if (lastOfTie) {
                int flagged = r + 1;
                points.add(
                        new Point(
                                scores[order[r]],
                                flagged,
                                caught,
                                (double) caught / flagged,
                                churners == 0 ? Double.NaN : (double) caught / churners));
            }
        }
        return points;
    }
}
