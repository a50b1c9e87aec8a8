package io.pulse.scoring.features;

import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.RollingUsage;
import io.pulse.scoring.usage.SubscriberFacts;
import io.pulse.scoring.usage.UsageMath;
import io.pulse.state.ServiceSubscription;
import io.pulse.state.SubscriberState;
import io.pulse.state.UnpaidBill;
import io.pulse.state.UsageCounters;

import java.util.function.ToDoubleFunction;

/**
 * Computes the churn feature vector ({@link Feature}) from a subscriber's rolling state. This is
 * the only feature code: the job calls it on every event, and the {@code train} command calls it
 * after replaying labelled subscribers through the same state logic, so training and serving cannot
 * drift apart. It reads the month sums kept in the state and allocates nothing.
 *
 * <p>Absent is not zero: a feature whose input the subscriber's events do not carry is {@link
 * #MISSING}, which the models route down a learnt default branch (trees) or treat as the training
 * average (logistic regression), and which no reason ever cites. Missing are: the call price when
 * calls carry no rated charge (minutes without any charge), a trend before there are two months to
 * compare, the share of dropped calls without calls, "days since" something that never happened,
 * every bill feature when the stream carries no bill, the latest survey answer before any survey,
 * and the plan, tenure and contract without a profile.
 */
public final class FeatureExtractor {
    /** The value of a feature whose input the subscriber's events do not carry. */
    public static final double MISSING = Double.NaN;

    /** "Days since" features are capped here. */
    public static final double MAX_DAYS = 365;

    /** Value of days-to-contract-end without a contract, and its cap. */
    public static final double NO_CONTRACT_DAYS = 730;

    /** Trends are clipped to this range (a fall of 100% to a rise of 300%). */
    static final double MIN_TREND = -1;

    static final double MAX_TREND = 3;

    public static final String INTERNATIONAL_SERVICE = "INTERNATIONAL";
    public static final String VOICEMAIL_SERVICE = "VOICEMAIL";

    private FeatureExtractor() {}

    public static double[] newVector() {
        return new double[Feature.count()];
    }

