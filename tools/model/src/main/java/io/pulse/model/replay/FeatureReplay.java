package io.pulse.model.replay;

import io.pulse.model.train.LabelledSet;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.engine.SubscriberStateUpdater;
import io.pulse.scoring.features.Feature;
import io.pulse.scoring.usage.SealedDays;
import io.pulse.state.SubscriberState;

import java.util.List;

/**
 * Replays a subscriber's events exactly as the job applies them: every event through the job's
 * {@link SubscriberStateUpdater}; features then come from the job's feature extractor at the time
 * of the last event, which is when the job scores it.
 */
public final class FeatureReplay {
    private final SubscriberStateUpdater updater;

    public FeatureReplay(ScoringConfig config) {
        this.updater = new SubscriberStateUpdater(config);
    }

    public ReplayedSubscriber replay(LabelledSubscriber subscriber) {
        return replay(SubscriberReplay.profile(subscriber), SubscriberReplay.events(subscriber));
    }

    public ReplayedSubscriber replay(SubscriberProfile profile, List<SubscriberEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException(
                    "no events to replay for " + profile.getSubscriberId());
        }
        SealedDays history = new SealedDays();
        SubscriberState state = SubscriberStateUpdater.newState(events.get(0));
        for (SubscriberEvent event : events) {
            updater.apply(state, event, profile, history);
        }
        long now = state.getLastActivityTime();
        return new ReplayedSubscriber(
                state, profile, updater.satisfaction(state, profile, now), now);
    }

    /** The labelled subscribers as a training set: replayed features and churn labels. */
    public LabelledSet labelledSet(List<LabelledSubscriber> subscribers) {
        double[][] x = new double[subscribers.size()][];
        int[] y = new int[subscribers.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = replay(subscribers.get(i)).features();
            y[i] = subscribers.get(i).churned() ? 1 : 0;
        }
        return new LabelledSet(Feature.names(), x, y);
    }
}
