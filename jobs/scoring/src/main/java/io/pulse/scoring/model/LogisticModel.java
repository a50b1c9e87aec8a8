package io.pulse.scoring.model;

/**
 * Logistic regression on standardised features. A feature's contribution is its weight times its
 * standardised value: how far it moves the log-odds from those of an average subscriber.
 */
final class LogisticModel implements ChurnModel {
    private final String name;
    private final double intercept;
    private final double[] weights;
    private final double[] mean;
    private final double[] scale;

    LogisticModel(ModelSpec spec) {
        this.name = spec.name();
        this.intercept = spec.intercept();
        this.weights = spec.weights().clone();
        this.mean = spec.mean().clone();
        this.scale = spec.scale().clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double predict(double[] x, double[] contributions) {
        double logit = intercept;
        for (int j = 0; j < weights.length; j++) {
            double c = weights[j] * (x[j] - mean[j]) / scale[j];
            contributions[j] = c;
            logit += c;
        }
        return 1.0 / (1.0 + Math.exp(-logit));
    }
}
