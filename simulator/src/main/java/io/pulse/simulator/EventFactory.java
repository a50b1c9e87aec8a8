package io.pulse.simulator;

import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberStatus;

import java.util.SplittableRandom;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;
import static io.pulse.simulator.CalendarHour.HOUR_MILLIS;

/**
 * Builds the events of one subscriber in one hour, drawing their details from that hour's random
 * stream. Event ids are {@code <subscriberId>-<epoch hour>-<sequence in the hour>}: unique, and the
 * same for the same seed and hour. Events due later (payments, fault clearings) get their id now
 * and go to the follow-up queue. What the events reveal of the subscriber's conditions (a bill paid
 * past its due date, a repair that missed its time, a shock bill) goes to the truth log.
 */
final class EventFactory {

    private static final CallScope[] SCOPES = CallScope.values();
    private static final int[] MASS_SCOPE_WEIGHTS = {800, 170, 15, 15};
    private static final int[] BUSINESS_SCOPE_WEIGHTS = {650, 280, 40, 30};

    /** A cloned SIM's calls: mostly long calls abroad. */
    private static final int[] FRAUD_SCOPE_WEIGHTS = {50, 150, 700, 100};

    /** Abroad: most calls roam, some are made home over the internet and rated as international. */
    private static final int[] TRIP_SCOPE_WEIGHTS = {100, 0, 100, 800};

    private static final double FRAUD_CALL_MEAN_SECONDS = 600;

    /**
     * Rated price of an outgoing call per started minute, in fen, by scope (LOCAL, LONG_DISTANCE,
     * INTERNATIONAL, ROAMING).
     */
    private static final int[] FEN_PER_MINUTE = {15, 30, 150, 100};

    private static final String[] SERVICES = {
        "CALLER_ID", "RINGBACK", "SMS_PACK", "CUG", "VOICEMAIL", "INTERNATIONAL"
    };

    /** Each service's monthly fee in fen, the same for every subscriber. */
    private static final long[] SERVICE_FEES = {500, 500, 1000, 2000, 300, 1500};

    /** A plan change moves to a plan of about this share of the current fee. */
    private static final double DOWNGRADE_FEE_SHARE = 0.7;

    private static final double UPGRADE_FEE_SHARE = 1.3;

    private static final int[] MASS_SERVICE_WEIGHTS = {50, 30, 15, 5, 20, 5};
    private static final int[] BUSINESS_SERVICE_WEIGHTS = {30, 15, 15, 40, 20, 15};
    private static final ComplaintCategory[] CATEGORIES = ComplaintCategory.values();
    // NETWORK, BILLING, SERVICE_ATTITUDE, COVERAGE, PRICE, SLOW_RESPONSE, OTHER
    private static final int[] SERVICE_CATEGORY_WEIGHTS = {35, 5, 20, 25, 0, 15, 0};
    private static final int[] USUAL_CATEGORY_WEIGHTS = {20, 25, 10, 15, 15, 5, 10};
    private static final Integer[] SEVERITIES = {1, 2, 3};
    private static final int[] SERVICE_SEVERITY_WEIGHTS = {30, 40, 30};
    private static final int[] PRICE_SEVERITY_WEIGHTS = {50, 40, 10};
    private static final int[] USUAL_SEVERITY_WEIGHTS = {60, 30, 10};
    private static final Integer[] SURVEY_SCORES = {1, 2, 3, 4, 5};
    private static final int[] DISSATISFIED_SCORE_WEIGHTS = {35, 35, 20, 8, 2};
    private static final int[] USUAL_SCORE_WEIGHTS = {1, 4, 15, 40, 40};
    private static final String[] COMPETITORS = {
        "competitor-a", "competitor-b", "competitor-c", null
    };
    private static final long[] TOP_UP_AMOUNTS = {30_00, 50_00, 100_00};

    /** Most pay within the 20 days to the due date; some late, a very few never. */
    private static final double LATE_PAYMENT = 0.08;

    private static final double NO_PAYMENT = 0.003;

    private static final long MINUTE_MILLIS = 60_000L;

    private final SimulatedSubscriber subscriber;
    private final SplittableRandom random;
    private final FollowUpQueue followUps;
    private final HourEffects effects;
    private final TruthLog truth;
    private final String idPrefix;
    private final boolean businessLike;
    private int sequence;

