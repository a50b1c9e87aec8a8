package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.EventType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.scoring.config.ScoringConfig.BillShock;
import io.pulse.scoring.scores.SatisfactionModel;
import io.pulse.state.OpenEpisode;

import java.util.List;

/**
 * BILL_SHOCK: a bill far above the subscriber's usual bill, the mean of the last bills before it
 * (one case of the source: a 140-a-month plan billed 2,000). Judged when a bill arrives; the next
 * normal bill resolves it.
 */
final class BillShockRule extends BasicRule {
    static final String NEXT_BILL_NORMAL = "NEXT_BILL_NORMAL";

    private final BillShock config;

    BillShockRule(BillShock config) {
        super(AlertType.BILL_SHOCK, Route.CARE_CENTRE, config.action());
        this.config = config;
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        if (!AlertEngine.isEvent(c, EventType.BILL)) {
            return Finding.hold();
        }
        long amount = c.event().getAmountMinor();
        // the bill was recorded already: the usual one is that of the bills before it
        List<Long> bills = c.state().getRecentBills();
        long usual =
                SatisfactionModel.usualBillMinor(bills.subList(0, Math.max(0, bills.size() - 1)));
        if (SatisfactionModel.isBillShock(amount, usual, config)) {
            Severity severity =
                    amount > 2 * config.ratio() * usual ? Severity.HIGH : Severity.MEDIUM;
            return Finding.raise(severity, c.now(), () -> reasons(amount, usual));
        }
        return Finding.clear(NEXT_BILL_NORMAL, () -> reasons(amount, usual));
    }

    private List<Reason> reasons(long amount, long usual) {
        return List.of(
                Reasons.of(
                        "BILL_ABOVE_USUAL",
                        amount / 100.0,
                        config.ratio() * usual / 100.0,
                        usual / 100.0,
                        "Bill of %.2f yuan against a usual %.2f a month (alert above %.1f times)",
                        amount / 100.0,
                        usual / 100.0,
                        config.ratio()));
    }
}
