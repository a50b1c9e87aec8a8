package io.pulse.simulator;

import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberProfile;

/**
 * One subscriber of the simulated population: the profile published on the profiles topic and
 * the behaviour planted in their events.
 */
public final class SimulatedSubscriber {
    private static final double DECLINE_FLOOR = 0.1;
    private static final double SILENT_INCOMING_SHARE = 0.3;

    private final int index;
    private final SubscriberProfile profile;
    private final Behaviour behaviour;
    private final long behaviourStart;
    private final long declineDurationMillis;
    private final int billDayOfMonth;
    private final double[] dailyRates;

    SimulatedSubscriber(
            int index,
            SubscriberProfile profile,
            Behaviour behaviour,
            long behaviourStart,
            long declineDurationMillis,
            int billDayOfMonth,
            double[] dailyRates) {
        this.index = index;
        this.profile = profile;
        this.behaviour = behaviour;
        this.behaviourStart = behaviourStart;
        this.declineDurationMillis = declineDurationMillis;
        this.billDayOfMonth = billDayOfMonth;
        this.dailyRates = dailyRates;
    }

    /** The subscriber id, e.g. {@code sub-000042}. */
    public String id() {
        return profile.getSubscriberId();
    }

    /** The profile as published; do not modify it. */
    public SubscriberProfile profile() {
        return profile;
    }

    public Segment segment() {
        return profile.getSegment();
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /**
     * Epoch millis at which the planted behaviour begins: the first moment of silence for {@link
     * Behaviour#SILENT}, the start of the decline for {@link Behaviour#DECLINER}, the simulation
     * start for the others.
     */
    public long behaviourStart() {
        return behaviourStart;
    }

    /** Whether the subscriber has stopped all activity of their own at the given time. */
    public boolean isSilentAt(long time) {
        return behaviour == Behaviour.SILENT && time >= behaviourStart;
    }

    int index() {
        return index;
    }

    int billDayOfMonth() {
        return billDayOfMonth;
    }

    /** Usage per day of an activity before trend, rhythm and weekday are applied. */
    double dailyRate(Activity activity) {
        return dailyRates[activity.ordinal()];
    }

    /** Usage relative to the subscriber's normal level: 1, falling linearly for decliners. */
    double usageFactorAt(long time) {
        if (behaviour != Behaviour.DECLINER || time <= behaviourStart) {
            return 1.0;
        }
        double progress = Math.min(1.0, (double) (time - behaviourStart) / declineDurationMillis);
        return 1.0 - (1.0 - DECLINE_FLOOR) * progress;
    }

    /** How much of their normal incoming traffic still reaches the subscriber. */
    double incomingFactorAt(long time) {
        if (isSilentAt(time)) {
            return SILENT_INCOMING_SHARE;
        }
        return 0.5 + 0.5 * usageFactorAt(time);
    }

    /** Whether the planted behaviour is under way at the given time. */
    boolean behaviourActiveAt(long time) {
        return behaviour != Behaviour.STEADY && time >= behaviourStart;
    }

    @Override
    public String toString() {
        return id() + " " + segment() + " " + behaviour;
    }
}
