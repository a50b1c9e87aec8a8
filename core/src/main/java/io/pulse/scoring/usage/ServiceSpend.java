package io.pulse.scoring.usage;

import io.pulse.schema.SubscriberProfile;
import io.pulse.state.PlanChange;
import io.pulse.state.ServiceSubscription;
import io.pulse.state.SubscriberState;
import io.pulse.state.UsageCounters;

import java.util.List;

/**
 * A subscriber's monthly spend by service, now and in the reference month, as far as the events
 * carry it: rated voice, SMS and data charges of the last 30 days against the 30 days before (the
 * {@code amountMinor} of outgoing calls and messages and of data sessions), the monthly fees of the
 * value-added services subscribed now against 30 days ago (the {@code amountMinor} of their
 * SUBSCRIBE records), the plan fee now against 30 days ago (plan changes, from the profile's fee),
 * and the total: the latest bill against the one before. A service whose events carry no amounts
 * has 0 for both and is never judged.
 *
 * @param currentMinor spend now, in minor units
 * @param referenceMinor spend in the reference month
 */
public record ServiceSpend(Measure measure, long currentMinor, long referenceMinor) {

    /** What is measured, with its reason code and how its evidence reads. */
    public enum Measure {
        VOICE("CALL_SPEND_DROP", "Call spend", " in the last 30 days", "in the reference month"),
        SMS("SMS_SPEND_DROP", "SMS spend", " in the last 30 days", "in the reference month"),
        DATA("DATA_SPEND_DROP", "Data spend", " in the last 30 days", "in the reference month"),
        SERVICE_FEES(
                "SERVICE_FEES_DROP", "Value-added service fees", " a month now", "30 days ago"),
        PLAN_FEE("PLAN_FEE_DROP", "Plan fee", " a month now", "30 days ago"),
        TOTAL("TOTAL_SPEND_DROP", "Latest bill", "", "the month before");

        private final String reasonCode;
        private final String label;
        private final String now;
        private final String reference;

        Measure(String reasonCode, String label, String now, String reference) {
            this.reasonCode = reasonCode;
            this.label = label;
            this.now = now;
            this.reference = reference;
        }

        public String reasonCode() {
            return reasonCode;
        }

        public String label() {
            return label;
        }

        /** How the current spend's period reads after the amount, with its leading space. */
        public String now() {
            return now;
        }

        public String reference() {
            return reference;
        }
    }

    /** Every measure at event time {@code now}; {@code profile} may be null. */
    public static List<ServiceSpend> of(
            SubscriberState state, SubscriberProfile profile, long now) {
        UsageCounters m1 = state.getMonth1();
        UsageCounters today = state.getToday();
        UsageCounters m2 = state.getMonth2();
        long monthAgo = now - Days.days(RollingUsage.MONTH_DAYS);
        List<Long> bills = state.getRecentBills();
        long billNow = bills.isEmpty() ? 0 : bills.get(bills.size() - 1);
        long billBefore = bills.size() < 2 ? 0 : bills.get(bills.size() - 2);
        Long profileFee = profile == null ? null : profile.getPlanMonthlyFeeMinor();
        return List.of(
                new ServiceSpend(
                        Measure.VOICE,
                        m1.getCallChargeMinor() + today.getCallChargeMinor(),
                        m2.getCallChargeMinor()),
                new ServiceSpend(
                        Measure.SMS,
                        m1.getSmsChargeMinor() + today.getSmsChargeMinor(),
                        m2.getSmsChargeMinor()),
                new ServiceSpend(
                        Measure.DATA,
                        m1.getDataChargeMinor() + today.getDataChargeMinor(),
                        m2.getDataChargeMinor()),
                new ServiceSpend(
                        Measure.SERVICE_FEES,
                        serviceFeesAt(state, now),
                        serviceFeesAt(state, monthAgo)),
                new ServiceSpend(
                        Measure.PLAN_FEE,
                        planFeeAt(state, profileFee, now),
                        planFeeAt(state, profileFee, monthAgo)),
                new ServiceSpend(Measure.TOTAL, billNow, billBefore));
    }

    /** The monthly fees of the value-added services subscribed at {@code time}. */
    static long serviceFeesAt(SubscriberState state, long time) {
        long fees = 0;
        for (ServiceSubscription s : state.getServices()) {
            if (s.getSince() <= time && (s.getUntil() == null || s.getUntil() > time)) {
                fees += s.getFeeMinor();
            }
        }
        return fees;
    }

    /**
     * The plan fee in force at {@code time}: the new fee of the latest change by then, else the fee
     * before the first change after it, else the profile's (0 when none is known).
     */
    static long planFeeAt(SubscriberState state, Long profileFee, long time) {
        Long fee = null;
        for (PlanChange change : state.getPlanChanges()) {
            if (change.getTime() <= time) {
                fee = change.getFeeAfterMinor();
            } else {
                if (fee == null) {
                    fee = change.getFeeBeforeMinor();
                }
                break;
            }
        }
        if (fee == null) {
            fee = profileFee;
        }
        return fee == null ? 0 : fee;
    }
}
