package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.scoring.config.ScoringConfig.ChurnRisk;
import io.pulse.scoring.usage.RollingUsage;
import io.pulse.state.OpenEpisode;

import java.util.ArrayList;
import java.util.List;

/**
 * CHURN_RISK: the combined churn probability reaches the band's threshold. It clears only below a
 * share of it (hysteresis), so a probability hovering at the threshold raises one episode. The
 * reasons are the churn model's own, then the anomaly attribution of the same moment (measures far
 * above the subscriber's own rhythm today, or low on most of the last two weeks). Nothing is raised
 * while the job has seen the subscriber for fewer days than the model needs: usage totals and
 * trends of a few days read as a collapse.
 */
final class ChurnRiskRule extends BasicRule {
    static final String RISK_FELL = "RISK_FELL";

    private final ChurnRisk config;
    private final double threshold;

    ChurnRiskRule(ChurnRisk config, double threshold) {
        super(AlertType.CHURN_RISK, Route.RETENTION_TEAM, null);
        this.config = config;
        this.threshold = threshold;
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        double p = c.scores().churnProbability();
        if (p >= threshold && RollingUsage.observedDays(c.state()) >= config.minObservedDays()) {
            Severity severity =
                    p >= config.highFactor() * threshold ? Severity.HIGH : Severity.MEDIUM;
            return Finding.raise(severity, c.now(), () -> reasons(c, p));
        }
        return p < clearBelow() ? Finding.clear(RISK_FELL, () -> reasons(c, p)) : Finding.hold();
    }

    private double clearBelow() {
        return config.clearFactor() * threshold;
    }

    /**
     * The probability against the threshold, the churn model's own reasons, then the anomaly
     * attribution.
     */
    private List<Reason> reasons(AlertContext c, double p) {
        List<Reason> reasons = new ArrayList<>();
        reasons.add(
                Reasons.of(
                        "CHURN_PROBABILITY",
                        p,
                        threshold,
                        null,
                        "Churn probability %.0f%% (alert from %.0f%%, cleared below %.0f%%)",
                        100 * p,
                        100 * threshold,
                        100 * clearBelow()));
        reasons.addAll(c.scores().churn().reasons());
        reasons.addAll(AnomalyReasons.of(c.state()));
        return reasons;
    }
}