    EventFactory(
            SimulatedSubscriber subscriber,
            SplittableRandom random,
            long epochHour,
            FollowUpQueue followUps,
            HourEffects effects,
            TruthLog truth) {
        this.subscriber = subscriber;
        this.random = random;
        this.followUps = followUps;
        this.effects = effects;
        this.truth = truth;
        this.idPrefix = subscriber.id() + '-' + epochHour + '-';
        this.businessLike = subscriber.segment() != Segment.MASS;
    }

    SubscriberEvent create(Activity activity, long time) {
        switch (activity) {
            case OUTGOING_CALL:
                return call(time, Direction.OUTGOING);
            case INCOMING_CALL:
                return call(time, Direction.INCOMING);
            case OUTGOING_SMS:
                return sms(time, Direction.OUTGOING);
            case INCOMING_SMS:
                return sms(time, Direction.INCOMING);
            case DATA_SESSION:
                return dataSession(time);
            case TOP_UP:
                return topUp(time);
            case SERVICE_SUBSCRIBE:
                return serviceChange(time, ServiceAction.SUBSCRIBE);
            case SERVICE_CANCEL:
                return serviceChange(time, ServiceAction.CANCEL);
            case COMPLAINT:
                return complaint(time, USUAL_CATEGORY_WEIGHTS, USUAL_SEVERITY_WEIGHTS);
            case SERVICE_COMPLAINT:
                return complaint(time, SERVICE_CATEGORY_WEIGHTS, SERVICE_SEVERITY_WEIGHTS);
            case PRICE_COMPLAINT:
                return event(EventType.COMPLAINT, time)
                        .setCategory(ComplaintCategory.PRICE)
                        .setSeverity(Draw.pick(random, SEVERITIES, PRICE_SEVERITY_WEIGHTS))
                        .build();
            case CARE_CONTACT:
                return careContact(time);
            case FAULT_REPORT:
                return faultReport(time, repairOutcome());
            case SURVEY:
                return survey(time, USUAL_SCORE_WEIGHTS);
            case LOW_SURVEY:
                return survey(time, DISSATISFIED_SCORE_WEIGHTS);
            case COMPETITOR_CONTACT:
                return competitorContact(time);
            case PLAN_CHANGE:
                return planChange(
                        time,
                        Draw.chance(random, 0.5) ? ServiceAction.UPGRADE : ServiceAction.DOWNGRADE);
            default:
                throw new IllegalArgumentException("no event for " + activity);
        }
    }

    /**
     * The monthly bill; its payment, if the subscriber pays, is scheduled as a follow-up. A shock
     * bill carries roaming and premium-rate charges on top. A bill paid after its due date, or not
     * at all, is an arrears condition of the truth.
     */
    SubscriberEvent bill(long time, boolean shock) {
        double usual =
                subscriber.profile().getPlanMonthlyFeeMinor()
                        * (0.97 + 0.13 * random.nextDouble())
                        * subscriber.spendFactorAt(time);
        long amount = Math.round(shock ? usual * subscriber.shockFactor() : usual);
        long due = time + BillCalendar.DUE_DAYS * DAY_MILLIS;
        SubscriberEvent bill =
                event(EventType.BILL, time).setAmountMinor(amount).setDueTime(due).build();
        if (shock) {
            truth.record(subscriber.id(), Condition.BILL_SHOCK, time, time + 30 * DAY_MILLIS);
        }
        long paymentTime = paymentTime(time);
        if (paymentTime != ConditionWindow.OPEN) {
            followUps.schedule(
                    event(EventType.PAYMENT, paymentTime)
                            .setAmountMinor(amount)
                            .setReferenceId(bill.getEventId())
                            .build());
        }
        if (paymentTime > due) {
            truth.record(subscriber.id(), Condition.ARREARS, due, paymentTime);
        }
        return bill;
    }

