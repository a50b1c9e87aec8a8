package io.pulse.model.report;

import io.pulse.model.train.Metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The cumulative gains curve: contact subscribers best-first by score ({@link Metrics#bestFirst})
 * and follow which share of all churners has been reached against the share of subscribers
 * contacted. A model that ranks at random follows the diagonal; the further above it, the fewer
 * contacts a retention campaign needs for the same churners.
 */
public final class Gains {

    private Gains() {}

    /**
     * After contacting {@code contacted} (a share of all subscribers), {@code caught} of all
     * churners.
     */
    public record Point(double contacted, double caught) {}

    /**
     * One point per rank, from (0, 0) to (1, 1): {@code n + 1} points for {@code n} subscribers.
     * Empty when there are no churners (nothing to catch).
     */
    public static List<Point> curve(double[] scores, int[] y) {
        Metrics.checkLengths(scores, y);
        int n = scores.length;
        int churners = 0;
        for (int label : y) {
            churners += label;
        }
        if (churners == 0) {
            return List.of();
        }
        int[] order = Metrics.bestFirst(scores);
        List<Point> points = new ArrayList<>(n + 1);
        points.add(new Point(0, 0));
        int caught = 0;
        for (int r = 0; r < n; r++) {
            caught += y[order[r]];
            points.add(new Point((double) (r + 1) / n, (double) caught / churners));
        }
        return points;
    }
}
