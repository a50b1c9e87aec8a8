package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.config.ScoringConfig.ZeroActivity;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.SubscriberFacts;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.util.List;

/**
 * ZERO_ACTIVITY: several consecutive days without outgoing activity (calls, messages or data),
 * fewer for key accounts. Raised when the silence reaches the threshold in event time, resolved by
 * outgoing activity later than the silence began. A suspended subscriber is silent because service
 * is stopped (an arrears matter): that closes the episode with the status as outcome.
 */
final class ZeroActivityRule extends BasicRule {
    static final String ACTIVITY_RESUMED = "ACTIVITY_RESUMED";

    private final ZeroActivity config;

    ZeroActivityRule(ZeroActivity config) {
        super(AlertType.ZERO_ACTIVITY, Route.RETENTION_TEAM, null);
        this.config = config;
    }

    @Override
    public long dueTime(SubscriberState state, SubscriberProfile profile, OpenEpisode open) {
        if (state.getStatus() != SubscriberStatus.ACTIVE || open != null) {
            return Long.MAX_VALUE;
        }
        return silenceStart(state) + Days.days(threshold(SubscriberFacts.segment(profile)));
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        SubscriberState state = c.state();
        if (state.getStatus() != SubscriberStatus.ACTIVE) {
            return Finding.clear(state.getStatus().name(), () -> reasons(c));
        }
        if (open != null) {
            boolean resumed =
                    c.event() != null
                            && SubscriberFacts.isOutgoingActivity(c.event())
                            && c.now() > open.getStart();
            return resumed ? Finding.clear(ACTIVITY_RESUMED, () -> reasons(c)) : Finding.hold();
        }
        if (c.now() >= silenceStart(state) + Days.days(threshold(c.segment()))) {
            Severity severity =
                    c.segment() == Segment.KEY_ACCOUNT ? Severity.HIGH : Severity.MEDIUM;
            return Finding.raise(severity, silenceStart(state), () -> reasons(c));
        }
        return Finding.hold();
    }

    private List<Reason> reasons(AlertContext c) {
        long silentDays = Math.max(0, (c.now() - silenceStart(c.state())) / Days.MILLIS_PER_DAY);
        int threshold = threshold(c.segment());
        return List.of(
                Reasons.of(
                        "NO_OUTGOING_ACTIVITY",
                        (double) silentDays,
                        (double) threshold,
                        null,
                        "No outgoing calls, messages or data for %d days (alert from %d days)",
                        silentDays,
                        threshold));
    }

    private int threshold(Segment segment) {
        return config.silentDays().get(segment);
    }

    private static long silenceStart(SubscriberState state) {
        return SubscriberFacts.silentSince(state, state.getLastOutgoingTime());
    }
}
