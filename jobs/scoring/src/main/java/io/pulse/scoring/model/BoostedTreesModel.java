package io.pulse.scoring.model;

import java.util.Arrays;

/**
 * Gradient-boosted trees: log-odds {@code m = baseMargin + sum of the trees' leaf values}, then
 * the model's {@link Calibration} (the raw probability is {@code sigmoid(m)}). Splits compare in
 * single precision and send a missing value (NaN) to the node's default child, as XGBoost does
 * (see {@link TreeSpec}), so the served margin is XGBoost's up to the rounding of its
 * single-precision sum.
 *
 * <p>Contributions follow each tree's decision path: a split moves the value from the node's to
 * the child's, and that change is credited to the feature split on (Saabas). They are in log-odds
 * of the raw (uncalibrated) model and add up, with the base margin and the trees' root values,
 * exactly to its margin {@code m}.
 */
final class BoostedTreesModel implements ChurnModel {
    private final String name;
    private final double baseMargin;
    private final Calibration calibration;
    private final TreeSpec[] trees;
    /**
     * All trees again for {@link #predict(double[])}, renumbered breadth first into one array so
     * that a node's children are side by side: flat node k has {@code nodes[2k]} = -1 for a leaf,
     * else {@code feature << 1 | (missing goes right ? 1 : 0)}, and {@code nodes[2k + 1]} = its
     * left child (the right one follows it); {@code threshold[k]} and {@code leaf[k]} are its
     * threshold and its leaf value. {@code roots[t]} is tree t's root.
     */
    private final int[] nodes;
    private final float[] threshold;
    private final double[] leaf;
    private final int[] roots;

    BoostedTreesModel(ModelSpec spec) {
        this.name = spec.name();
        this.baseMargin = spec.baseMargin();
        this.calibration = spec.calibration();
        this.trees = spec.trees().toArray(new TreeSpec[0]);
        int total = 0;
        for (TreeSpec tree : trees) {
            total += tree.size();
        }
        this.nodes = new int[2 * total];
        this.threshold = new float[total];
        this.leaf = new double[total];
        this.roots = new int[trees.length];
        int next = 0;
        for (int t = 0; t < trees.length; t++) {
            roots[t] = next;
            next = flatten(trees[t], next);
        }
    }

    /** Writes one tree from flat position {@code start} on; returns the next free position. */
    private int flatten(TreeSpec tree, int start) {
        int[] queue = new int[tree.size()];
        int[] position = new int[tree.size()];
        queue[0] = 0;
        position[0] = start;
        int head = 0;
        int tail = 1;
        int next = start + 1;
        while (head < tail) {
            int node = queue[head];
            int k = position[head++];
            if (tree.isLeaf(node)) {
                nodes[2 * k] = -1;
                leaf[k] = tree.value()[node];
                continue;
            }
            boolean missingRight = tree.missing()[node] == tree.right()[node];
            nodes[2 * k] = tree.feature()[node] << 1 | (missingRight ? 1 : 0);
            nodes[2 * k + 1] = next;
            threshold[k] = tree.threshold()[node];
            queue[tail] = tree.left()[node];
            position[tail++] = next;
            queue[tail] = tree.right()[node];
            position[tail++] = next + 1;
            next += 2;
        }
        return next;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double predict(double[] x, double[] contributions) {
        Arrays.fill(contributions, 0.0);
        double margin = baseMargin;
        for (TreeSpec tree : trees) {
            int[] feature = tree.feature();
            double[] value = tree.value();
            int node = 0;
            while (feature[node] >= 0) {
                int next = tree.next(node, x[feature[node]]);
                contributions[feature[node]] += value[next] - value[node];
                node = next;
            }
            margin += value[node];
        }
        return calibration.probability(margin);
    }

    @Override
    public double predict(double[] x) {
        double margin = baseMargin;
        for (int root : roots) {
            int k = root;
            int code;
            while ((code = nodes[2 * k]) >= 0) {
                float v = (float) x[code >>> 1];
                int left = nodes[2 * k + 1];
                // NaN: the default child; otherwise the right child (left + 1) unless v < threshold
                k = v != v ? left + (code & 1) : left + (v < threshold[k] ? 0 : 1);
            }
            margin += leaf[k];
        }
        return calibration.probability(margin);
    }
}
