package io.pulse.scoring.model;

/**
 * The source's rule for combining several churn models' flagged sets. With one alert threshold for
 * all models, the union of the flagged sets is "the highest probability reaches the threshold" and
 * the intersection is "the lowest one does", so the combined probability is the maximum or the
 * minimum of the models' probabilities and ranks subscribers consistently with the flagged set.
 */
public enum CombineRule {
    /** Retention is cheap: flag a subscriber any model flags. */
    UNION,
    /** Retention is costly: flag only those every model flags. */
    INTERSECTION;

    /**
     * Index of the deciding model: the highest probability for a union, the lowest for an
     * intersection.
     */
    public int decidingModel(double[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            boolean better =
                    this == UNION
                            ? probabilities[i] > probabilities[best]
                            : probabilities[i] < probabilities[best];
            if (better) {
                best = i;
            }
        }
        return best;
    }

    public double combine(double[] probabilities) {
        return probabilities[decidingModel(probabilities)];
    }
}
