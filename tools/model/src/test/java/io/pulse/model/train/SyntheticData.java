package io.pulse.model.train;

import java.util.List;
import java.util.SplittableRandom;

/** Small seeded data sets shaped like churn data, for fast tests. */
final class SyntheticData {
    static final List<String> FEATURES =
            List.of("minutes", "calls", "plan", "charge", "total", "constant", "noise");

    private SyntheticData() {}

    /**
     * Churn driven by a plan flag, service calls and usage (a learnable, noisy signal), plus a
     * derived charge and a sum that carry floating-point noise, a constant column and a pure noise
     * column. With {@code noiseLabels} the labels ignore the features entirely.
     */
    static LabelledSet churnLike(int n, long seed, boolean noiseLabels) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double minutes = Math.round(random.nextDouble(0, 300) * 10) / 10.0;
            double calls = random.nextInt(10);
            double plan = random.nextInt(4) == 0 ? 1 : 0;
            double charge = minutes * 0.17;
            double total = charge + calls * 0.1 + 0.3;
            x[i] = new double[] {minutes, calls, plan, charge, total, 7.0, random.nextDouble()};
            double logit = -3 + 2.5 * plan + 0.9 * Math.max(0, calls - 4) + 0.025 * (minutes - 220);
            double p = noiseLabels ? 0.3 : 1 / (1 + Math.exp(-logit));
            y[i] = random.nextDouble() < p ? 1 : 0;
        }
        return new LabelledSet(FEATURES, x, y);
    }

    /**
     * The same rows with a share of the values of {@code columns} missing (NaN), at random; the
     * rows are copied.
     */
    static LabelledSet withMissing(LabelledSet data, double share, long seed, String... columns) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[data.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = data.x()[i].clone();
            for (String column : columns) {
                if (random.nextDouble() < share) {
                    x[i][data.featureIndex().get(column)] = Double.NaN;
                }
            }
        }
        return new LabelledSet(data.featureNames(), x, data.y());
    }
}
