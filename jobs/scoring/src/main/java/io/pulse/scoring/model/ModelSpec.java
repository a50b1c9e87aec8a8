package io.pulse.scoring.model;

import java.io.Serializable;
import java.util.List;

/**
 * One trained model of a {@link ModelArtifact}. Trees use {@code trees} and {@code treeWeights}
 * (prediction = weighted mean of the trees' leaf values); logistic regression uses
 * {@code intercept}, {@code weights}, {@code mean} and {@code scale}
 * (p = sigmoid(intercept + sum(w_j * (clip(x_j) - mean_j) / scale_j)), each x_j clipped to the
 * {@code lower}..{@code upper} range seen in training, so a linear model does not extrapolate to
 * values it never saw). Unused fields are null.
 */
public record ModelSpec(
        String name,
        ModelFamily family,
        String description,
        List<TreeSpec> trees,
        double[] treeWeights,
        Double intercept,
        double[] weights,
        double[] mean,
        double[] scale,
        double[] lower,
        double[] upper)
        implements Serializable {

    public static ModelSpec trees(String name, String description, List<TreeSpec> trees, double[] treeWeights) {
        return new ModelSpec(name, ModelFamily.TREES, description, trees, treeWeights, null, null, null, null, null, null);
    }

    /** {@code lower} and {@code upper}: the range of each feature in training; inputs are clipped to it. */
    public static ModelSpec logistic(
            String name, String description, double intercept, double[] weights, double[] mean, double[] scale,
            double[] lower, double[] upper) {
        return new ModelSpec(
                name, ModelFamily.LOGISTIC, description, null, null, intercept, weights, mean, scale, lower, upper);
    }
}
