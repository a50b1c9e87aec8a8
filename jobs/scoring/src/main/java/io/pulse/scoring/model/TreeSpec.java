package io.pulse.scoring.model;

import java.io.Serializable;

/**
 * One binary decision tree as parallel arrays indexed by node, root at 0. An internal node sends
 * {@code x[feature] <= threshold} to {@code left}, everything else to {@code right}; a leaf has
 * {@code feature = -1}. {@code value} is the churn probability at every node: the leaf's
 * prediction, and for an internal node the training-cover-weighted mean of its children (the
 * root's is then the training mean). The changes of value along a decision path add up to the
 * leaf's value minus the root's, each credited to the feature split on.
 */
public record TreeSpec(int[] feature, double[] threshold, int[] left, int[] right, double[] value)
        implements Serializable {

    public int size() {
        return feature.length;
    }

    public boolean isLeaf(int node) {
        return feature[node] < 0;
    }
}
