package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.Severity;
import io.pulse.scoring.config.ScoringConfig.SpendDrop;
import io.pulse.scoring.usage.RollingUsage;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.util.List;

/**
 * SPEND_DROP (key accounts): call spend down by the service threshold (source: 20%) in the last 30
 * days against the reference month (the 30 days before), or the latest bill down by the total
 * threshold (source: 10%) against the bill before. Cleared once both drops are well under their
 * thresholds.
 */
final class SpendDropRule extends BasicRule {
    static final String SPEND_RECOVERED = "SPEND_RECOVERED";

    private final SpendDrop config;

    SpendDropRule(SpendDrop config) {
        super(AlertType.SPEND_DROP, Route.ACCOUNT_MANAGER, null);
        this.config = config;
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        SubscriberState state = c.state();
        int observed = RollingUsage.observedDays(state);
        if (c.segment() != Segment.KEY_ACCOUNT || observed < 2 * RollingUsage.MONTH_DAYS) {
            return Finding.hold();
        }
        long callsNow =
                state.getMonth1().getCallChargeMinor() + state.getToday().getCallChargeMinor();
        long callsBefore = state.getMonth2().getCallChargeMinor();
        // bills are monthly: the latest bill against the one before (30-day windows may hold 0 or
        // 2)
        List<Long> bills = state.getRecentBills();
        long billNow = bills.isEmpty() ? 0 : bills.get(bills.size() - 1);
        long billBefore = bills.size() < 2 ? 0 : bills.get(bills.size() - 2);
        double calls = drop(callsNow, callsBefore);
        double total = drop(billNow, billBefore);
        boolean callsDropped = calls >= config.serviceDrop();
        boolean totalDropped = total >= config.totalDrop();
        Spend spend = new Spend(callsNow, callsBefore, calls, billNow, billBefore, total);
        if (callsDropped || totalDropped) {
            Severity severity = callsDropped && totalDropped ? Severity.HIGH : Severity.MEDIUM;
            return Finding.raise(severity, c.now(), () -> reasons(spend));
        }
        boolean recovered =
                calls < config.serviceDrop() * config.clearFactor()
                        && total < config.totalDrop() * config.clearFactor();
        return recovered ? Finding.clear(SPEND_RECOVERED, () -> reasons(spend)) : Finding.hold();
    }

    /** Spend now and in the reference, in minor units, and the relative drops. */
    private record Spend(
            long callsNow,
            long callsBefore,
            double callsDrop,
            long billNow,
            long billBefore,
            double billDrop) {}

    /** The relative fall from the reference month, 0 when the reference is too small to judge. */
    private double drop(long currentMinor, long referenceMinor) {
        if (referenceMinor < config.minReferenceYuan() * 100) {
            return 0;
        }
        return 1.0 - (double) currentMinor / referenceMinor;
    }

    /**
     * Evidence in yuan, as for the other rules: the spend measured, the spend below which the alert
     * is raised, and the reference (the subscriber's own baseline); strongest drop first, the bills
     * only when there are two to compare.
     */
    private List<Reason> reasons(Spend spend) {
        Reason calls =
                Reasons.of(
                        "CALL_SPEND_DROP",
                        yuan(spend.callsNow()),
                        (1 - config.serviceDrop()) * yuan(spend.callsBefore()),
                        yuan(spend.callsBefore()),
                        "Call spend %.2f yuan in the last 30 days, %+.0f%% against %.2f in the reference month (alert from -%.0f%%)",
                        yuan(spend.callsNow()),
                        -100 * spend.callsDrop(),
                        yuan(spend.callsBefore()),
                        100 * config.serviceDrop());
        Reason total =
                Reasons.of(
                        "TOTAL_SPEND_DROP",
                        yuan(spend.billNow()),
                        (1 - config.totalDrop()) * yuan(spend.billBefore()),
                        yuan(spend.billBefore()),
                        "Latest bill %.2f yuan, %+.0f%% against %.2f the month before (alert from -%.0f%%)",
                        yuan(spend.billNow()),
                        -100 * spend.billDrop(),
                        yuan(spend.billBefore()),
                        100 * config.totalDrop());
        if (spend.billBefore() == 0) {
            return List.of(calls); // fewer than two bills: nothing to compare
        }
        boolean callsFirst =
                spend.callsDrop() / config.serviceDrop() >= spend.billDrop() / config.totalDrop();
        return callsFirst ? List.of(calls, total) : List.of(total, calls);
    }

    private static double yuan(long minor) {
        return minor / 100.0;
    }
}
