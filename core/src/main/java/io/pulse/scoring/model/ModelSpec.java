package io.pulse.scoring.model;

import java.io.Serializable;
import java.util.List;

/**
 * One trained model of a {@link ModelArtifact}.
 *
 * <p>Boosted trees use {@code baseMargin} and {@code trees}: log-odds {@code m = baseMargin + sum
 * of each tree's leaf value} (see {@link TreeSpec}). Logistic regression uses {@code intercept},
 * {@code weights}, {@code mean}, {@code scale}, {@code lower} and {@code upper}: {@code m =
 * intercept + sum(w_j * (clip(x_j) - mean_j) / scale_j)}, each x_j clipped to the {@code
 * lower}..{@code upper} range seen in training, so a linear model does not extrapolate to values it
 * never saw, and a missing x_j (NaN) taken as {@code mean_j}, the training mean it was imputed
 * with, so it adds nothing. Unused fields are null.
 *
 * <p>Both then give {@code calibration.probability(m)}; a file without a calibration gets {@link
 * Calibration#IDENTITY}, the raw {@code sigmoid(m)}.
 */
public record ModelSpec(
        String name,
        ModelFamily family,
        String description,
        Double baseMargin,
        List<TreeSpec> trees,
        Double intercept,
        double[] weights,
        double[] mean,
        double[] scale,
        double[] lower,
        double[] upper,
        Calibration calibration)
        implements Serializable {

    public ModelSpec {
        if (calibration == null) {
            calibration = Calibration.IDENTITY;
        }
    }

    public static ModelSpec boosted(
            String name, String description, double baseMargin, List<TreeSpec> trees) {
        return new ModelSpec(
                name,
                ModelFamily.BOOSTED,
                description,
                baseMargin,
                trees,
                null,
                null,
                null,
                null,
                null,
                null,
                Calibration.IDENTITY);
    }

    /**
     * {@code lower} and {@code upper}: the range of each feature in training; inputs are clipped to
     * it.
     */
    public static ModelSpec logistic(
            String name,
            String description,
            double intercept,
            double[] weights,
            double[] mean,
            double[] scale,
            double[] lower,
            double[] upper) {
        return new ModelSpec(
                name,
                ModelFamily.LOGISTIC,
                description,
                null,
                null,
                intercept,
                weights,
                mean,
                scale,
                lower,
                upper,
                Calibration.IDENTITY);
    }

    /** The same model with another calibration. */
    public ModelSpec withCalibration(Calibration newCalibration) {
        return new ModelSpec(
                name,
                family,
                description,
                baseMargin,
                trees,
                intercept,
                weights,
                mean,
                scale,
                lower,
                upper,
                newCalibration);
    }
}
