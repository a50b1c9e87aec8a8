package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.config.ScoringConfig.ContractExpiry;
import io.pulse.scoring.usage.Days;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.util.List;

/**
 * CONTRACT_EXPIRY: the contract ends within the configured days: a renewal, with HIGH severity
 * while the subscriber is flagged as a likely churner. The episode starts when the window opens and
 * ends with the contract, or earlier when a new profile moves the end date out (renewed).
 */
final class ContractExpiryRule extends BasicRule {
    static final String CONTRACT_ENDED = "CONTRACT_ENDED";
    static final String RENEWED = "RENEWED";

    private final ContractExpiry config;

    ContractExpiryRule(ContractExpiry config) {
        super(AlertType.CONTRACT_EXPIRY, Route.RETENTION_TEAM, config.action());
        this.config = config;
    }

    @Override
    public long dueTime(SubscriberState state, SubscriberProfile profile, OpenEpisode open) {
        long end = contractEnd(profile);
        if (state.getStatus() != SubscriberStatus.ACTIVE || end == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return open != null ? end : windowStart(end);
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        long end = contractEnd(c.profile());
        if (end == Long.MAX_VALUE) {
            return Finding.clear(RENEWED, List::of);
        }
        if (c.now() >= end) {
            return Finding.clear(CONTRACT_ENDED, () -> reasons(c, end));
        }
        if (c.now() >= windowStart(end)) {
            Severity severity = c.scores().churn().flagged() ? Severity.HIGH : Severity.MEDIUM;
            return Finding.raise(severity, windowStart(end), () -> reasons(c, end));
        }
        return Finding.clear(RENEWED, () -> reasons(c, end));
    }

    private List<Reason> reasons(AlertContext c, long end) {
        long days = Math.max(0, (end - c.now()) / Days.MILLIS_PER_DAY);
        return List.of(
                Reasons.of(
                        "CONTRACT_ENDS",
                        (double) days,
                        (double) config.withinDays(),
                        null,
                        "The contract ends in %d days, on %s (renewal from %d days before)",
                        days,
                        c.profile().getContractEndDate(),
                        config.withinDays()));
    }

    private long windowStart(long end) {
        return end - Days.days(config.withinDays());
    }

    private static long contractEnd(SubscriberProfile profile) {
        if (profile == null || profile.getContractEndDate() == null) {
            return Long.MAX_VALUE;
        }
        return Days.startOfDay((int) profile.getContractEndDate().toEpochDay());
    }
}
