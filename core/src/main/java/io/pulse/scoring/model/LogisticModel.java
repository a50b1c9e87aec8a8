package io.pulse.scoring.model;

/**
 * Logistic regression on standardised features. A feature's contribution is its weight times its
 * standardised value: how far it moves the log-odds from those of an average subscriber. Inputs are
 * clipped to the range seen in training: a subscriber far outside it (ten years of tenure against a
 * training set of months) must not get an extrapolated, arbitrarily large contribution. A missing
 * input (NaN) is the training mean, which the trainer imputed it with: its standardised value is 0,
 * so it contributes exactly nothing. The log-odds then go through the model's {@link Calibration};
 * contributions stay in the raw model's log-odds.
 */
final class LogisticModel implements ChurnModel {
    private final String name;
    private final double intercept;
    private final double[] weights;
    private final double[] mean;
    private final double[] scale;
    private final double[] lower;
    private final double[] upper;
    private final Calibration calibration;

    LogisticModel(ModelSpec spec) {
        this.name = spec.name();
        this.intercept = spec.intercept();
        this.weights = spec.weights().clone();
        this.mean = spec.mean().clone();
        this.scale = spec.scale().clone();
        this.lower = spec.lower().clone();
        this.upper = spec.upper().clone();
        this.calibration = spec.calibration();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double predict(double[] x, double[] contributions) {
        double logit = intercept;
        for (int j = 0; j < weights.length; j++) {
            contributions[j] = term(x, j);
            logit += contributions[j];
        }
        return calibration.probability(logit);
    }

    @Override
    public double predict(double[] x) {
        double logit = intercept;
        for (int j = 0; j < weights.length; j++) {
            logit += term(x, j);
        }
        return calibration.probability(logit);
    }

    /**
     * Feature j's part of the log-odds, its value clipped to the training range; 0 when missing.
     */
    private double term(double[] x, int j) {
        if (Double.isNaN(x[j])) {
            return 0.0;
        }
        double clipped = Math.max(lower[j], Math.min(upper[j], x[j]));
        return weights[j] * (clipped - mean[j]) / scale[j];
    }
}
