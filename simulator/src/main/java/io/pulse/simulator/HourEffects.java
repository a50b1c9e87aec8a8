package io.pulse.simulator;

import io.pulse.schema.ChurnCause;

/**
 * What everything that is going on for a subscriber in one hour does to the daily rate of each
 * activity: the planted behaviour, the way out (or a change of mind), and ordinary life; and what a
 * network outage of the subscriber's region does to the hour's moments ({@link #cutOffAt}, {@link
 * #dropRateAt}). Set for a (subscriber, hour) with {@link #moveTo}, then asked per activity; reused
 * to keep the hourly loop free of allocation.
 */
final class HourEffects {

    static final double USUAL_DROP_RATE = 0.01;
    static final double USUAL_LATE_REPAIR = 0.09;
    private static final double COMPLAINER_DROP_RATE = 0.06;
    private static final double FAULTY_LINE_DROP_RATE = 0.08;
    private static final double TRIP_USAGE = 0.6;
    private static final double TRIP_DATA = 0.4;
    private static final double COMPLAINTS_PER_DAY_OF_A_COMPLAINER = 0.08;
    private static final double CARE_CONTACTS_PER_DAY_OF_A_COMPLAINER = 0.15;
    private static final double FAULTS_PER_DAY_OF_A_COMPLAINER = 0.02;
    private static final double SURVEYS_PER_DAY_OF_A_COMPLAINER = 0.04;
    private static final double FAULTS_PER_DAY_ON_A_FAULTY_LINE = 0.08;
    private static final double CARE_CONTACTS_PER_DAY_ON_A_FAULTY_LINE = 0.05;
    private static final double COMPETITOR_APPROACHES_PER_DAY_WHEN_COURTED = 0.05;
    private static final int DAYTIME_START = 7;
    private static final int DAYTIME_END = 19;

    private final NetworkOutages outages;

    private double usage;
    private double incoming;
    private boolean ownStopped;
    private boolean callsStopped;
    private boolean travelling;
    private double dataFactor;
    private double paidUse;
    private double burstDropRate;
    private boolean spiking;
    private double fraudCallsPerDay;
    private boolean complaining;
    private boolean faultyLine;
    private boolean courted;
    private ChurnPlan churn;
    private ChurnPlan waver;
    private long time;
    private int subscriberIndex;
    private boolean outageHour;

    HourEffects(NetworkOutages outages) {
        this.outages = outages;
    }

    /** Sets the effects for a subscriber and an hour; the outages are at the hour already. */
    void moveTo(SimulatedSubscriber subscriber, CalendarHour hour) {
        time = hour.middle();
        subscriberIndex = subscriber.index();
        outageHour = outages.touches(subscriberIndex);
        LifeEvents life = subscriber.life();
        life.moveTo(time);
        churn = subscriber.churn();
        waver = subscriber.waver();
        ownStopped = subscriber.ownActivityStoppedAt(time);
        callsStopped = subscriber.behaviourActiveAt(Behaviour.DORMANT, time);
        travelling = life.travelling();
        usage =
                subscriber.usageFactorAt(time)
                        * life.quietLevel()
                        * (travelling ? TRIP_USAGE : 1.0);
        incoming = subscriber.incomingFactorAt(time, usage);
        dataFactor = life.dataFactor();
        paidUse = life.paidUseLevel();
        burstDropRate = life.dropRate();
        spiking = subscriber.spikingAt(time);
        fraudCallsPerDay = subscriber.fraudCallsPerDay();
        complaining = subscriber.behaviourActiveAt(Behaviour.COMPLAINER, time);
        faultyLine = subscriber.behaviourActiveAt(Behaviour.FAULTY, time);
        courted = subscriber.behaviourActiveAt(Behaviour.COURTED, time);
    }

    /** 07:00 to 19:00 UTC: the calibration data's (and the scoring job's) daytime band. */
    static boolean isDaytime(long time) {
        long hourOfDay = Math.floorMod(time, CalendarHour.DAY_MILLIS) / CalendarHour.HOUR_MILLIS;
        return hourOfDay >= DAYTIME_START && hourOfDay < DAYTIME_END;
    }

