package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.Severity;
import io.pulse.scoring.config.ScoringConfig.SpendDrop;
import io.pulse.scoring.usage.RollingUsage;
import io.pulse.scoring.usage.ServiceSpend;
import io.pulse.scoring.usage.ServiceSpend.Measure;
import io.pulse.state.OpenEpisode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SPEND_DROP (key accounts): any single service's monthly spend down by the service threshold
 * (source: 20%) against the reference month, or the latest bill down by the total threshold
 * (source: 10%) against the bill before. The services are those the events carry spend for (see
 * {@link ServiceSpend}): voice, SMS and data charges of the last 30 days against the 30 days
 * before, the monthly fees of value-added services and the plan fee now against 30 days ago.
 * Cleared once every drop is well under its threshold.
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
        int observed = RollingUsage.observedDays(c.state());
        if (c.segment() != Segment.KEY_ACCOUNT || observed < 2 * RollingUsage.MONTH_DAYS) {
            return Finding.hold();
        }
        List<Drop> drops = new ArrayList<>();
        for (ServiceSpend spend : ServiceSpend.of(c.state(), c.profile(), c.now())) {
            double threshold =
                    spend.measure() == Measure.TOTAL ? config.totalDrop() : config.serviceDrop();
            drops.add(new Drop(spend, drop(spend), threshold));
        }
        boolean serviceDropped = false;
        boolean totalDropped = false;
        boolean recovered = true;
        for (Drop d : drops) {
            if (d.share() >= d.threshold()) {
                serviceDropped |= d.spend().measure() != Measure.TOTAL;
                totalDropped |= d.spend().measure() == Measure.TOTAL;
            }
            recovered &= d.share() < d.threshold() * config.clearFactor();
        }
        if (serviceDropped || totalDropped) {
            Severity severity = serviceDropped && totalDropped ? Severity.HIGH : Severity.MEDIUM;
            return Finding.raise(severity, c.now(), () -> reasons(drops));
        }
        return recovered ? Finding.clear(SPEND_RECOVERED, () -> reasons(drops)) : Finding.hold();
    }

    /** A measure's relative fall and the fall that raises the alert. */
    private record Drop(ServiceSpend spend, double share, double threshold) {
        double strength() {
            return share / threshold;
        }
    }

    /** The relative fall from the reference, 0 when the reference is too small to judge. */
    private double drop(ServiceSpend spend) {
        if (spend.referenceMinor() < config.minReferenceYuan() * 100) {
            return 0;
        }
        return 1.0 - (double) spend.currentMinor() / spend.referenceMinor();
    }

    /**
     * Evidence in yuan, as for the other rules: the spend measured, the spend below which the alert
     * is raised, and the reference (the subscriber's own baseline); strongest drop first, only the
     * measures with a reference large enough to judge.
     */
    private List<Reason> reasons(List<Drop> drops) {
        List<Reason> reasons = new ArrayList<>();
        drops.stream()
                .filter(d -> d.spend().referenceMinor() >= config.minReferenceYuan() * 100)
                .sorted(Comparator.comparingDouble(Drop::strength).reversed())
                .forEach(d -> reasons.add(reason(d)));
        return reasons;
    }

    private static Reason reason(Drop d) {
        ServiceSpend s = d.spend();
        double now = yuan(s.currentMinor());
        double before = yuan(s.referenceMinor());
        return Reasons.of(
                s.measure().reasonCode(),
                now,
                (1 - d.threshold()) * before,
                before,
                "%s %.2f yuan%s, %+.0f%% against %.2f %s (alert from -%.0f%%)",
                s.measure().label(),
                now,
                s.measure().now(),
                -100 * d.share(),
                before,
                s.measure().reference(),
                100 * d.threshold());
    }

    private static double yuan(long minor) {
        return minor / 100.0;
    }
}
