package io.pulse.scoring.model;

import java.util.Arrays;

/**
 * Gradient-boosted trees: log-odds {@code m = baseMargin + sum of the trees' leaf values}, then the
 * model's {@link Calibration} (the raw probability is {@code sigmoid(m)}). Splits compare in single
 * precision and send a missing value (NaN) to the node's default child, as XGBoost does (see {@link
 * TreeSpec}), so the served margin is XGBoost's up to the rounding of its single-precision sum.
 *
 * <p>Contributions follow each tree's decision path: a split moves the value from the node's to the
 * child's, and that change is credited to the feature split on (Saabas). They are in log-odds of
 * the raw (uncalibrated) model and add up, with the base margin and the trees' root values, exactly
 * to its margin {@code m}.
 */
final class BoostedTreesModel implements ChurnModel {
    private final String name;
    private final double baseMargin;
    private final Calibration calibration;

    /**
     * The trees, renumbered breadth first into one array so that a node's children are side by
     * side: flat node k has {@code nodes[2k]} = {@code feature << 1 | (missing goes right ? 1 : 0)}
     * and {@code nodes[2k + 1]} = its left child (the right one follows it), {@code threshold[k]}
     * its threshold. A leaf steps to itself (feature 0, "left child" k - 1, threshold NaN: no
     * number is below it, so it goes "right" to k, and so does a missing value), and {@code
     * leaf[k]} is its value. So every tree is walked {@code depth} steps, the depth of the deepest
     * tree, without testing for leaves, and four trees at a time: their walks are independent, so
     * the processor overlaps their loads. {@code roots[t]} is tree t's root.
     */
    private final int[] nodes;

    private final float[] threshold;
    private final double[] leaf;

    /** Every flat node's value: a leaf's, or an internal node's for the contributions. */
    private final double[] value;

    private final int[] roots;
    private final int depth;
    private final SplitSides splitSides;

    BoostedTreesModel(ModelSpec spec) {
        this.name = spec.name();
        this.baseMargin = spec.baseMargin();
        this.calibration = spec.calibration();
        TreeSpec[] trees = spec.trees().toArray(new TreeSpec[0]);
        int total = 0;
        for (TreeSpec tree : trees) {
            total += tree.size();
        }
        this.nodes = new int[2 * total];
        this.threshold = new float[total];
        this.leaf = new double[total];
        this.value = new double[total];
        this.roots = new int[trees.length];
        int next = 0;
        int deepest = 0;
        for (int t = 0; t < trees.length; t++) {
            roots[t] = next;
            next = flatten(trees[t], next);
            deepest = Math.max(deepest, depth(trees[t], 0));
        }
        this.depth = deepest;
        this.splitSides = new SplitSides(fingerprint(), trees);
    }

    /** FNV-1a over everything that makes a prediction: the base margin, calibration and trees. */
    private long fingerprint() {
        long h = 0xcbf29ce484222325L;
        h = mix(h, Double.doubleToLongBits(baseMargin));
        h = mix(h, Double.doubleToLongBits(calibration.a()));
        h = mix(h, Double.doubleToLongBits(calibration.b()));
        for (int i = 0; i < threshold.length; i++) {
            h = mix(h, nodes[2 * i]);
            h = mix(h, nodes[2 * i + 1]);
            h = mix(h, Float.floatToIntBits(threshold[i]));
            h = mix(h, Double.doubleToLongBits(leaf[i]));
        }
        return h;
    }

    private static long mix(long h, long value) {
        for (int b = 0; b < Long.BYTES; b++) {
            h ^= (value >>> (8 * b)) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public SplitSides splitSides() {
        return splitSides;
    }

    private static int depth(TreeSpec tree, int node) {
        return tree.isLeaf(node)
                ? 0
                : 1 + Math.max(depth(tree, tree.left()[node]), depth(tree, tree.right()[node]));
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
                nodes[2 * k] = 1;
                nodes[2 * k + 1] = k - 1;
                threshold[k] = Float.NaN;
                leaf[k] = tree.value()[node];
                value[k] = tree.value()[node];
                continue;
            }
            boolean missingRight = tree.missing()[node] == tree.right()[node];
            nodes[2 * k] = tree.feature()[node] << 1 | (missingRight ? 1 : 0);
            nodes[2 * k + 1] = next;
            threshold[k] = tree.threshold()[node];
            value[k] = tree.value()[node];
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
        for (int root : roots) {
            int k = root;
            for (int step = 0; step < depth; step++) {
                int next = next(k, x);
                if (next != k) { // not a leaf stepping to itself
                    contributions[nodes[2 * k] >>> 1] += value[next] - value[k];
                }
                k = next;
            }
            margin += leaf[k];
        }
        return calibration.probability(margin);
    }

    @Override
    public double predict(double[] x) {
        double margin = baseMargin;
        int t = 0;
        for (; t + 3 < roots.length; t += 4) {
            int a = roots[t];
            int b = roots[t + 1];
            int c = roots[t + 2];
            int d = roots[t + 3];
            for (int step = 0; step < depth; step++) {
                a = next(a, x);
                b = next(b, x);
                c = next(c, x);
                d = next(d, x);
            }
            // in tree order, as predict(x, contributions) adds them
            margin += leaf[a];
            margin += leaf[b];
            margin += leaf[c];
            margin += leaf[d];
        }
        for (; t < roots.length; t++) {
            int k = roots[t];
            for (int step = 0; step < depth; step++) {
                k = next(k, x);
            }
            margin += leaf[k];
        }
        return calibration.probability(margin);
    }

    /**
     * The flat node after k: the right child (left + 1) when the value is at or above the
     * threshold, or missing and the default child is the right one; else the left child. Without a
     * branch: for a number both comparisons agree, for NaN both are false.
     */
    private int next(int k, double[] x) {
        int code = nodes[2 * k];
        float v = (float) x[code >>> 1];
        float threshold = this.threshold[k];
        int right = (v >= threshold ? 1 : 0) | ((v < threshold ? 0 : 1) & code);
        return nodes[2 * k + 1] + right;
    }
}
