package io.pulse.simulator;

/**
 * How a subscriber's planted behaviour changes the daily rate of each activity in one hour. Set
 * for a (subscriber, hour) with {@link #moveTo}, then asked per activity; reused to keep the
 * hourly loop free of allocation.
 */
final class BehaviourEffects {

    private static final double DECLINER_WALK_AWAY_BOOST = 10;
    /** A cloned SIM calls about eight times as often as its owner. */
    private static final double SPIKE_CALL_BOOST = 8;
    private static final double FAULTS_PER_DAY_ON_A_FAULTY_LINE = 0.12;
    private static final double CARE_CONTACTS_PER_DAY_ON_A_FAULTY_LINE = 0.05;
    private static final double COMPETITOR_APPROACHES_PER_DAY_WHEN_COURTED = 0.05;
    /** About nine calls to customer service a month: the calibration data's leavers call four and more. */
    private static final double CARE_CONTACTS_PER_DAY_OF_A_CHURNER = 0.35;
    private static final double CHURNER_DAYTIME_CALL_BOOST = 2;
    private static final int DAYTIME_START = 7;
    private static final int DAYTIME_END = 19;

    private double usage;
    private double incoming;
    /** The planted behaviour if it is under way in the hour, else null. */
    private Behaviour active;
    private boolean spiking;
    private boolean daytime;

    void moveTo(SimulatedSubscriber subscriber, CalendarHour hour) {
        long middle = hour.middle();
        usage = subscriber.usageFactorAt(middle);
        incoming = subscriber.incomingFactorAt(middle);
        active = subscriber.behaviourActiveAt(middle) ? subscriber.behaviour() : null;
        spiking = subscriber.spikingAt(middle);
        daytime = isDaytime(hour.start());
    }

    /** 07:00 to 19:00 UTC: the calibration data's (and the scoring job's) daytime band. */
    static boolean isDaytime(long time) {
        long hourOfDay = Math.floorMod(time, CalendarHour.DAY_MILLIS) / CalendarHour.HOUR_MILLIS;
        return hourOfDay >= DAYTIME_START && hourOfDay < DAYTIME_END;
    }

    /** The activity's daily rate in the hour, given the subscriber's usual one. */
    double dailyRate(Activity activity, double usual) {
        double rate = usual;
        if (activity == Activity.INCOMING_CALL || activity == Activity.INCOMING_SMS) {
            rate *= incoming;
        } else if (activity.usage) {
            rate *= usage;
        }
        if (active == null) {
            return rate;
        }
        switch (active) {
            case DECLINER:
                boolean walkingAway = activity == Activity.SERVICE_CANCEL || activity == Activity.COMPETITOR_CONTACT;
                return walkingAway ? rate * DECLINER_WALK_AWAY_BOOST : rate;
            case SPIKER:
                return spiking && activity == Activity.OUTGOING_CALL ? rate * SPIKE_CALL_BOOST : rate;
            case FAULTY:
                if (activity == Activity.FAULT_REPORT) {
                    return FAULTS_PER_DAY_ON_A_FAULTY_LINE;
                }
                return activity == Activity.CARE_CONTACT ? Math.max(rate, CARE_CONTACTS_PER_DAY_ON_A_FAULTY_LINE) : rate;
            case COURTED:
                return activity == Activity.COMPETITOR_CONTACT ? COMPETITOR_APPROACHES_PER_DAY_WHEN_COURTED : rate;
            case CHURNER:
                if (activity == Activity.CARE_CONTACT) {
                    return CARE_CONTACTS_PER_DAY_OF_A_CHURNER;
                }
                return daytime && activity == Activity.OUTGOING_CALL ? rate * CHURNER_DAYTIME_CALL_BOOST : rate;
            default:
                return rate;
        }
    }
}
