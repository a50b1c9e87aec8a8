package io.pulse.scoring.model;

import java.util.Arrays;
import java.util.List;

/**
 * Weighted mean of decision trees. Contributions follow each tree's decision path: a split moves
 * the value from the node's to the child's, and that change is credited to the feature split on
 * (Saabas), so contributions plus the root value add up to the prediction exactly.
 */
final class TreeEnsembleModel implements ChurnModel {
    private final String name;
    private final TreeSpec[] trees;
    private final double[] share;

    TreeEnsembleModel(ModelSpec spec) {
        this.name = spec.name();
        List<TreeSpec> list = spec.trees();
        this.trees = list.toArray(new TreeSpec[0]);
        double total = 0;
        for (double w : spec.treeWeights()) {
            total += w;
        }
        this.share = new double[trees.length];
        for (int t = 0; t < trees.length; t++) {
            share[t] = spec.treeWeights()[t] / total;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double predict(double[] x, double[] contributions) {
        Arrays.fill(contributions, 0.0);
        double prediction = 0;
        for (int t = 0; t < trees.length; t++) {
            TreeSpec tree = trees[t];
            int[] feature = tree.feature();
            double[] value = tree.value();
            int node = 0;
            while (feature[node] >= 0) {
                int next = x[feature[node]] <= tree.threshold()[node] ? tree.left()[node] : tree.right()[node];
                contributions[feature[node]] += share[t] * (value[next] - value[node]);
                node = next;
            }
            prediction += share[t] * value[node];
        }
        return clamp(prediction);
    }

    @Override
    public double predict(double[] x) {
        double prediction = 0;
        for (int t = 0; t < trees.length; t++) {
            TreeSpec tree = trees[t];
            int[] feature = tree.feature();
            int node = 0;
            while (feature[node] >= 0) {
                node = x[feature[node]] <= tree.threshold()[node] ? tree.left()[node] : tree.right()[node];
            }
            prediction += share[t] * tree.value()[node];
        }
        return clamp(prediction);
    }

    /** The shares add up to 1 only up to rounding. */
    private static double clamp(double prediction) {
        return Math.max(0.0, Math.min(1.0, prediction));
    }
}
