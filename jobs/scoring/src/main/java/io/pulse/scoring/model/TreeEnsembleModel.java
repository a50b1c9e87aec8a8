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
    /**
     * The trees again for {@link #predict(double[])}, renumbered so that a node's children are
     * side by side: node at position p has its feature (negative: a leaf) at flatNodes[t][p] and
     * its left child's position at flatNodes[t][p + 1]; flat[t][p] is its threshold or leaf value.
     */
    private final int[][] flatNodes;
    private final double[][] flat;

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
        this.flatNodes = new int[trees.length][];
        this.flat = new double[trees.length][];
        for (int t = 0; t < trees.length; t++) {
            flatten(t);
        }
    }

    private void flatten(int t) {
        TreeSpec tree = trees[t];
        int[] nodes = new int[2 * tree.size()];
        double[] split = new double[2 * tree.size()];
        int[] queue = new int[tree.size()];
        int[] position = new int[tree.size()];
        int head = 0;
        int tail = 1;
        int next = 2;
        while (head < tail) {
            int node = queue[head];
            int p = position[head++];
            if (tree.isLeaf(node)) {
                nodes[p] = -1;
                split[p] = tree.value()[node];
                continue;
            }
            nodes[p] = tree.feature()[node];
            nodes[p + 1] = next;
            split[p] = tree.threshold()[node];
            queue[tail] = tree.left()[node];
            position[tail++] = next;
            queue[tail] = tree.right()[node];
            position[tail++] = next + 2;
            next += 4;
        }
        flatNodes[t] = nodes;
        flat[t] = split;
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
        for (int t = 0; t < flat.length; t++) {
            int[] nodes = flatNodes[t];
            double[] split = flat[t];
            int node = 0;
            // children are stored side by side, so the step is a conditional add, not a branch
            while (nodes[node] >= 0) {
                node = nodes[node + 1] + (x[nodes[node]] <= split[node] ? 0 : 2);
            }
            prediction += share[t] * split[node];
        }
        return clamp(prediction);
    }

    /** The shares add up to 1 only up to rounding. */
    private static double clamp(double prediction) {
        return Math.max(0.0, Math.min(1.0, prediction));
    }
}
