package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.ChurnCause;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.config.ScoringConfig.RepairOverdue;
import io.pulse.scoring.usage.Days;
import io.pulse.state.OpenEpisode;
import io.pulse.state.OpenFault;
import io.pulse.state.SubscriberState;

import java.util.Arrays;
import java.util.List;

/**
 * REPAIR_OVERDUE: a fault not cleared by its committed repair time. Raised by the timer at the
 * committed time, HIGH when a second repair falls overdue, resolved when no overdue fault is left.
 */
final class RepairOverdueRule extends BasicRule {
    static final String REPAIRED = "REPAIRED";

    private final RepairOverdue config;

    RepairOverdueRule(RepairOverdue config) {
        super(AlertType.REPAIR_OVERDUE, Route.NETWORK_OPERATIONS, config.action());
        this.config = config;
    }

    @Override
    public boolean actedOnByItsTeam() {
        return true;
    }

    @Override
    public long dueTime(SubscriberState state, SubscriberProfile profile, OpenEpisode open) {
        long[] commits = commitTimes(state);
        int next = open == null ? 0 : open.getSeverity() == Severity.MEDIUM ? 1 : commits.length;
        return next < commits.length ? commits[next] : Long.MAX_VALUE;
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        long[] commits = commitTimes(c.state());
        int overdue = 0;
        while (overdue < commits.length && commits[overdue] <= c.now()) {
            overdue++;
        }
        if (overdue == 0) {
            return Finding.clear(REPAIRED, List::of);
        }
        long oldest = commits[0];
        int count = overdue;
        return Finding.raise(
                count >= 2 ? Severity.HIGH : Severity.MEDIUM,
                oldest,
                () -> reasons(c, oldest, count));
    }

    private List<Reason> reasons(AlertContext c, long oldest, int count) {
        long hours = (c.now() - oldest) / Days.MILLIS_PER_HOUR;
        Reason reason =
                Reasons.of(
                        "REPAIR_PAST_COMMITTED_TIME",
                        (double) hours,
                        0.0,
                        null,
                        "%d repair(s) past the committed time, the oldest by %d hours",
                        count,
                        hours);
        reason.setCause(ChurnCause.DISAPPOINTMENT);
        return List.of(reason);
    }

    private static final long[] NONE = {};

    /**
     * Committed repair times of the open faults, earliest first; asked on every event, mostly with
     * none.
     */
    private static long[] commitTimes(SubscriberState state) {
        List<OpenFault> faults = state.getOpenFaults();
        if (faults.isEmpty()) {
            return NONE;
        }
        long[] times = new long[faults.size()];
        int n = 0;
        for (OpenFault fault : faults) {
            if (fault.getCommitTime() != null) {
                times[n++] = fault.getCommitTime();
            }
        }
        long[] sorted = Arrays.copyOf(times, n);
        Arrays.sort(sorted);
        return sorted;
    }
}
