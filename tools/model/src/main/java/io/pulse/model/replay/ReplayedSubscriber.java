package io.pulse.model.replay;

import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.features.FeatureExtractor;
import io.pulse.state.SubscriberState;

/** A subscriber's state after replay, at the moment the job scores the last event. */
public record ReplayedSubscriber(
        SubscriberState state, SubscriberProfile profile, double satisfaction, long now) {

    public double[] features() {
        double[] x = FeatureExtractor.newVector();
        FeatureExtractor.extract(state, profile, satisfaction, now, x);
        return x;
    }
}
