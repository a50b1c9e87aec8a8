package io.pulse.model.train;

import io.pulse.scoring.model.ModelSpec;

/** A trainer that fits a Tribuo model and exports it, keeping the fitted Tribuo model for tests. */
abstract class TribuoTrainer implements ModelTrainer {

    /** A one-line summary of the settings, used as the exported model's description. */
    public abstract String settings();

    /** Trains and exports, keeping Tribuo's model to compare against. */
    abstract Fitted fit(LabelledSet data, long seed);

    @Override
    public ModelSpec train(LabelledSet train, long seed) {
        return fit(train, seed).spec();
    }

    @Override
    public String toString() {
        return name() + ": " + settings();
    }
}
