package io.pulse.scoring.model;

/**
 * A trained churn model ready to score one feature vector. Implementations hold no mutable state
 * and are shared by all subscribers of an operator instance. A feature may be missing (NaN: the
 * stream does not carry its input); every model handles that (see {@link ModelSpec}).
 */
public interface ChurnModel {

    String name();

    /**
     * Calibrated churn probability of {@code features}; {@code contributions} (same length)
     * receives each feature's signed part in it: positive pushes towards churn. Contributions are
     * in log-odds of the raw model, before its {@link Calibration}: compare them within one model.
     */
    double predict(double[] features, double[] contributions);

    /**
     * Churn probability of {@code features}, the same as {@link #predict(double[], double[])}
     * gives, without explaining it.
     */
    double predict(double[] features);

    /**
     * The exact test of whether two feature vectors get the same prediction, cheaper than
     * predicting; null for a model that has none (its prediction is cheap anyway).
     */
    default SplitSides splitSides() {
        return null;
    }

    static ChurnModel of(ModelSpec spec) {
        return switch (spec.family()) {
            case BOOSTED -> new BoostedTreesModel(spec);
            case LOGISTIC -> new LogisticModel(spec);
        };
    }
}
