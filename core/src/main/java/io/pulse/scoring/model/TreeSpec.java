package io.pulse.scoring.model;

import java.io.Serializable;

/**
 * One regression tree of a boosted model as parallel arrays indexed by node, root at 0, every
 * node's children after it. A leaf has {@code feature = -1} (and -1 as children).
 *
 * <p>An internal node compares in single precision, exactly as XGBoost, which trained it on {@code
 * float} inputs: with {@code v = (float) x[feature]} it sends {@code v < threshold} to {@code
 * left}, any other number to {@code right}, and a missing value (NaN) to {@code missing}, the
 * default child XGBoost learnt for rows without that input (always {@code left} or {@code right}).
 * Thresholds are therefore {@code float}s.
 *
 * <p>{@code value} is in log-odds: a leaf's is what the tree adds to the margin, an internal node's
 * the {@code cover}-weighted mean of its children's (its expected leaf value over the training rows
 * reaching it). Along a decision path the changes of value add up to the leaf's value minus the
 * root's; each change is credited to the feature split on. {@code cover} is the training weight
 * (XGBoost's sum of hessians) reaching each node.
 */
public record TreeSpec(
        int[] feature,
        float[] threshold,
        int[] left,
        int[] right,
        int[] missing,
        double[] value,
        double[] cover)
        implements Serializable {

    public int size() {
        return feature.length;
    }

    public boolean isLeaf(int node) {
        return feature[node] < 0;
    }

    /** The child {@code x} goes to from internal node {@code node}. */
    public int next(int node, double x) {
        float v = (float) x;
        if (v != v) {
            return missing[node];
        }
        return v < threshold[node] ? left[node] : right[node];
    }

    /** The leaf {@code x} ends in. */
    public int leaf(double[] x) {
        int node = 0;
        while (!isLeaf(node)) {
            node = next(node, x[feature[node]]);
        }
        return node;
    }
}
