package io.pulse.model.history;

import io.pulse.scoring.model.OperatingPoint;
import io.pulse.scoring.usage.Days;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operating points of a score on labelled snapshots: for thresholds spread over the scores'
 * range, the share of subscribers it flags in a month (a subscriber counts once in each 30 days of
 * cut-offs if any of its snapshots then reaches the threshold: an episode is a contact), and the
 * precision and recall of the snapshots it flags against those who left within the horizon.
 */
public final class OperatingPoints {
    static final int POINTS = 200;
    private static final long MONTH = Days.days(30);

    private OperatingPoints() {}

    public static List<OperatingPoint> of(
            List<Snapshot> snapshots, double[] scores, int horizonDays) {
        if (snapshots.size() != scores.length || snapshots.isEmpty()) {
            throw new IllegalArgumentException(
                    snapshots.size() + " snapshots for " + scores.length + " scores");
        }
        long horizon = Days.days(horizonDays);
        long first = Long.MAX_VALUE;
        for (Snapshot s : snapshots) {
            first = Math.min(first, s.cutoff());
        }
        // the highest score of each subscriber in each month of cut-offs
        Map<String, Double> monthMax = new HashMap<>();
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            Snapshot s = snapshots.get(i);
            monthMax.merge(
                    s.subscriberId() + "#" + (s.cutoff() - first) / MONTH, scores[i], Math::max);
            positives += s.leavesWithin(horizon) ? 1 : 0;
        }
        double[] months =
                monthMax.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        List<OperatingPoint> points = new ArrayList<>();
        double previous = -1;
        for (int k = 0; k < POINTS; k++) {
            double threshold = sorted[(int) ((long) k * (sorted.length - 1) / (POINTS - 1))];
            if (threshold <= previous) {
                continue;
            }
            previous = threshold;
            int flagged = 0;
            int hits = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] >= threshold) {
                    flagged++;
                    hits += snapshots.get(i).leavesWithin(horizon) ? 1 : 0;
                }
            }
            double monthly =
                    (months.length - lowerBound(months, threshold)) / (double) months.length;
            points.add(
                    new OperatingPoint(
                            threshold,
                            monthly,
                            flagged == 0 ? 0 : (double) hits / flagged,
                            positives == 0 ? 0 : (double) hits / positives));
        }
        return points;
    }

    /** The first index of a sorted array whose value is at least {@code value}. */
    private static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