    /**
     * Fills {@code x} with the features of the subscriber at event time {@code now}.
     *
     * @param satisfaction the subscriber's satisfaction score at {@code now}
     */
    public static void extract(
            SubscriberState state,
            SubscriberProfile profile,
            double satisfaction,
            long now,
            double[] x) {
        UsageCounters today = state.getToday();
        UsageCounters m1 = state.getMonth1();
        UsageCounters m2 = state.getMonth2();
        UsageCounters m3 = state.getMonth3();
        int observedDays = RollingUsage.observedDays(state);

        windows(
                x,
                Feature.VOICE_MINUTES_30D,
                today,
                m1,
                m2,
                m3,
                observedDays,
                c -> UsageMath.outgoingSec(c) / 60.0);
        windows(x, Feature.SMS_30D, today, m1, m2, m3, observedDays, c -> c.getSmsOut());
        windows(
                x,
                Feature.DATA_MB_30D,
                today,
                m1,
                m2,
                m3,
                observedDays,
                c -> c.getDataBytes() / 1e6);

        double voiceMinutes = x[Feature.VOICE_MINUTES_30D.ordinal()];
        int calls = today.getOutCalls() + m1.getOutCalls();
        set(x, Feature.CALLS_30D, calls);
        set(x, Feature.PEAK_MINUTES_30D, (today.getPeakSec() + m1.getPeakSec()) / 60.0);
        set(x, Feature.PEAK_CALLS_30D, today.getPeakCalls() + m1.getPeakCalls());
        set(x, Feature.EVENING_MINUTES_30D, (today.getEveningSec() + m1.getEveningSec()) / 60.0);
        set(x, Feature.EVENING_CALLS_30D, today.getEveningCalls() + m1.getEveningCalls());
        set(
                x,
                Feature.NIGHT_MINUTES_30D,
                (UsageMath.nightSec(today) + UsageMath.nightSec(m1)) / 60.0);
        set(x, Feature.NIGHT_CALLS_30D, UsageMath.nightCalls(today) + UsageMath.nightCalls(m1));
        set(
                x,
                Feature.LONG_DISTANCE_MINUTES_30D,
                (today.getOutLongDistanceSec() + m1.getOutLongDistanceSec()) / 60.0);
        set(
                x,
                Feature.INTERNATIONAL_MINUTES_30D,
                (today.getOutInternationalSec() + m1.getOutInternationalSec()) / 60.0);
        set(
                x,
                Feature.INTERNATIONAL_CALLS_30D,
                today.getOutInternationalCalls() + m1.getOutInternationalCalls());
        set(x, Feature.INCOMING_MINUTES_30D, (today.getInSec() + m1.getInSec()) / 60.0);
        double charges = (today.getCallChargeMinor() + m1.getCallChargeMinor()) / 100.0;
        // minutes without any charge: the feed does not rate calls, so their price is unknown
        boolean rated = charges > 0 || voiceMinutes == 0;
        set(x, Feature.CALL_CHARGES_30D, rated ? charges : MISSING);
        set(
                x,
                Feature.CHARGE_PER_MINUTE_30D,
                rated && voiceMinutes > 0 ? charges / voiceMinutes : MISSING);

        Long lastOutgoing = state.getLastOutgoingTime();
        set(
                x,
                Feature.DAYS_SINCE_OUTGOING,
                daysSince(lastOutgoing != null ? lastOutgoing : state.getFirstEventTime(), now));

        int care30 = today.getCareContacts() + m1.getCareContacts();
        set(x, Feature.CARE_CONTACTS_30D, care30);
        set(x, Feature.CARE_CONTACTS_90D, care30 + m2.getCareContacts() + m3.getCareContacts());
        set(x, Feature.DAYS_SINCE_CARE_CONTACT, daysSince(state.getLastCareContactTime(), now));
        set(x, Feature.COMPLAINTS_90D, sum90(today, m1, m2, m3, UsageCounters::getComplaints));
        set(
                x,
                Feature.COMPLAINT_SEVERITY_90D,
                sum90(today, m1, m2, m3, UsageCounters::getComplaintSeverity));
        set(x, Feature.DAYS_SINCE_COMPLAINT, daysSince(state.getLastComplaintTime(), now));
        int dropped = today.getDroppedCalls() + m1.getDroppedCalls();
        int allCalls = calls + today.getInCalls() + m1.getInCalls();
        set(x, Feature.DROPPED_CALLS_30D, dropped);
        set(
                x,
                Feature.DROPPED_CALL_SHARE_30D,
                allCalls > 0 ? (double) dropped / allCalls : MISSING);
        set(x, Feature.FAULTS_90D, sum90(today, m1, m2, m3, UsageCounters::getFaults));

        set(x, Feature.OPEN_FAULTS, state.getOpenFaults().size());
        set(x, Feature.OVERDUE_REPAIRS, SubscriberFacts.overdueRepairs(state, now));

        boolean billed = state.getLastBillTime() != null;
        set(
                x,
                Feature.BILLED_30D,
                billed ? (today.getBilledMinor() + m1.getBilledMinor()) / 100.0 : MISSING);
        set(
                x,
                Feature.BILLED_90D,
                billed
                        ? (today.getBilledMinor()
                                        + m1.getBilledMinor()
                                        + m2.getBilledMinor()
                                        + m3.getBilledMinor())
                                / 100.0
                        : MISSING);
        unpaid(state, now, billed, x);

        set(
                x,
                Feature.PLAN_FEE,
                profile == null ? MISSING : profile.getPlanMonthlyFeeMinor() / 100.0);
        services(state, x);
        int today0 = Days.epochDay(now);
        set(
                x,
                Feature.TENURE_DAYS,
                profile == null
                        ? MISSING
                        : Math.max(0, today0 - profile.getActivationDate().toEpochDay()));
        set(x, Feature.DAYS_TO_CONTRACT_END, daysToContractEnd(profile, today0));
        set(x, Feature.SATISFACTION, satisfaction);
        set(
                x,
                Feature.LAST_SURVEY_SCORE,
                state.getSurveys().isEmpty()
                        ? MISSING
                        : state.getSurveys().get(state.getSurveys().size() - 1));
        set(
                x,
                Feature.DAYS_SINCE_COMPETITOR_CONTACT,
                daysSince(state.getLastCompetitorContactTime(), now));
        set(x, Feature.SUSPENDED, state.getStatus() == SubscriberStatus.SUSPENDED ? 1 : 0);
        set(x, Feature.OBSERVED_DAYS, observedDays);
        set(
                x,
                Feature.DOWNGRADES_90D,
                SubscriberFacts.downgradesSince(state, now - Days.days(RollingUsage.WINDOW_DAYS)));
        set(
                x,
                Feature.PRICE_COMPLAINTS_90D,
                sum90(today, m1, m2, m3, UsageCounters::getPriceComplaints));
        set(
                x,
                Feature.NETWORK_COMPLAINTS_90D,
                sum90(today, m1, m2, m3, UsageCounters::getNetworkComplaints));
        set(
                x,
                Feature.SERVICE_ATTITUDE_COMPLAINTS_90D,
                sum90(today, m1, m2, m3, UsageCounters::getServiceAttitudeComplaints));
    }