    /** The activity's daily rate in the hour, given the subscriber's usual one. */
    double dailyRate(Activity activity, double usual) {
        if (ownStopped && activity.bySubscriber) {
            return 0;
        }
        switch (activity) {
            case OUTGOING_CALL:
                return callsStopped
                        ? 0
                        : usual * usage * paidUse + (spiking ? fraudCallsPerDay : 0);
            case INCOMING_CALL:
                return callsStopped ? 0 : usual * incoming;
            case INCOMING_SMS:
                return usual * incoming;
            case DATA_SESSION:
                return usual * usage * (travelling ? TRIP_DATA / TRIP_USAGE : 1.0);
            case OUTGOING_SMS:
            case TOP_UP:
                return usual * usage * paidUse;
            case SERVICE_CANCEL:
                return usual + signs(Sign.SERVICE_CANCELS);
            case COMPLAINT:
                return usual;
            case SERVICE_COMPLAINT:
                return (complaining ? COMPLAINTS_PER_DAY_OF_A_COMPLAINER : 0)
                        + signs(Sign.SERVICE_COMPLAINTS);
            case PRICE_COMPLAINT:
                return signs(Sign.PRICE_COMPLAINTS);
            case CARE_CONTACT:
                return usual
                        + (complaining ? CARE_CONTACTS_PER_DAY_OF_A_COMPLAINER : 0)
                        + (faultyLine ? CARE_CONTACTS_PER_DAY_ON_A_FAULTY_LINE : 0)
                        + signs(Sign.CARE_CONTACTS);
            case FAULT_REPORT:
                return usual
                        + (complaining ? FAULTS_PER_DAY_OF_A_COMPLAINER : 0)
                        + (faultyLine ? FAULTS_PER_DAY_ON_A_FAULTY_LINE : 0)
                        + signs(Sign.NETWORK_TROUBLE);
            case SURVEY:
                return dissatisfied() ? 0 : usual;
            case LOW_SURVEY:
                return (complaining ? SURVEYS_PER_DAY_OF_A_COMPLAINER : 0)
                        + signs(Sign.LOW_SURVEYS)
                        + (dissatisfied() ? usual : 0);
            case COMPETITOR_CONTACT:
                return usual
                        + (courted ? COMPETITOR_APPROACHES_PER_DAY_WHEN_COURTED : 0)
                        + signs(Sign.COMPETITOR_CONTACTS);
            default:
                return usual;
        }
    }

    /** Whether the subscriber is abroad: their calls roam. */
    boolean travelling() {
        return travelling;
    }

    /** The share of calls the network drops in the hour. */
    double dropRate() {
        double rate =
                faultyLine
                        ? FAULTY_LINE_DROP_RATE
                        : complaining ? COMPLAINER_DROP_RATE : USUAL_DROP_RATE;
        rate = Math.max(rate, burstDropRate);
        return Math.max(rate, Math.max(troubleDropRate(churn), troubleDropRate(waver)));
    }

    /**
     * The share of calls the network drops at {@code time} of the hour: {@link #dropRate()}, or
     * more where a failing site is about to go down.
     */
    double dropRateAt(long time) {
        return outageHour
                ? Math.max(dropRate(), outages.dropRate(subscriberIndex, time))
                : dropRate();
    }

    /** Whether a network outage cuts the subscriber off at {@code time} of the hour. */
    boolean cutOffAt(long time) {
        return outageHour && outages.cutOff(subscriberIndex, time);
    }

    /** Whether a network outage touches the subscriber in the hour, or its signs or reports do. */
    boolean outageHour() {
        return outageHour;
    }

    /** Data volume against the usual in the hour: above 1 in a data surge. */
    double dataFactor() {
        return dataFactor;
    }

    /** The chance that a fault reported in the hour is repaired after its committed time. */
    double lateRepairChance() {
        if (faultyLine) {
            return 0.7;
        }
        if (complaining || troubled(churn) || troubled(waver)) {
            return 0.5;
        }
        return USUAL_LATE_REPAIR;
    }

    /**
     * Whether the subscriber is in a spell of bad experiences: a complainer, a faulty line, or on
     * the way out for it.
     */
    boolean dissatisfied() {
        return complaining || faultyLine || disappointed(churn) || disappointed(waver);
    }

    private boolean disappointed(ChurnPlan plan) {
        return plan != null && plan.cause() == ChurnCause.DISAPPOINTMENT && plan.activeAt(time);
    }

    private boolean troubled(ChurnPlan plan) {
        return plan != null && plan.shows(Sign.NETWORK_TROUBLE) && plan.activeAt(time);
    }

    private double troubleDropRate(ChurnPlan plan) {
        return troubled(plan) ? plan.dropRate() : 0;
    }

    private double signs(Sign sign) {
        double rate = 0;
        if (churn != null) {
            rate += churn.perDayAt(sign, time);
        }
        if (waver != null) {
            rate += waver.perDayAt(sign, time);
        }
        return rate;
    }
}
