package io.pulse.simulator;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;

import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberProfile;

/**
 * One subscriber of the simulated population: the profile published on the profiles topic and
 * the behaviour planted in their events.
 */
public final class SimulatedSubscriber {
    /** Bills are issued in this hour (UTC) of the subscriber's bill day. */
    static final int BILL_HOUR_OF_DAY = 2;
    private static final double DECLINE_FLOOR = 0.1;
    /** A spend decliner keeps this share of its traffic: enough that it is no usage drop. */
    private static final double SPEND_DECLINE_FLOOR = 0.6;
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
     * Behaviour#SILENT}, the start of the decline for {@link Behaviour#DECLINER} and {@link
     * Behaviour#SPEND_DECLINER}, the first moment without calls for {@link Behaviour#DORMANT}, the
     * start of the spike day for {@link Behaviour#SPIKER}, the hour of the shock bill for {@link
     * Behaviour#BILL_SHOCKED}, the first fault or competitor approach for {@link Behaviour#FAULTY}
     * and {@link Behaviour#COURTED}, the start of the care contacts for {@link Behaviour#CHURNER};
     * the simulation start for the others.
     */
    public long behaviourStart() {
        return behaviourStart;
    }

    /** Whether the subscriber has stopped all activity of their own at the given time. */
    public boolean isSilentAt(long time) {
        return behaviour == Behaviour.SILENT && time >= behaviourStart;
    }

    /**
     * Whether the planted behaviour rules an activity out at the given time: a silent subscriber's
     * own activity, a dormant subscriber's calls.
     */
    boolean rulesOut(Activity activity, long time) {
        if (time < behaviourStart) {
            return false;
        }
        switch (behaviour) {
            case SILENT:
                return activity.bySubscriber;
            case DORMANT:
                return activity == Activity.OUTGOING_CALL || activity == Activity.INCOMING_CALL;
            default:
                return false;
        }
    }

    /** Whether the given time falls into a spiker's day of huge call minutes. */
    boolean spikingAt(long time) {
        return behaviour == Behaviour.SPIKER && time >= behaviourStart && time < behaviourStart + DAY_MILLIS;
    }

    /** Whether the bill of the hour starting at {@code hourStart} is a bill-shocked subscriber's shock. */
    boolean shockBillIn(long hourStart) {
        return behaviour == Behaviour.BILL_SHOCKED && behaviourStart == hourStart;
    }

    /** Whether a one-off event planted at {@link #behaviourStart()} falls into [start, end). */
    boolean plantedEventIn(long start, long end) {
        return (behaviour == Behaviour.FAULTY || behaviour == Behaviour.COURTED)
                && behaviourStart >= start && behaviourStart < end;
    }

    /** Whether calls drop and faults come back more often than usual: complainers and faulty lines. */
    boolean troubledAt(long time) {
        return (behaviour == Behaviour.COMPLAINER || behaviour == Behaviour.FAULTY) && time >= behaviourStart;
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

    /**
     * Usage relative to the subscriber's normal level: 1, falling linearly for decliners to a tenth
     * and for spend decliners to what is left after moving lines away.
     */
    double usageFactorAt(long time) {
        double floor = behaviour == Behaviour.DECLINER ? DECLINE_FLOOR
                : behaviour == Behaviour.SPEND_DECLINER ? SPEND_DECLINE_FLOOR
                : 1.0;
        if (floor == 1.0 || time <= behaviourStart) {
            return 1.0;
        }
        double progress = Math.min(1.0, (double) (time - behaviourStart) / declineDurationMillis);
        return 1.0 - (1.0 - floor) * progress;
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
