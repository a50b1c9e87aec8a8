package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.ChurnCause;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.config.ScoringConfig.Arrears;
import io.pulse.scoring.usage.Days;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;
import io.pulse.state.UnpaidBill;

import java.util.List;

/**
 * ARREARS: a bill unpaid past its due date, for collections; HIGH once the oldest is overdue for
 * the collections period (source: two months), where arrears followed by leaving is malicious
 * churn. Raised at the due date by the timer, resolved when no overdue bill is left.
 */
final class ArrearsRule extends BasicRule {
    static final String PAID = "PAID";
    static final String WRITTEN_OFF = "WRITTEN_OFF";

    private final Arrears config;

    ArrearsRule(Arrears config) {
        super(AlertType.ARREARS, Route.COLLECTIONS, config.action());
        this.config = config;
    }

    @Override
    public long dueTime(SubscriberState state, SubscriberProfile profile, OpenEpisode open) {
        long oldestDue = oldestDue(state);
        if (oldestDue == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        if (open == null) {
            return oldestDue;
        }
        if (open.getSeverity() == Severity.MEDIUM) {
            return oldestDue + Days.days(config.collectionsAfterDays());
        }
        return state.getStatus() == SubscriberStatus.TERMINATED
                ? writeOffTime(oldestDue)
                : Long.MAX_VALUE;
    }

    @Override
    public boolean outlivesTermination() {
        return true;
    }

    @Override
    public boolean actedOnByItsTeam() {
        return true;
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        long oldestDue = oldestDue(c.state());
        if (oldestDue > c.now()) {
            return Finding.clear(PAID, List::of);
        }
        if (c.state().getStatus() == SubscriberStatus.TERMINATED
                && c.now() >= writeOffTime(oldestDue)) {
            return open == null
                    ? Finding.hold()
                    : Finding.clear(WRITTEN_OFF, () -> reasons(c, oldestDue));
        }
        // a line suspended with bills overdue is suspended for arrears: a collections case at once
        boolean suspended = c.state().getStatus() == SubscriberStatus.SUSPENDED;
        Severity severity =
                suspended || c.now() >= oldestDue + Days.days(config.collectionsAfterDays())
                        ? Severity.HIGH
                        : Severity.MEDIUM;
        return Finding.raise(severity, oldestDue, () -> reasons(c, oldestDue));
    }

    private List<Reason> reasons(AlertContext c, long oldestDue) {
        int overdue = 0;
        long amount = 0;
        for (UnpaidBill bill : c.state().getUnpaidBills()) {
            if (bill.getDueTime() <= c.now()) {
                overdue++;
                amount += bill.getAmountMinor();
            }
        }
        long days = (c.now() - oldestDue) / Days.MILLIS_PER_DAY;
        Reason reason =
                Reasons.of(
                        "BILLS_OVERDUE",
                        (double) days,
                        (double) config.collectionsAfterDays(),
                        null,
                        "%d bill(s) of %.2f yuan unpaid, the oldest %d days past due (collections from %d days)",
                        overdue,
                        amount / 100.0,
                        days,
                        config.collectionsAfterDays());
        reason.setCause(ChurnCause.MALICIOUS);
        if (c.state().getStatus() != SubscriberStatus.SUSPENDED) {
            return List.of(reason);
        }
        Reason suspension =
                Reasons.of(
                        "SUSPENDED_WITH_ARREARS",
                        null,
                        null,
                        null,
                        "The line is suspended with the bills unpaid: suspended for arrears");
        suspension.setCause(ChurnCause.MALICIOUS);
        return List.of(suspension, reason);
    }

    private long writeOffTime(long oldestDue) {
        return oldestDue + Days.days(config.writeOffDays());
    }

    private static long oldestDue(SubscriberState state) {
        long oldest = Long.MAX_VALUE;
        for (UnpaidBill bill : state.getUnpaidBills()) {
            oldest = Math.min(oldest, bill.getDueTime());
        }
        return oldest;
    }
}
