package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.scoring.config.ScoringConfig.UsageSpike;
import io.pulse.scoring.usage.RollingUsage;
import io.pulse.scoring.usage.UsageMath;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.util.List;

/**
 * USAGE_SPIKE: today's outgoing call minutes far above the subscriber's own daily average (fraud,
 * or a bill shock in the making). The average is over the sealed days of the last three months;
 * with less history than {@code baseline-days} it is at least a configured default, so a new
 * subscriber's first busy day is no spike. Resolved on a later day back under the threshold.
 */
final class UsageSpikeRule extends BasicRule {
    static final String USAGE_NORMAL = "USAGE_NORMAL";

    private final UsageSpike config;

    UsageSpikeRule(UsageSpike config) {
        super(AlertType.USAGE_SPIKE, Route.CARE_CENTRE, config.action());
        this.config = config;
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        SubscriberState state = c.state();
        double today = UsageMath.outgoingSec(state.getToday()) / 60.0;
        double baseline = dailyBaseline(state);
        double threshold = Math.max(config.ratio() * baseline, config.minDailyMinutes());
        if (today > threshold) {
            Severity severity = today > 2 * threshold ? Severity.HIGH : Severity.MEDIUM;
            return Finding.raise(severity, c.now(), () -> reasons(today, threshold, baseline));
        }
        return Finding.clear(USAGE_NORMAL, () -> reasons(today, threshold, baseline));
    }

    /** Outgoing call minutes per day before today. */
    double dailyBaseline(SubscriberState state) {
        // sealed days before today within the three months
        int days = Math.min(RollingUsage.WINDOW_DAYS, RollingUsage.observedDays(state)) - 1;
        long seconds =
                UsageMath.outgoingSec(state.getMonth1())
                        + UsageMath.outgoingSec(state.getMonth2())
                        + UsageMath.outgoingSec(state.getMonth3());
        double own = days > 0 ? seconds / 60.0 / days : 0;
        return days < config.baselineDays() ? Math.max(own, config.defaultDailyMinutes()) : own;
    }

    private List<Reason> reasons(double today, double threshold, double baseline) {
        return List.of(
                Reasons.of(
                        "CALL_MINUTES_SPIKE",
                        today,
                        threshold,
                        baseline,
                        "%.0f outgoing call minutes today against a usual %.0f a day (alert above %.0f)",
                        today,
                        baseline,
                        threshold));
    }
}
