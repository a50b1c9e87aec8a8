package io.pulse.model.train;

import io.pulse.scoring.model.ModelSpec;

/**
 * Trains one churn model and exports it in the job's own format. Implementations are immutable and
 * thread-safe: cross-validation calls {@link #train} for several folds at once.
 */
public interface ModelTrainer {

    /** The model's name in the artifact and in cross-validation reports. */
    String name();

    /**
     * Trains on {@code train} and returns the exported model; the same data and seed always give
     * the same model. The spec's feature indices are the columns of {@code train}.
     *
     * @throws IllegalArgumentException if {@code train} lacks churners or non-churners
     */
    ModelSpec train(LabelledSet train, long seed);
}
