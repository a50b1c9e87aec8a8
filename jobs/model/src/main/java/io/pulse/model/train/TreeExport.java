package io.pulse.model.train;

import io.pulse.scoring.model.TreeSpec;
import org.tribuo.classification.Label;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Exports one Tribuo decision tree as a {@link TreeSpec}.
 *
 * <p>Nodes are numbered in pre-order (a parent before its children, the {@code <=} branch before
 * the {@code >} one), as the artifact check requires. Tribuo sends {@code x > split} to its
 * greater-than child and everything else to its less-than-or-equal child, which is exactly
 * {@link TreeSpec}'s {@code x <= threshold} to the left.
 *
 * <p>A leaf's value comes from the caller (the churn probability, or a 0/1 vote). An internal
 * node's value is the mean of its children's values weighted by how many of the given cover rows
 * reach each child; a child no row reaches weighs 0, and if neither child is reached the plain
 * mean is used. The per-split changes along a decision path add up to the leaf value minus the
 * root value whatever the internal values are; weighting by cover makes each node's value the mean
 * prediction for the training rows reaching it (the root's is the training mean), so a split's
 * change is what learning that feature's side of the split adds, as Saabas contributions intend.
 */
final class TreeExport {
    private final int[] columnOfTribuoFeature;
    private final RoundedSplits splits;
    private final ToDoubleFunction<LeafNode<Label>> leafValue;

    private final List<Integer> feature = new ArrayList<>();
    private final List<Double> threshold = new ArrayList<>();
    private final List<Integer> left = new ArrayList<>();
    private final List<Integer> right = new ArrayList<>();
    private final List<Double> value = new ArrayList<>();

    private TreeExport(int[] columnOfTribuoFeature, RoundedSplits splits,
                       ToDoubleFunction<LeafNode<Label>> leafValue) {
        this.columnOfTribuoFeature = columnOfTribuoFeature;
        this.splits = splits;
        this.leafValue = leafValue;
    }

    /**
     * @param columnOfTribuoFeature for each Tribuo feature id of {@code tree}, the column in the rows
     * @param splits translates Tribuo's split points, chosen on rounded values, to raw values
     * @param leafValue the value of a leaf, in 0..1
     * @param coverRows raw rows run down the tree to weigh internal-node values (the training rows)
     */
    static TreeSpec export(TreeModel<Label> tree, int[] columnOfTribuoFeature, RoundedSplits splits,
                           ToDoubleFunction<LeafNode<Label>> leafValue, double[][] coverRows) {
        TreeExport export = new TreeExport(columnOfTribuoFeature, splits, leafValue);
        export.add(tree.getRoot());
        return export.build(coverRows);
    }

    private int add(Node<Label> node) {
        int index = feature.size();
        feature.add(-1);
        threshold.add(0.0);
        left.add(-1);
        right.add(-1);
        value.add(0.0);
        if (node instanceof SplitNode<Label> split) {
            int column = columnOfTribuoFeature[split.getFeatureID()];
            feature.set(index, column);
            threshold.set(index, splits.rawThreshold(column, split.splitValue()));
            left.set(index, add(split.getLessThanOrEqual()));
            right.set(index, add(split.getGreaterThan()));
        } else if (node instanceof LeafNode<Label> leaf) {
            double v = leafValue.applyAsDouble(leaf);
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalStateException("leaf value " + v + " outside 0..1");
            }
            value.set(index, v);
        } else {
            throw new IllegalStateException("unknown Tribuo tree node " + node.getClass().getName());
        }
        return index;
    }

    private TreeSpec build(double[][] coverRows) {
        int n = feature.size();
        int[] f = feature.stream().mapToInt(Integer::intValue).toArray();
        double[] t = threshold.stream().mapToDouble(Double::doubleValue).toArray();
        int[] l = left.stream().mapToInt(Integer::intValue).toArray();
        int[] r = right.stream().mapToInt(Integer::intValue).toArray();
        double[] v = value.stream().mapToDouble(Double::doubleValue).toArray();

        long[] cover = new long[n];
        for (double[] row : coverRows) {
            int node = 0;
            cover[node]++;
            while (f[node] >= 0) {
                node = row[f[node]] <= t[node] ? l[node] : r[node];
                cover[node]++;
            }
        }
        // children come after their parent, so a backwards pass sees children first
        for (int i = n - 1; i >= 0; i--) {
            if (f[i] < 0) {
                continue;
            }
            long cl = cover[l[i]];
            long cr = cover[r[i]];
            v[i] = cl + cr == 0 ? (v[l[i]] + v[r[i]]) / 2 : (cl * v[l[i]] + cr * v[r[i]]) / (cl + cr);
            // rounding can step a hair outside the children's range; keep within 0..1
            v[i] = Math.min(1.0, Math.max(0.0, v[i]));
        }
        return new TreeSpec(f, t, l, r, v);
    }
}
