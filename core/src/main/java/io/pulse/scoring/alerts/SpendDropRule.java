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

import java.util.ArrayList;
import java.util.List;

/**
 * SPEND_DROP (key accounts): call spend down by the service threshold (source: 20%) in the last
 * 30 days against the reference month (the 30 days before), or the latest bill down by the total
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
        double calls = drop(state.getMonth1().getCallChargeMinor() + state.getToday().getCallChargeMinor(),
                state.getMonth2().getCallChargeMinor());
        // bills are monthly: the latest bill against the one before (30-day windows may hold 0 or 2)
        List<Long> bills = state.getRecentBills();
        double total = bills.size() < 2 ? 0 : drop(bills.get(bills.size() - 1), bills.get(bills.size() - 2));
        boolean callsDropped = calls >= config.serviceDrop();
        boolean totalDropped = total >= config.totalDrop();
        if (callsDropped || totalDropped) {
            Severity severity = callsDropped && totalDropped ? Severity.HIGH : Severity.MEDIUM;
            return Finding.raise(severity, c.now(), () -> reasons(calls, total));
        }
        boolean recovered = calls < config.serviceDrop() * config.clearFactor()
                && total < config.totalDrop() * config.clearFactor();
        return recovered ? Finding.clear(SPEND_RECOVERED, () -> reasons(calls, total)) : Finding.hold();
    }

    /** The relative fall from the reference month, 0 when the reference is too small to judge. */
    private double drop(long currentMinor, long referenceMinor) {
        if (referenceMinor < config.minReferenceYuan() * 100) {
            return 0;
        }
        return 1.0 - (double) currentMinor / referenceMinor;
    }

    private List<Reason> reasons(double calls, double total) {
        List<Reason> reasons = new ArrayList<>(2);
        reasons.add(Reasons.of("CALL_SPEND_DROP", calls, config.serviceDrop(), 0.0,
                "Call spend %+.0f%% against the reference month (alert from -%.0f%%)", -100 * calls,
                100 * config.serviceDrop()));
        reasons.add(Reasons.of("TOTAL_SPEND_DROP", total, config.totalDrop(), 0.0,
                "Latest bill %+.0f%% against the one before (alert from -%.0f%%)", -100 * total,
                100 * config.totalDrop()));
        reasons.sort((a, b) -> Double.compare(b.getMeasured() / b.getThreshold(), a.getMeasured() / a.getThreshold()));
        return reasons;
    }
}
