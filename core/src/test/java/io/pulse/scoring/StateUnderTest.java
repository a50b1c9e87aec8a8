package io.pulse.scoring;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.engine.SubscriberStateUpdater;
import io.pulse.scoring.usage.SealedDays;
import io.pulse.state.SubscriberState;

/**
 * One subscriber's rolling state fed event by event through the job's state update, shipped config.
 */
public final class StateUnderTest {
    private final SubscriberStateUpdater updater =
            new SubscriberStateUpdater(TestEvents.shippedConfig());
    private final SealedDays history = new SealedDays();
    private SubscriberState state;

    public StateUnderTest send(SubscriberEvent event) {
        if (state == null) {
            state = SubscriberStateUpdater.newState(event);
        }
        updater.apply(state, event, null, history);
        return this;
    }

    public SubscriberState state() {
        return state;
    }

    public double satisfaction(SubscriberProfile profile, long now) {
        return updater.satisfaction(state, profile, now);
    }
}
