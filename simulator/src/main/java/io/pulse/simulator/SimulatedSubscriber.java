package io.pulse.simulator;

import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;

/**
 * One subscriber of the simulated population: the profile published on the profiles topic, how they
 * use the line, the behaviour planted in them, and their way out if they leave. Everything here is
 * decided when the population is made; what happens hour by hour is drawn from it.
 */
public final class SimulatedSubscriber {
    /** Behaviours that last until the end of the simulation end at this time. */
    static final long FOREVER = Long.MAX_VALUE;

    private static final double SILENT_INCOMING_SHARE = 0.3;

    /** A spend decliner moves its lines away within this long. */
    static final long SPEND_DECLINE_MILLIS = 7 * DAY_MILLIS;

    private final int index;
    private final SubscriberProfile profile;
    private final Persona persona;
    private final boolean ratedCalls;
    private final Behaviour behaviour;
    private final long behaviourStart;
    private final long behaviourEnd;
    private final long declineMillis;
    private final double behaviourLevel;
    private final int billDayOfMonth;
    private final double[] dailyRates;
    private final ChurnPlan churn;
    private final ChurnPlan waver;
    private final ConditionWindow accountMove;
    private final long suspendedFrom;
    private final LifeEvents life;
    private final List<PlannedEvent> plannedEvents;

    SimulatedSubscriber(
            int index,
            SubscriberProfile profile,
            Persona persona,
            boolean ratedCalls,
            Behaviour behaviour,
            long behaviourStart,
            long behaviourEnd,
            long declineMillis,
            double behaviourLevel,
            int billDayOfMonth,
            double[] dailyRates,
            ChurnPlan churn,
            ChurnPlan waver,
            ConditionWindow accountMove,
            long lifeSeed) {
        this.index = index;
        this.profile = profile;
        this.persona = persona;
        this.ratedCalls = ratedCalls;
        this.behaviour = behaviour;
        this.behaviourStart = behaviourStart;
        this.behaviourEnd = behaviourEnd;
        this.declineMillis = declineMillis;
        this.behaviourLevel = behaviourLevel;
        this.billDayOfMonth = billDayOfMonth;
        this.dailyRates = dailyRates;
        this.churn = churn;
        this.waver = waver;
        this.accountMove = accountMove;
        this.suspendedFrom =
                behaviour == Behaviour.NON_PAYER
                        ? nonPayerSuspension(behaviourStart, behaviourEnd, billDayOfMonth)
                        : 0;
        this.life = new LifeEvents(lifeSeed);
        this.plannedEvents = planned();
    }

    private List<PlannedEvent> planned() {
        List<PlannedEvent> events = new ArrayList<>();
        if (suspendedFrom != 0) {
            events.add(PlannedEvent.status(suspendedFrom, SubscriberStatus.SUSPENDED));
            events.add(PlannedEvent.status(nonPayerResumesAt(), SubscriberStatus.ACTIVE));
        }
        for (ChurnPlan plan : new ChurnPlan[] {churn, waver}) {
            if (plan != null && plan.downgradeAt() != 0) {
                events.add(PlannedEvent.downgrade(plan.downgradeAt()));
            }
        }
        if (churn != null && churn.suspendedFrom() != 0) {
            events.add(PlannedEvent.status(churn.suspendedFrom(), SubscriberStatus.SUSPENDED));
        }
        if (churn != null) {
            events.add(PlannedEvent.status(churn.until(), SubscriberStatus.TERMINATED));
        }
        events.sort(Comparator.comparingLong(PlannedEvent::time));
        return List.copyOf(events);
    }

