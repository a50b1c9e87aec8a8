package io.pulse.simulator;

import io.pulse.schema.ChurnCause;
import io.pulse.schema.Segment;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;
import static io.pulse.simulator.CalendarHour.HOUR_MILLIS;

/**
 * Draws who leaves, when and why, and who only considers it. Churn is a hazard: every subscriber
 * may leave on any day, more likely for some (new subscribers, light users, out of contract) and
 * less for others (key accounts, in contract), scaled so that the population loses about the
 * configured share a month. The cause is drawn from the source material's four; the signs of each
 * cause are drawn one by one with their own probability, so churners show different subsets and
 * some show nothing. As many subscribers again as leave (half the churn rate) go through the same
 * signs for some weeks and then stay.
 */
final class ChurnPlanner {
    /** The default share of subscribers who leave in a month (the source: 1-3% domestically). */
    static final double DEFAULT_MONTHLY_CHURN = 0.02;

    /** Subscribers who consider leaving and stay, against those who leave. */
    static final double WAVERERS_PER_CHURNER = 0.5;

    private static final double MONTH_MILLIS = 30 * DAY_MILLIS;

    private ChurnPlanner() {}

    /**
     * How much more likely than average this subscriber is to leave, before and after its contract
     * ends.
     */
    static double hazard(
            Segment segment, Persona persona, boolean newSubscriber, boolean inContract) {
        double segmentFactor =
                segment == Segment.KEY_ACCOUNT ? 0.4 : segment == Segment.BUSINESS ? 0.8 : 1.0;
        double personaFactor =
                persona == Persona.LIGHT ? 1.4 : persona == Persona.DATA_ONLY ? 1.2 : 1.0;
        double tenureFactor = newSubscriber ? 1.5 : 1.0;
        double contractFactor = inContract ? 0.6 : 1.0;
        return segmentFactor * personaFactor * tenureFactor * contractFactor;
    }

    /** The hazard rate per millisecond of an average subscriber for a monthly churn share. */
    static double ratePerMilli(double monthlyChurn) {
        return -Math.log(1 - monthlyChurn) / MONTH_MILLIS;
    }

    /**
     * When a subscriber with the given hazards leaves: the time at which the integrated hazard
     * reaches a unit exponential draw, with one hazard until {@code contractEnd} and another after.
     */
    static long churnTime(
            SplittableRandom random,
            double rate,
            double before,
            double after,
            long start,
            long contractEnd) {
        if (!(rate > 0)) {
            return Long.MAX_VALUE;
        }
        double budget = -Math.log(1 - random.nextDouble());
        double untilContractEnd = contractEnd > start ? rate * before * (contractEnd - start) : 0;
        double millis =
                budget <= untilContractEnd
                        ? budget / (rate * before)
                        : Math.max(0, contractEnd - start)
                                + (budget - untilContractEnd) / (rate * after);
        return start + (long) Math.min(millis, 1e15);
    }

    /** A waverer's first sign: a constant hazard of half the churn rate. */
    static long waverStart(SplittableRandom random, double rate, long start) {
        if (!(rate > 0)) {
            return Long.MAX_VALUE;
        }
        double millis = -Math.log(1 - random.nextDouble()) / (rate * WAVERERS_PER_CHURNER);
        return start + (long) Math.min(millis, 1e15);
    }

    static ChurnCause cause(Segment segment, SplittableRandom random) {
        double draw = random.nextDouble();
        if (segment == Segment.KEY_ACCOUNT) {
            return draw < 0.55
                    ? ChurnCause.COMPETITIVE
                    : draw < 0.85 ? ChurnCause.DISAPPOINTMENT : ChurnCause.NATURAL;
        }
        return draw < 0.35
                ? ChurnCause.COMPETITIVE
                : draw < 0.60
                        ? ChurnCause.DISAPPOINTMENT
                        : draw < 0.85 ? ChurnCause.NATURAL : ChurnCause.MALICIOUS;
    }

    /** A waverer considers leaving for price or for disappointment. */
    static ChurnCause waverCause(SplittableRandom random) {
        return Draw.chance(random, 0.6) ? ChurnCause.COMPETITIVE : ChurnCause.DISAPPOINTMENT;
    }

    /** The way out of a subscriber who leaves at {@code churnTime}. */
    static ChurnPlan leaving(
            ChurnCause cause, long churnTime, int billDay, SplittableRandom random) {
        Builder plan = new Builder(cause, true, churnTime, random);
        switch (cause) {
            case COMPETITIVE -> plan.competitive(days(random, 14, 75), 0.15, 0.7);
            case DISAPPOINTMENT -> plan.disappointment(days(random, 21, 90), 0.4, 0.8);
            case MALICIOUS -> plan.malicious(billDay);
            default -> plan.natural();
        }
        return plan.build();
    }

    /**
     * A subscriber who shows the signs of {@code cause} from {@code from} for some weeks, then
     * stays.
     */
    static ChurnPlan staying(ChurnCause cause, long from, SplittableRandom random) {
        long length = days(random, 20, 60);
        Builder plan = new Builder(cause, false, from + length, random);
        if (cause == ChurnCause.COMPETITIVE) {
            plan.competitive(length, 0.45, 0.85);
        } else {
            plan.disappointment(length, 0.55, 0.9);
        }
        return plan.build();
    }

