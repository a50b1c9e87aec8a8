package io.pulse.model.train;

import io.pulse.scoring.model.ModelSpec;

import java.util.function.ToDoubleFunction;

/**
 * A trained model in both forms: the exported spec the job serves, and Tribuo's own churn
 * probability for a raw feature row, to check the export against.
 */
record Fitted(ModelSpec spec, ToDoubleFunction<double[]> tribuoProbability) {

    double tribuo(double[] row) {
        return tribuoProbability.applyAsDouble(row);
    }
}
