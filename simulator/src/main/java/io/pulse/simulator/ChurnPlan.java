package io.pulse.simulator;

import io.pulse.schema.ChurnCause;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;

/**
 * A subscriber's way out, decided when the population is made: why ({@link #cause()}), which signs
 * they show from when, and the day they leave. A plan that does not {@link #leaves() leave} is a
 * subscriber who considers leaving and stays: the same kinds of signs for a while, then back to
 * normal. Immutable.
 *
 * @param cause the churn cause of the source material
 * @param leaves whether the plan ends in a termination at {@link #until()}
 * @param from when the first signs may appear (may lie before the simulation start)
 * @param until the termination time, or when a subscriber who stays is back to normal
 * @param signs the signs this subscriber shows
 * @param perDay for count signs (contacts, complaints, faults, surveys, cancels): the expected
 *     number a day between {@code from} and {@code until}
 * @param usageFloor where declining usage ends up (migration, fading, late decline), as a share of
 *     the usual
 * @param declineFrom when declining usage starts falling
 * @param boost how much more a malicious churner uses the line before suspension (1: no more)
 * @param dropRate the share of calls dropped while the network troubles the subscriber
 * @param stopFrom when a natural churner stops using the line; 0: not at all
 * @param suspendedFrom when a malicious churner's line is suspended; 0: never
 * @param downgradeAt when the plan is downgraded; 0: never
 */
public record ChurnPlan(
        ChurnCause cause,
        boolean leaves,
        long from,
        long until,
        Set<Sign> signs,
        Map<Sign, Double> perDay,
        double usageFloor,
        long declineFrom,
        double boost,
        double dropRate,
        long stopFrom,
        long suspendedFrom,
        long downgradeAt) {

    /**
     * Usage returns to normal over this long once a subscriber who stays has made up their mind.
     */
    static final long RECOVERY_MILLIS = 14 * DAY_MILLIS;

    public ChurnPlan {
        signs =
                Collections.unmodifiableSet(
                        signs.isEmpty() ? EnumSet.noneOf(Sign.class) : EnumSet.copyOf(signs));
        perDay =
                Collections.unmodifiableMap(
                        perDay.isEmpty() ? new EnumMap<>(Sign.class) : new EnumMap<>(perDay));
    }

    public boolean shows(Sign sign) {
        return signs.contains(sign);
    }

    /** Whether the signs are under way at {@code time}. */
    boolean activeAt(long time) {
        return time >= from && time < until;
    }

    /**
     * The expected number a day of a count sign at {@code time}; 0 outside the plan or without the
     * sign.
     */
    double perDayAt(Sign sign, long time) {
        return activeAt(time) ? perDay.getOrDefault(sign, 0.0) : 0.0;
    }

    /** Whether the subscriber has left by {@code time}. */
    boolean terminatedAt(long time) {
        return leaves && time >= until;
    }

    /** Own activity stopped: a natural churner who no longer uses the line, or a suspended one. */
    boolean ownActivityStoppedAt(long time) {
        return (stopFrom != 0 && time >= stopFrom && time < until) || suspendedAt(time);
    }

    boolean suspendedAt(long time) {
        return suspendedFrom != 0 && time >= suspendedFrom && time < until;
    }

    /**
     * Usage against the usual at {@code time}: declining towards the floor, a run-up, or recovering
     * after the plan.
     */
    double usageFactorAt(long time) {
        if (time < from) {
            return 1.0;
        }
        if (time >= until) {
            if (leaves || time >= until + RECOVERY_MILLIS) {
                return 1.0;
            }
            double left = declineAt(until);
            return left + (1.0 - left) * (time - until) / RECOVERY_MILLIS;
        }
        double factor = declineAt(time);
        if (boost > 1.0 && (suspendedFrom == 0 || time < suspendedFrom)) {
            factor *= boost;
        }
        return factor;
    }

    private double declineAt(long time) {
        if (!(shows(Sign.USAGE_MIGRATION) || shows(Sign.FADES) || shows(Sign.LATE_DECLINE))
                || time <= declineFrom) {
            return 1.0;
        }
        double progress =
                Math.min(1.0, (double) (time - declineFrom) / Math.max(1, until - declineFrom));
        return 1.0 - (1.0 - usageFloor) * progress;
    }
}
