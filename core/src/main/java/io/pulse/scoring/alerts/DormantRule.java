package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.EventType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.config.ScoringConfig.Dormant;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.SubscriberFacts;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.util.List;

/**
 * DORMANT: no call in either direction for a month (a "zero-count user"); escalated to HIGH when
 * there has been neither a call nor a bill for three months (passive churn). Resolved by a call.
 */
final class DormantRule extends BasicRule {
    static final String CALLS_RESUMED = "CALLS_RESUMED";

    private final Dormant config;

    DormantRule(Dormant config) {
        super(AlertType.DORMANT, Route.RETENTION_TEAM, null);
        this.config = config;
    }

    @Override
    public long dueTime(SubscriberState state, SubscriberProfile profile, OpenEpisode open) {
        if (state.getStatus() != SubscriberStatus.ACTIVE) {
            return Long.MAX_VALUE;
        }
        if (open == null) {
            return lastCall(state) + Days.days(config.noCallDays());
        }
        return open.getSeverity() == Severity.MEDIUM
                ? passiveSince(state) + Days.days(config.passiveChurnDays())
                : Long.MAX_VALUE;
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        SubscriberState state = c.state();
        if (state.getStatus() != SubscriberStatus.ACTIVE) {
            return Finding.clear(state.getStatus().name(), () -> reasons(c));
        }
        if (open != null
                && AlertEngine.isEvent(c, EventType.VOICE_CALL)
                && c.now() > open.getStart()) {
            return Finding.clear(CALLS_RESUMED, () -> reasons(c));
        }
        if (c.now() >= passiveSince(state) + Days.days(config.passiveChurnDays())) {
            return Finding.raise(Severity.HIGH, lastCall(state), () -> reasons(c));
        }
        if (c.now() >= lastCall(state) + Days.days(config.noCallDays())) {
            return Finding.raise(Severity.MEDIUM, lastCall(state), () -> reasons(c));
        }
        return Finding.hold();
    }

    private List<Reason> reasons(AlertContext c) {
        long days = Math.max(0, (c.now() - lastCall(c.state())) / Days.MILLIS_PER_DAY);
        long passiveDays = Math.max(0, (c.now() - passiveSince(c.state())) / Days.MILLIS_PER_DAY);
        return List.of(
                Reasons.of(
                        "NO_CALLS",
                        (double) days,
                        (double) config.noCallDays(),
                        null,
                        "No call made or received for %d days (zero-count user from %d days)",
                        days,
                        config.noCallDays()),
                Reasons.of(
                        "NO_CALLS_OR_BILLS",
                        (double) passiveDays,
                        (double) config.passiveChurnDays(),
                        null,
                        "No call and no bill for %d days (passive churn from %d days)",
                        passiveDays,
                        config.passiveChurnDays()));
    }

    private static long lastCall(SubscriberState state) {
        return SubscriberFacts.silentSince(state, state.getLastCallTime());
    }

    private static long passiveSince(SubscriberState state) {
        long since = lastCall(state);
        return state.getLastBillTime() != null ? Math.max(since, state.getLastBillTime()) : since;
    }
}
