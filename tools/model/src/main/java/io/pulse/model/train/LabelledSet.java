package io.pulse.model.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A labelled feature matrix: one row of {@code x} per subscriber, its columns named by {@code
 * featureNames} in order, and {@code y[i] = 1} when subscriber {@code i} churned, 0 when not. A
 * value is a number or NaN, meaning missing (the stream does not carry that input); infinities are
 * refused.
 *
 * <p>The arrays are not copied: callers must not change them after building the set.
 */
public record LabelledSet(List<String> featureNames, double[][] x, int[] y) {

    public LabelledSet {
        featureNames = List.copyOf(featureNames);
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("a labelled set needs at least one feature");
        }
        if (indexOf(featureNames).size() != featureNames.size()) {
            throw new IllegalArgumentException("feature names repeat: " + featureNames);
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " rows but " + y.length + " labels");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != featureNames.size()) {
                throw new IllegalArgumentException(
                        "row "
                                + i
                                + " has "
                                + x[i].length
                                + " values, expected "
                                + featureNames.size());
            }
            for (int j = 0; j < x[i].length; j++) {
                if (Double.isInfinite(x[i][j])) {
                    throw new IllegalArgumentException(
                            "row "
                                    + i
                                    + " feature '"
                                    + featureNames.get(j)
                                    + "' is infinite (a missing value is NaN)");
                }
            }
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException(
                        "row " + i + " has label " + y[i] + ", expected 0 or 1");
            }
        }
    }

    /** Number of rows. */
    public int size() {
        return y.length;
    }

    /** Number of features (columns). */
    public int features() {
        return featureNames.size();
    }

    /** Number of rows labelled as churned. */
    public int churners() {
        int n = 0;
        for (int label : y) {
            n += label;
        }
        return n;
    }

    /** Share of churners, 0 for an empty set. */
    public double baseRate() {
        return size() == 0 ? 0 : (double) churners() / size();
    }

    /**
     * The given rows, in the given order (a row may repeat). The rows' arrays are shared, not
     * copied.
     */
    public LabelledSet subset(int[] rows) {
        double[][] sx = new double[rows.length][];
        int[] sy = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            sx[i] = x[rows[i]];
            sy[i] = y[rows[i]];
        }
        return new LabelledSet(featureNames, sx, sy);
    }

    /**
     * Each feature's mean over the rows that have it (NaN is missing); NaN where none has: the
     * "typical subscriber" of reasons.
     */
    public double[] means() {
        double[] sum = new double[features()];
        int[] present = new int[features()];
        for (double[] row : x) {
            for (int j = 0; j < sum.length; j++) {
                if (!Double.isNaN(row[j])) {
                    sum[j] += row[j];
                    present[j]++;
                }
            }
        }
        double[] mean = new double[sum.length];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = present[j] == 0 ? Double.NaN : sum[j] / present[j];
        }
        return mean;
    }

    /** Feature name to its column index. */
    public Map<String, Integer> featureIndex() {
        return indexOf(featureNames);
    }

    /** Throws unless both classes are present: a churn model cannot be trained otherwise. */
    void requireBothClasses() {
        int churners = churners();
        if (churners == 0 || churners == size()) {
            throw new IllegalArgumentException(
                    "training needs both churners and non-churners, got "
                            + churners
                            + " churners in "
                            + size()
                            + " rows");
        }
    }

    @Override
    public String toString() {
        return "LabelledSet["
                + size()
                + " rows, "
                + churners()
                + " churners, features="
                + featureNames
                + "]";
    }

    private static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            index.put(names.get(j), j);
        }
        return index;
    }
}
