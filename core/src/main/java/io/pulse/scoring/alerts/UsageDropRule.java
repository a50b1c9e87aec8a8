package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.config.ScoringConfig.UsageDrop;
import io.pulse.scoring.usage.RollingUsage;
import io.pulse.scoring.usage.UsageMath;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.util.List;

/**
 * USAGE_DROP: traffic falls sharply while still subscribed (latent churn): outgoing minutes plus
 * messages of the last 30 days below a share of the prior 60 days' monthly average. Needs three
 * months of history and a baseline large enough to judge; cleared from a higher share.
 */
final class UsageDropRule extends BasicRule {
    static final String USAGE_RECOVERED = "USAGE_RECOVERED";

    private final UsageDrop config;

    UsageDropRule(UsageDrop config) {
        super(AlertType.USAGE_DROP, Route.RETENTION_TEAM, null);
        this.config = config;
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        SubscriberState state = c.state();
        if (state.getStatus() != SubscriberStatus.ACTIVE) {
            return Finding.clear(state.getStatus().name(), () -> reasons(c));
        }
        int observed = RollingUsage.observedDays(state);
        double prior = prior(state);
        if (observed < RollingUsage.WINDOW_DAYS || prior < config.minPriorMonthlyTraffic()) {
            return Finding.hold();
        }
        double ratio = last30(state) / prior;
        if (ratio < config.ratio()) {
            Severity severity = ratio < config.ratio() / 2 ? Severity.HIGH : Severity.MEDIUM;
            return Finding.raise(severity, c.now(), () -> reasons(c));
        }
        return ratio >= config.clearRatio()
                ? Finding.clear(USAGE_RECOVERED, () -> reasons(c))
                : Finding.hold();
    }

    private List<Reason> reasons(AlertContext c) {
        double last30 = last30(c.state());
        double prior = prior(c.state());
        return List.of(
                Reasons.of(
                        "TRAFFIC_DROP",
                        last30,
                        config.ratio() * prior,
                        prior,
                        "Outgoing minutes and messages in the last 30 days: %.0f, against %.0f a month before "
                                + "(alert below %.0f%%)",
                        last30,
                        prior,
                        100 * config.ratio()));
    }

    private static double last30(SubscriberState state) {
        return UsageMath.outgoingTraffic(state.getMonth1())
                + UsageMath.outgoingTraffic(state.getToday());
    }

    private static double prior(SubscriberState state) {
        return (UsageMath.outgoingTraffic(state.getMonth2())
                        + UsageMath.outgoingTraffic(state.getMonth3()))
                / 2;
    }
}