    /** When a bill issued at {@code time} is paid; {@link ConditionWindow#OPEN}: never. */
    private long paymentTime(long time) {
        if (subscriber.stopsPayingAt(time)) {
            return ConditionWindow.OPEN;
        }
        if (subscriber.behaviourActiveAt(Behaviour.NON_PAYER, time)) {
            return subscriber.behaviourEnd() + Draw.between(random, HOUR_MILLIS, DAY_MILLIS);
        }
        double draw = random.nextDouble();
        if (draw < NO_PAYMENT) {
            return ConditionWindow.OPEN;
        }
        long days =
                draw < NO_PAYMENT + LATE_PAYMENT
                        ? Draw.between(random, 21, 46)
                        : Draw.between(random, 1, 19);
        return time + days * DAY_MILLIS + Draw.between(random, 6 * HOUR_MILLIS, 16 * HOUR_MILLIS);
    }

    /**
     * The one-off event planted at the behaviour's start: a faulty line's first fault, a first
     * approach.
     */
    SubscriberEvent planted(long time) {
        switch (subscriber.behaviour()) {
            case FAULTY:
                return faultReport(time, Repair.LATE);
            case COURTED:
                return competitorContact(time);
            default:
                throw new IllegalStateException("nothing planted for " + subscriber.behaviour());
        }
    }

    /** A change of the line's status: suspended for arrears, active again, terminated. */
    SubscriberEvent statusChange(long time, SubscriberStatus status) {
        return event(EventType.STATUS_CHANGE, time).setStatus(status).build();
    }

    /** A plan change, with the new plan's monthly fee (no draw: the stream stays as it was). */
    SubscriberEvent planChange(long time, ServiceAction action) {
        double share = action == ServiceAction.DOWNGRADE ? DOWNGRADE_FEE_SHARE : UPGRADE_FEE_SHARE;
        return event(EventType.PLAN_CHANGE, time)
                .setAction(action)
                .setServiceCode(subscriber.profile().getPlanCode())
                .setAmountMinor(Math.round(subscriber.profile().getPlanMonthlyFeeMinor() * share))
                .build();
    }

    private SubscriberEvent call(long time, Direction direction) {
        boolean fraud = direction == Direction.OUTGOING && subscriber.spikingAt(time);
        double meanSeconds = fraud ? FRAUD_CALL_MEAN_SECONDS : businessLike ? 200 : 150;
        int duration = (int) Math.min(7200, 5 + random.nextExponential() * meanSeconds);
        int[] scopeWeights =
                fraud
                        ? FRAUD_SCOPE_WEIGHTS
                        : effects.travelling()
                                ? TRIP_SCOPE_WEIGHTS
                                : businessLike ? BUSINESS_SCOPE_WEIGHTS : MASS_SCOPE_WEIGHTS;
        CallScope scope = Draw.pick(random, SCOPES, scopeWeights);
        // outgoing calls are rated where the subscriber's mediation feed carries the charge
        Long charge =
                direction == Direction.OUTGOING && subscriber.ratedCalls()
                        ? (long) FEN_PER_MINUTE[scope.ordinal()] * ((duration + 59) / 60)
                        : null;
        return event(EventType.VOICE_CALL, time)
                .setDirection(direction)
                .setCallScope(scope)
                .setDurationSec(duration)
                .setAmountMinor(charge)
                .setDropped(Draw.chance(random, effects.dropRateAt(time)))
                .build();
    }

    private SubscriberEvent sms(long time, Direction direction) {
        return event(EventType.SMS, time).setDirection(direction).build();
    }

    private SubscriberEvent dataSession(long time) {
        // Log-normal around 15 MB (times a surge's factor), capped at 5 GB.
        double bytes =
                Math.exp(Math.log(15e6) + 1.2 * random.nextGaussian()) * effects.dataFactor();
        return event(EventType.DATA_SESSION, time)
                .setDataBytes((long) Math.min(5e9, bytes))
                .build();
    }

    private SubscriberEvent topUp(long time) {
        return event(EventType.TOP_UP, time)
                .setAmountMinor(TOP_UP_AMOUNTS[random.nextInt(TOP_UP_AMOUNTS.length)])
                .build();
    }

    /** A value-added service subscribed, with its monthly fee, or cancelled. */
    private SubscriberEvent serviceChange(long time, ServiceAction action) {
        int service =
                Draw.index(random, businessLike ? BUSINESS_SERVICE_WEIGHTS : MASS_SERVICE_WEIGHTS);
        return event(EventType.SERVICE_CHANGE, time)
                .setServiceCode(SERVICES[service])
                .setAction(action)
                .setAmountMinor(action == ServiceAction.SUBSCRIBE ? SERVICE_FEES[service] : null)
                .build();
    }

