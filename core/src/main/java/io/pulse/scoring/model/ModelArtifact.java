package io.pulse.scoring.model;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A versioned churn model file under {@code config/models/}, written by the {@code train} command
 * and loaded by the job. {@code features} names the feature vector the models were trained on, in
 * order; the job aligns them to its own vector by name and refuses a file naming a feature it does
 * not compute.
 *
 * @param typical the mean of each feature over the training subscribers that have it: the "typical
 *     subscriber" of reasons; NaN for a feature no training subscriber had
 * @param crossValidation metrics per model name (and "combined"), as measured when trained
 * @param operatingPoints the combined probability's operating points on the evaluation part of a
 *     training history, by ascending threshold; empty when the file was trained on a labelled file
 *     without history
 */
public record ModelArtifact(
        String format,
        String version,
        String trainedAt,
        TrainingData training,
        List<String> features,
        double[] typical,
        List<ModelSpec> models,
        Map<String, Map<String, Double>> crossValidation,
        List<OperatingPoint> operatingPoints)
        implements Serializable {

    public ModelArtifact {
        operatingPoints = operatingPoints == null ? List.of() : List.copyOf(operatingPoints);
    }

    /**
     * Format 2: boosted trees with default children for missing values, calibrated models. Format 1
     * (bagged trees) is no longer served: such a file is refused with the advice to retrain.
     */
    public static final String FORMAT = "pulse-churn-model/2";

    /** Where the models were trained: the labelled file, its digest and its class balance. */
    public record TrainingData(String file, String sha256, int rows, int churners, String method)
            implements Serializable {}

    public ModelSpec model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }
}
