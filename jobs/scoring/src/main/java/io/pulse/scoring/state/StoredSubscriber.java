package io.pulse.scoring.state;

import io.pulse.schema.SubscriberProfile;
import io.pulse.state.SubscriberState;

import java.util.Objects;

/**
 * What the job reads and writes for a subscriber on every event, as one state value so that an
 * event costs one read and one write: the rolling state (null until the first event) and the latest
 * profile (null until one arrives). An entry with a profile and no state also keeps when its
 * profile was last seen (event time; 0: not known, as for entries written by Pulse 0.1), from which
 * it is removed once the idle-subscriber time has passed without an event.
 */
public final class StoredSubscriber {
    private SubscriberState state;
    private SubscriberProfile profile;
    private long profileSeenAt;

    public StoredSubscriber(SubscriberState state, SubscriberProfile profile) {
        this.state = state;
        this.profile = profile;
    }

    public SubscriberState state() {
        return state;
    }

    public SubscriberProfile profile() {
        return profile;
    }

    public void state(SubscriberState state) {
        this.state = state;
    }

    public void profile(SubscriberProfile profile) {
        this.profile = profile;
    }

    public long profileSeenAt() {
        return profileSeenAt;
    }

    public void profileSeenAt(long time) {
        this.profileSeenAt = time;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredSubscriber other
                && Objects.equals(state, other.state)
                && Objects.equals(profile, other.profile)
                && profileSeenAt == other.profileSeenAt;
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, profile, profileSeenAt);
    }

    @Override
    public String toString() {
        return "StoredSubscriber{state="
                + state
                + ", profile="
                + profile
                + ", profileSeenAt="
                + profileSeenAt
                + "}";
    }
}
