package io.pulse.model.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Ranking, alerting and probability metrics of churn scores against labels ({@code y[i] = 1}:
 * churned). The evaluation report ({@code io.pulse.model.report}) builds its deciles, gains and
 * summary on these, so the report and the training table can never disagree.
 *
 * <p>A subscriber is flagged when its score reaches the alert threshold ({@code score >=
 * threshold}). The "top" metrics look at the highest-scored fraction of subscribers, the list a
 * retention team with a fixed capacity works through: {@code ceil(fraction * n)} rows, sorted by
 * score descending and, among equal scores, by row index, so ties at the cut are broken the same
 * way every time.
 */
public final class Metrics {
    /** The share of subscribers the top-list metrics look at. */
    public static final double TOP_FRACTION = 0.10;

    private Metrics() {}

    /**
     * Area under the ROC curve: the probability that a random churner scores above a random
     * non-churner, ties counting one half (Mann-Whitney with average ranks). NaN if either class is
     * missing.
     */
    public static double auc(double[] scores, int[] y) {
        checkLengths(scores, y);
        int n = scores.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                if (y[order[k]] == 1) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0)
                / ((double) positives * negatives);
    }

    /** Number of subscribers whose score reaches the threshold. */
    public static int flagged(double[] scores, double threshold) {
        int n = 0;
        for (double s : scores) {
            if (s >= threshold) {
                n++;
            }
        }
        return n;
    }

    /** Share of flagged subscribers who churned (hit rate); 0 when nobody is flagged. */
    public static double precision(double[] scores, int[] y, double threshold) {
        checkLengths(scores, y);
        int flagged = 0;
        int hits = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= threshold) {
                flagged++;
                hits += y[i];
            }
        }
        return flagged == 0 ? 0 : (double) hits / flagged;
    }

    /** Share of churners who are flagged (coverage); 0 when there are no churners. */
    public static double recall(double[] scores, int[] y, double threshold) {
        checkLengths(scores, y);
        int churners = 0;
        int hits = 0;
        for (int i = 0; i < scores.length; i++) {
            churners += y[i];
            if (scores[i] >= threshold) {
                hits += y[i];
            }
        }
        return churners == 0 ? 0 : (double) hits / churners;
    }

    /**
     * Rows in the top list for {@code n} rows: {@code ceil(fraction * n)}, at least 1 when n > 0.
     */
    public static int topCount(int n, double fraction) {
        // the small slack keeps e.g. 0.1 * 30 = 3.0000000000000004 at 3
        return n == 0 ? 0 : Math.max(1, (int) Math.ceil(fraction * n - 1e-9));
    }

    /** Share of churners among the top {@code fraction} of subscribers by score. */
    public static double topPrecision(double[] scores, int[] y, double fraction) {
        checkLengths(scores, y);
        int k = topCount(scores.length, fraction);
        if (k == 0) {
            return 0;
        }
        int[] order = bestFirst(scores);
        int hits = 0;
        for (int r = 0; r < k; r++) {
            hits += y[order[r]];
        }
        return (double) hits / k;
    }

    /**
     * Row indices in the order a retention team works through them: highest score first and, among
     * equal scores, the earlier row first. The top list, the deciles and the gains curve all use
     * this one order, so a tie at a cut is broken the same way in every figure.
     */
    public static int[] bestFirst(double[] scores) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(
                order,
                Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int[] rows = new int[order.length];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = order[r];
        }
        return rows;
    }

    /** Share of churners among all subscribers; 0 when there are none. */
    public static double baseRate(int[] y) {
        return y.length == 0 ? 0 : (double) Arrays.stream(y).sum() / y.length;
    }

    /**
     * Brier score: the mean squared difference between the churn probability and the outcome (0 or
     * 1). Unlike AUC it punishes probabilities that rank well but are too high or too low, which is
     * what matters when a probability is read as a churn rate. NaN for no subscribers.
     */
    public static double brier(double[] scores, int[] y) {
        checkLengths(scores, y);
        if (scores.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double d = scores[i] - y[i];
            sum += d * d;
        }
        return sum / scores.length;
    }

    /** How many times the base rate a precision is; 0 when there are no churners. */
    public static double lift(double precision, double baseRate) {
        return baseRate == 0 ? 0 : precision / baseRate;
    }

    /** All metrics of one model's scores. */
    public static Report report(String model, double[] scores, int[] y, double threshold) {
        checkLengths(scores, y);
        double top = topPrecision(scores, y, TOP_FRACTION);
        return new Report(
                model,
                auc(scores, y),
                precision(scores, y, threshold),
                recall(scores, y, threshold),
                flagged(scores, threshold),
                top,
                lift(top, baseRate(y)));
    }

    /** The mean of several reports of one model (for example one per cross-validation repeat). */
    public static Report mean(String model, List<Report> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no reports to average");
        }
        int n = reports.size();
        return new Report(
                model,
                reports.stream().mapToDouble(Report::auc).sum() / n,
                reports.stream().mapToDouble(Report::precision).sum() / n,
                reports.stream().mapToDouble(Report::recall).sum() / n,
                (int) Math.round(reports.stream().mapToDouble(Report::flagged).sum() / n),
                reports.stream().mapToDouble(Report::top10Precision).sum() / n,
                reports.stream().mapToDouble(Report::top10Lift).sum() / n);
    }

    /** Fails unless there is one label per score. */
    public static void checkLengths(double[] scores, int[] y) {
        if (scores.length != y.length) {
            throw new IllegalArgumentException(
                    scores.length + " scores but " + y.length + " labels");
        }
    }

    /**
     * One model's metrics. {@code precision}, {@code recall} and {@code flagged} are at the alert
     * threshold; the top-10% ones at {@link #TOP_FRACTION}; lift is top-10% precision over the base
     * rate.
     */
    public record Report(
            String model,
            double auc,
            double precision,
            double recall,
            int flagged,
            double top10Precision,
            double top10Lift) {

        private static final String FORMAT = "%-28s %7s %9s %7s %8s %9s %7s";

        /** Column titles matching {@link #row()}. */
        public static String header() {
            return String.format(
                    Locale.ROOT,
                    FORMAT,
                    "model",
                    "AUC",
                    "precision",
                    "recall",
                    "flagged",
                    "top10%",
                    "lift");
        }

        /** This report as one fixed-width table row under {@link #header()}. */
        public String row() {
            return String.format(
                    Locale.ROOT,
                    FORMAT,
                    model,
                    f3(auc),
                    f3(precision),
                    f3(recall),
                    Integer.toString(flagged),
                    f3(top10Precision),
                    String.format(Locale.ROOT, "%.2f", top10Lift));
        }

        /** The metrics as stored in {@code ModelArtifact.crossValidation}. */
        public Map<String, Double> toMap() {
            Map<String, Double> map = new LinkedHashMap<>();
            map.put("auc", auc);
            map.put("precision", precision);
            map.put("recall", recall);
            map.put("flagged", (double) flagged);
            map.put("top10-precision", top10Precision);
            map.put("top10-lift", top10Lift);
            return map;
        }

        private static String f3(double v) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
    }
}