    private static long days(SplittableRandom random, int from, int to) {
        return Draw.between(random, from * DAY_MILLIS, to * DAY_MILLIS);
    }

    /**
     * Expected events a day for a count sign: {@code least} plus a Poisson number more, over the
     * window.
     */
    private static double perDay(SplittableRandom random, int least, double moreMean, long window) {
        return (least + Draw.poisson(random, moreMean))
                / Math.max(1.0, (double) window / DAY_MILLIS);
    }

    private static final class Builder {
        private final ChurnCause cause;
        private final boolean leaves;
        private final long until;
        private final SplittableRandom random;
        private final Set<Sign> signs = EnumSet.noneOf(Sign.class);
        private final Map<Sign, Double> perDay = new EnumMap<>(Sign.class);
        private long from;
        private double usageFloor = 1.0;
        private long declineFrom;
        private double boost = 1.0;
        private double dropRate;
        private long stopFrom;
        private long suspendedFrom;
        private long downgradeAt;

        Builder(ChurnCause cause, boolean leaves, long until, SplittableRandom random) {
            this.cause = cause;
            this.leaves = leaves;
            this.until = until;
            this.from = until;
            this.random = random;
        }

        void competitive(long lead, double lowestFloor, double highestFloor) {
            from = until - lead;
            if (sign(Sign.USAGE_MIGRATION, 0.6)) {
                usageFloor = lowestFloor + (highestFloor - lowestFloor) * random.nextDouble();
                declineFrom = from;
            }
            count(Sign.COMPETITOR_CONTACTS, 0.45, 1, 1.0, lead);
            count(Sign.PRICE_COMPLAINTS, 0.35, 1, 0.5, lead);
            count(Sign.CARE_CONTACTS, 0.5, 1, 1.5, lead);
            count(Sign.SERVICE_CANCELS, 0.3, 1, 0.5, lead);
            if (sign(Sign.PLAN_DOWNGRADE, 0.25)) {
                downgradeAt = officeHour(from + (long) (random.nextDouble() * lead));
            }
        }

        void disappointment(long lead, double lowestFloor, double highestFloor) {
            from = until - lead;
            if (sign(Sign.NETWORK_TROUBLE, 0.55)) {
                dropRate = 0.04 + 0.08 * random.nextDouble();
                perDay.put(Sign.NETWORK_TROUBLE, ChurnPlanner.perDay(random, 1, 1.0, lead));
            }
            count(Sign.SERVICE_COMPLAINTS, 0.7, 1, 1.5, lead);
            count(Sign.CARE_CONTACTS, 0.7, 2, 2.0, lead);
            count(Sign.LOW_SURVEYS, 0.45, 1, 0.5, lead);
            if (sign(Sign.LATE_DECLINE, 0.35)) {
                usageFloor = lowestFloor + (highestFloor - lowestFloor) * random.nextDouble();
                declineFrom = Math.max(from, until - days(random, 14, 28));
            }
        }

        /**
         * Stops paying from a bill, is suspended when that bill is thirty days past due, and is
         * removed some weeks later: the churn time.
         */
        void malicious(int billDay) {
            signs.add(Sign.STOPS_PAYING);
            signs.add(Sign.SUSPENDED);
            suspendedFrom = until - days(random, 25, 60);
            long firstUnpaid =
                    BillCalendar.billTimeBefore(
                            suspendedFrom - (BillCalendar.DUE_DAYS + 30) * DAY_MILLIS, billDay);
            from = firstUnpaid;
            // suspended the hour the first unpaid bill is thirty days past due
            suspendedFrom = firstUnpaid + (BillCalendar.DUE_DAYS + 30) * DAY_MILLIS + HOUR_MILLIS;
            if (sign(Sign.RUNS_UP_BILL, 0.4)) {
                boost = 1.3 + 0.7 * random.nextDouble();
            }
            count(Sign.CARE_CONTACTS, 0.2, 1, 0.5, until - from);
        }

        /**
         * Most natural churners go without a sign; some fade away, some stop using the line first.
         */
        void natural() {
            double draw = random.nextDouble();
            if (draw < 0.35) {
                signs.add(Sign.FADES);
                from = until - days(random, 14, 45);
                declineFrom = from;
                usageFloor = 0.05 + 0.35 * random.nextDouble();
            } else if (draw < 0.6) {
                signs.add(Sign.STOPS_USING);
                from = until - days(random, 7, 35);
                stopFrom = from;
            }
        }

        private boolean sign(Sign sign, double probability) {
            if (Draw.chance(random, probability)) {
                signs.add(sign);
                return true;
            }
            return false;
        }

        private void count(Sign sign, double probability, int least, double moreMean, long window) {
            if (sign(sign, probability)) {
                perDay.put(sign, ChurnPlanner.perDay(random, least, moreMean, window));
            }
        }

        private long officeHour(long time) {
            long midnight = Math.floorDiv(time, DAY_MILLIS) * DAY_MILLIS;
            return midnight + Draw.between(random, 9 * HOUR_MILLIS, 18 * HOUR_MILLIS);
        }

        ChurnPlan build() {
            return new ChurnPlan(
                    cause,
                    leaves,
                    from,
                    until,
                    signs,
                    perDay,
                    usageFloor,
                    declineFrom,
                    boost,
                    dropRate,
                    stopFrom,
                    suspendedFrom,
                    downgradeAt);
        }
    }
}
