package io.pulse.scoring.alerts;

import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.scores.ScoreSnapshot;
import io.pulse.state.SubscriberState;

/**
 * What an alert rule sees: the subscriber's state and profile, the scores at {@code now} (event
 * time), and the event being processed, or null when a timer or a due time is being evaluated.
 */
public record AlertContext(
        String subscriberId,
        SubscriberState state,
        SubscriberProfile profile,
        ScoreSnapshot scores,
        long now,
        SubscriberEvent event) {

    public Segment segment() {
        return scores.segment();
    }
}