    /**
     * A non-payer is suspended when its first unpaid bill is thirty days past due, if it has not
     * paid by then.
     */
    private static long nonPayerSuspension(long from, long until, int billDay) {
        long suspension =
                BillCalendar.billTimeFrom(from, billDay)
                        + (BillCalendar.DUE_DAYS + 30) * DAY_MILLIS
                        + CalendarHour.HOUR_MILLIS;
        return suspension < until ? suspension : 0;
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

    public Persona persona() {
        return persona;
    }

    /** Whether the subscriber's call records carry a rated charge (some mediation feeds do not). */
    public boolean ratedCalls() {
        return ratedCalls;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /**
     * When the planted behaviour begins: the first moment of silence, of decline, without calls;
     * the start of the spike day, of the dissatisfied spell, of the faults or approaches, the first
     * unpaid bill, the hour of the shock bill; the simulation start for {@link Behaviour#STEADY}.
     */
    public long behaviourStart() {
        return behaviourStart;
    }

    /** When the planted behaviour ends; {@link Long#MAX_VALUE} if it lasts. */
    public long behaviourEnd() {
        return behaviourEnd;
    }

    /** The way out of a subscriber who leaves; null for one who stays. */
    public ChurnPlan churn() {
        return churn;
    }

    /** The signs of a subscriber who considers leaving and stays; null if none. */
    public ChurnPlan waver() {
        return waver;
    }

    /**
     * The line's way out as part of its key account's move ({@link Condition#ACCOUNT_MOVE}); null
     * if its account moves none of its lines, or not this one.
     */
    ConditionWindow accountMove() {
        return accountMove;
    }

    /** When a non-payer's line is suspended for arrears, 0 if it pays before. */
    public long nonPayerSuspendedFrom() {
        return suspendedFrom;
    }

    /** When a suspended non-payer's line is active again: the day after it paid everything. */
    long nonPayerResumesAt() {
        return behaviourEnd + DAY_MILLIS + CalendarHour.HOUR_MILLIS;
    }

    /**
     * The events decided in advance: suspensions and reactivations, a plan downgrade on the way
     * out, the termination; in time order.
     */
    List<PlannedEvent> plannedEvents() {
        return plannedEvents;
    }

    /**
     * Whether the subscriber's state rules an activity out at the given moment, inside an hour
     * whose rates were set at its middle: no activity of their own once silent, suspended or no
     * longer using the line, no calls once voice has moved elsewhere, nothing once gone.
     */
    boolean rulesOut(Activity activity, long time) {
        return terminatedAt(time)
                || (activity.bySubscriber && ownActivityStoppedAt(time))
                || ((activity == Activity.OUTGOING_CALL || activity == Activity.INCOMING_CALL)
                        && behaviourActiveAt(Behaviour.DORMANT, time));
    }

    /** Whether the subscriber has left by {@code time}. */
    public boolean terminatedAt(long time) {
        return churn != null && churn.terminatedAt(time);
    }

    /** Whether the line is suspended for arrears at {@code time}. */
    public boolean suspendedAt(long time) {
        return (churn != null && churn.suspendedAt(time))
                || (suspendedFrom != 0 && time >= suspendedFrom && time < nonPayerResumesAt());
    }

    /**
     * Whether the subscriber does nothing of their own at {@code time}: silent, stopped using the
     * line, or suspended.
     */
    public boolean ownActivityStoppedAt(long time) {
        return behaviourActiveAt(Behaviour.SILENT, time)
                || (churn != null && churn.ownActivityStoppedAt(time))
                || suspendedAt(time);
    }

    /** Whether the planted behaviour is under way at {@code time}. */
    boolean behaviourActiveAt(long time) {
        return behaviour != Behaviour.STEADY && time >= behaviourStart && time < behaviourEnd;
    }

    boolean behaviourActiveAt(Behaviour kind, long time) {
        return behaviour == kind && behaviourActiveAt(time);
    }

    /** Whether the given time falls into a spiker's day of huge call minutes. */
    boolean spikingAt(long time) {
        return behaviourActiveAt(Behaviour.SPIKER, time);
    }

    /** How many calls a day a cloned SIM makes on the spike day, besides its owner's. */
    double fraudCallsPerDay() {
        return behaviourLevel;
    }

    /**
     * Whether the bill of the hour starting at {@code hourStart} is a bill-shocked subscriber's
     * shock.
     */
    boolean shockBillIn(long hourStart) {
        return behaviour == Behaviour.BILL_SHOCKED && behaviourStart == hourStart;
    }

    /** The shock bill against the usual one. */
    double shockFactor() {
        return behaviourLevel;
    }

    /** Whether a one-off event planted at {@link #behaviourStart()} falls into [start, end). */
    boolean plantedEventIn(long start, long end) {
        return (behaviour == Behaviour.FAULTY || behaviour == Behaviour.COURTED)
                && behaviourStart >= start
                && behaviourStart < end;
    }

    /**
     * Whether a malicious churner has stopped paying by {@code time}: its bills from then on are
     * never paid.
     */
    boolean stopsPayingAt(long time) {
        return churn != null && churn.shows(Sign.STOPS_PAYING) && time >= churn.from();
    }

    int index() {
        return index;
    }

    int billDayOfMonth() {
        return billDayOfMonth;
    }

    LifeEvents life() {
        return life;
    }

    /** Usage per day of an activity before trend, rhythm and weekday are applied. */
    double dailyRate(Activity activity) {
        return dailyRates[activity.ordinal()];
    }

    /**
     * Usage against the subscriber's normal level from the planted behaviour: falling linearly for
     * decliners and spend decliners to their level, 1 otherwise.
     */
    double behaviourUsageFactorAt(long time) {
        if ((behaviour != Behaviour.DECLINER && behaviour != Behaviour.SPEND_DECLINER)
                || time <= behaviourStart) {
            return 1.0;
        }
        double progress = Math.min(1.0, (double) (time - behaviourStart) / declineMillis);
        return 1.0 - (1.0 - behaviourLevel) * progress;
    }

    /** Usage against the usual from the behaviour and the ways out, before ordinary life. */
    double usageFactorAt(long time) {
        double factor = behaviourUsageFactorAt(time);
        if (churn != null) {
            factor *= churn.usageFactorAt(time);
        }
        if (waver != null) {
            factor *= waver.usageFactorAt(time);
        }
        return factor;
    }

    /** How much of their normal incoming traffic still reaches the subscriber. */
    double incomingFactorAt(long time, double usage) {
        if (suspendedAt(time)) {
            return 0;
        }
        if (ownActivityStoppedAt(time)) {
            return SILENT_INCOMING_SHARE;
        }
        return 0.5 + 0.5 * Math.min(1.0, usage);
    }

    /**
     * Spend against the usual bill: bills shrink with declining usage; the plan fee itself stays.
     */
    double spendFactorAt(long time) {
        return 0.5 + 0.5 * Math.min(1.0, usageFactorAt(time));
    }

    @Override
    public String toString() {
        return id()
                + " "
                + segment()
                + " "
                + persona
                + " "
                + behaviour
                + (churn != null ? " leaves " + churn.cause() : "");
    }
}