    private SubscriberEvent complaint(long time, int[] categoryWeights, int[] severityWeights) {
        return event(EventType.COMPLAINT, time)
                .setCategory(Draw.pick(random, CATEGORIES, categoryWeights))
                .setSeverity(Draw.pick(random, SEVERITIES, severityWeights))
                .build();
    }

    private SubscriberEvent careContact(long time) {
        return event(EventType.CARE_CONTACT, time)
                .setDurationSec((int) Draw.between(random, 60, 900))
                .build();
    }

    /** How a fault's repair goes: mostly in time; for complainers and faulty lines often late. */
    private enum Repair {
        IN_TIME,
        LATE,
        NEVER
    }

    private Repair repairOutcome() {
        double draw = random.nextDouble();
        double late = effects.lateRepairChance();
        double never = late > HourEffects.USUAL_LATE_REPAIR ? 0.05 : 0.01;
        return draw < never ? Repair.NEVER : draw < never + late ? Repair.LATE : Repair.IN_TIME;
    }

    /**
     * A fault reported in a network outage, from another line or in a shop, or soon after it: the
     * clearing comes some time after the network is back at {@code restoredAt}, late if after the
     * committed time.
     */
    SubscriberEvent outageFault(long time, long restoredAt) {
        long commitTime = time + repairWindow();
        SubscriberEvent report =
                event(EventType.FAULT_REPORT, time).setCommitTime(commitTime).build();
        long clearedAt =
                Math.max(time, restoredAt)
                        + Draw.between(random, 10 * MINUTE_MILLIS, 3 * HOUR_MILLIS);
        if (clearedAt > commitTime) {
            truth.record(subscriber.id(), Condition.REPAIR_LATE, commitTime, clearedAt);
        }
        followUps.schedule(
                event(EventType.FAULT_CLEARED, clearedAt)
                        .setReferenceId(report.getEventId())
                        .build());
        return report;
    }

    /** How long the operator commits to repair a fault in. */
    private long repairWindow() {
        return subscriber.segment() == Segment.KEY_ACCOUNT ? 4 * HOUR_MILLIS : 24 * HOUR_MILLIS;
    }

    /** A fault with its committed repair time; the clearing, if it comes, is scheduled. */
    private SubscriberEvent faultReport(long time, Repair repair) {
        long repairWindow = repairWindow();
        long commitTime = time + repairWindow;
        SubscriberEvent report =
                event(EventType.FAULT_REPORT, time).setCommitTime(commitTime).build();
        long clearedAt;
        switch (repair) {
            case NEVER:
                truth.record(
                        subscriber.id(), Condition.REPAIR_LATE, commitTime, ConditionWindow.OPEN);
                return report;
            case LATE:
                clearedAt = commitTime + Draw.between(random, 2 * HOUR_MILLIS, 72 * HOUR_MILLIS);
                truth.record(subscriber.id(), Condition.REPAIR_LATE, commitTime, clearedAt);
                break;
            default:
                clearedAt = time + (long) (repairWindow * (0.1 + 0.85 * random.nextDouble()));
        }
        followUps.schedule(
                event(EventType.FAULT_CLEARED, clearedAt)
                        .setReferenceId(report.getEventId())
                        .build());
        return report;
    }

    private SubscriberEvent survey(long time, int[] scoreWeights) {
        return event(EventType.SURVEY, time)
                .setSurveyScore(Draw.pick(random, SURVEY_SCORES, scoreWeights))
                .build();
    }

    private SubscriberEvent competitorContact(long time) {
        return event(EventType.COMPETITOR_CONTACT, time)
                .setCompetitor(COMPETITORS[random.nextInt(COMPETITORS.length)])
                .build();
    }

    private SubscriberEvent.Builder event(EventType type, long time) {
        return SubscriberEvent.newBuilder()
                .setEventId(idPrefix + sequence++)
                .setSubscriberId(subscriber.id())
                .setEventTime(time)
                .setType(type);
    }
}
