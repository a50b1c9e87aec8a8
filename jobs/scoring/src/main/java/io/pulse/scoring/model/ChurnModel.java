package io.pulse.scoring.model;

/**
 * A trained churn model ready to score one feature vector. Implementations hold no mutable state
 * and are shared by all subscribers of an operator instance.
 */
public interface ChurnModel {

    String name();

    /**
     * Churn probability of {@code features}; {@code contributions} (same length) receives each
     * feature's signed part in it: positive pushes towards churn. Units are the model's own
     * (probability points for trees, log-odds for logistic regression), so compare within one model.
     */
    double predict(double[] features, double[] contributions);

    /** Churn probability of {@code features}, the same as {@link #predict(double[], double[])} gives, without explaining it. */
    double predict(double[] features);

    static ChurnModel of(ModelSpec spec) {
        return spec.family() == ModelFamily.TREES ? new TreeEnsembleModel(spec) : new LogisticModel(spec);
    }
}