    /**
     * The 30, 60 and 90-day sums of a measure and its trend, in the four slots starting at {@code
     * first}.
     */
    private static void windows(
            double[] x,
            Feature first,
            UsageCounters today,
            UsageCounters m1,
            UsageCounters m2,
            UsageCounters m3,
            int observedDays,
            ToDoubleFunction<UsageCounters> measure) {
        double last30 = measure.applyAsDouble(today) + measure.applyAsDouble(m1);
        double month2 = measure.applyAsDouble(m2);
        double month3 = measure.applyAsDouble(m3);
        int i = first.ordinal();
        x[i] = last30;
        x[i + 1] = last30 + month2;
        x[i + 2] = last30 + month2 + month3;
        x[i + 3] = trend(last30, month2, month3, observedDays);
    }

    /**
     * The time factor: the last 30 days against the average month before them, as a relative
     * change. Missing until there are two months to compare.
     */
    public static double trend(double last30, double month2, double month3, int observedDays) {
        if (observedDays <= RollingUsage.MONTH_DAYS) {
            return MISSING;
        }
        double before =
                observedDays <= 2 * RollingUsage.MONTH_DAYS ? month2 : (month2 + month3) / 2;
        if (before <= 0) {
            return last30 > 0 ? MAX_TREND : 0;
        }
        return Math.max(MIN_TREND, Math.min(MAX_TREND, (last30 - before) / before));
    }

    private static double sum90(
            UsageCounters today,
            UsageCounters m1,
            UsageCounters m2,
            UsageCounters m3,
            ToDoubleFunction<UsageCounters> measure) {
        return measure.applyAsDouble(today)
                + measure.applyAsDouble(m1)
                + measure.applyAsDouble(m2)
                + measure.applyAsDouble(m3);
    }

    private static void unpaid(SubscriberState state, long now, boolean billed, double[] x) {
        int overdue = 0;
        long amount = 0;
        long oldestDue = now;
        for (UnpaidBill bill : state.getUnpaidBills()) {
            amount += bill.getAmountMinor();
            if (bill.getDueTime() < now) {
                overdue++;
                oldestDue = Math.min(oldestDue, bill.getDueTime());
            }
        }
        set(x, Feature.UNPAID_BILLS, billed ? state.getUnpaidBills().size() : MISSING);
        set(x, Feature.OVERDUE_BILLS, billed ? overdue : MISSING);
        set(x, Feature.UNPAID_AMOUNT, billed ? amount / 100.0 : MISSING);
        set(
                x,
                Feature.DAYS_OVERDUE,
                billed ? Math.floorDiv(now - oldestDue, Days.MILLIS_PER_DAY) : MISSING);
    }

    private static void services(SubscriberState state, double[] x) {
        int active = 0;
        boolean international = false;
        boolean voicemail = false;
        for (ServiceSubscription s : state.getServices()) {
            if (s.getUntil() != null) {
                continue;
            }
            active++;
            international |= INTERNATIONAL_SERVICE.equals(s.getCode());
            voicemail |= VOICEMAIL_SERVICE.equals(s.getCode());
        }
        set(x, Feature.INTERNATIONAL_PLAN, international ? 1 : 0);
        set(x, Feature.VOICEMAIL_PLAN, voicemail ? 1 : 0);
        set(x, Feature.VALUE_ADDED_SERVICES, active);
    }

    private static double daysToContractEnd(SubscriberProfile profile, int today) {
        if (profile == null) {
            return MISSING;
        }
        if (profile.getContractEndDate() == null) {
            return NO_CONTRACT_DAYS;
        }
        long days = profile.getContractEndDate().toEpochDay() - today;
        return Math.max(0, Math.min(NO_CONTRACT_DAYS, days));
    }

    private static double daysSince(Long time, long now) {
        if (time == null) {
            return MISSING;
        }
        return Math.min(MAX_DAYS, Math.max(0, Math.floorDiv(now - time, Days.MILLIS_PER_DAY)));
    }

    private static void set(double[] x, Feature feature, double value) {
        x[feature.ordinal()] = value;
    }
}
