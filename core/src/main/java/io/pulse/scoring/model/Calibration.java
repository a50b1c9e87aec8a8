package io.pulse.scoring.model;

import java.io.Serializable;

/**
 * Platt scaling of a model's log-odds: {@code p' = sigmoid(a * logOdds + b)}, which is {@code
 * sigmoid(a * logit(p) + b)} of the raw probability {@code p}. It maps the raw model's scores onto
 * the share of subscribers who really leave; with {@code a > 0} it never changes which of two
 * subscribers ranks higher, so AUC and the order of reasons stay those of the raw model. {@link
 * #IDENTITY} (a = 1, b = 0) is the raw model.
 *
 * @param a the slope: below 1 the raw model was over-confident, above 1 under-confident
 * @param b the shift of the log-odds; moving to another base rate adds to it (see the trainer)
 */
public record Calibration(double a, double b) implements Serializable {

    public static final Calibration IDENTITY = new Calibration(1.0, 0.0);

    /** The calibrated probability of raw log-odds {@code logOdds}. */
    public double probability(double logOdds) {
        return sigmoid(a * logOdds + b);
    }

    /** The calibrated probability of a raw probability (0 and 1 stay 0 and 1). */
    public double ofProbability(double p) {
        return probability(logit(p));
    }

    public static double sigmoid(double logOdds) {
        return 1.0 / (1.0 + Math.exp(-logOdds));
    }

    /** log(p / (1 - p)): minus infinity at 0, infinity at 1. */
    public static double logit(double p) {
        return Math.log(p / (1.0 - p));
    }
}
