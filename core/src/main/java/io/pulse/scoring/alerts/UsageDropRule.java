package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.anomaly.DailyBaselines;
import io.pulse.scoring.anomaly.Measure;
import io.pulse.scoring.anomaly.Shortfall;
import io.pulse.scoring.config.ConfigException;
import io.pulse.scoring.config.ScoringConfig.UsageDrop;
import io.pulse.scoring.usage.RollingUsage;
import io.pulse.scoring.usage.UsageMath;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * USAGE_DROP: traffic falls sharply while still subscribed (latent churn), by either of two tests.
 * The source's: outgoing minutes plus messages of the last 30 days below a share of the prior 60
 * days' monthly average, with three months of history and a baseline large enough to judge. And
 * against the subscriber's own rhythm, which sees a collapse within two weeks instead of a month: a
 * watched measure low on most of the last {@link DailyBaselines#RECENT_DAYS} sealed days (each
 * scored against the baseline of its kind of day) and short of its expected total by a material
 * amount (its least shortfall: a light user's missing 10 minutes are no drop). Cleared when neither
 * test holds any more: the ratio from a higher share, the measures no longer low on half the days.
 * Not raised while the line's silence is alerted (ZERO_ACTIVITY or DORMANT open): a silent line's
 * traffic has dropped, and the silence is the retention team's case already.
 */
final class UsageDropRule extends BasicRule {
    static final String USAGE_RECOVERED = "USAGE_RECOVERED";

    private final UsageDrop config;
    private final Map<Measure, Double> minShortfall = new EnumMap<>(Measure.class);

    UsageDropRule(UsageDrop config) {
        super(AlertType.USAGE_DROP, Route.RETENTION_TEAM, null);
        this.config = config;
        config.minShortfall()
                .forEach((name, amount) -> minShortfall.put(Measure.ofConfigName(name), amount));
        int half = (DailyBaselines.RECENT_DAYS + 1) / 2;
        checkLowDays("alerts.usage-drop.low-days", config.lowDays(), half);
        config.lowDaysBySegment()
                .forEach(
                        (segment, days) ->
                                checkLowDays(
                                        "alerts.usage-drop.low-days-by-segment." + segment,
                                        days,
                                        half));
    }

    private static void checkLowDays(String key, int days, int half) {
        if (days < half || days > DailyBaselines.RECENT_DAYS) {
            throw new ConfigException(
                    key
                            + " must be between "
                            + half
                            + " and "
                            + DailyBaselines.RECENT_DAYS
                            + " (the sealed days judged), not "
                            + days);
        }
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        SubscriberState state = c.state();
        if (state.getStatus() != SubscriberStatus.ACTIVE) {
            return Finding.clear(state.getStatus().name(), () -> reasons(c, List.of()));
        }
        if (open == null && silenceIsAlerted(state)) {
            return Finding.hold();
        }
        List<Shortfall> shortfalls = shortfalls(state);
        int lowDays = config.lowDays(c.segment());
        boolean shortNow = false;
        for (Shortfall f : shortfalls) {
            shortNow |= f.lowDays() >= lowDays && f.missing() >= minShortfall.get(f.measure());
        }
        Double ratio = ratio(state);
        boolean ratioDrop = ratio != null && ratio < config.ratio();
        if (ratioDrop || shortNow) {
            boolean severe =
                    (ratio != null && ratio < config.ratio() / 2)
                            || (shortNow && shortfalls.size() > 1);
            return Finding.raise(
                    severe ? Severity.HIGH : Severity.MEDIUM,
                    c.now(),
                    () -> reasons(c, shortfalls));
        }
        // too young for the ratio, the shortfalls alone decide; too small a prior, it holds
        boolean ratioClear =
                ratio != null
                        ? ratio >= config.clearRatio()
                        : RollingUsage.observedDays(state) < RollingUsage.WINDOW_DAYS;
        return ratioClear && shortfalls.isEmpty()
                ? Finding.clear(USAGE_RECOVERED, () -> reasons(c, shortfalls))
                : Finding.hold();
    }

    /**
     * Whether the line's silence is the retention team's case already (ZERO_ACTIVITY or DORMANT
     * open): its traffic has dropped because it is silent, and one cause is one contact.
     */
    private static boolean silenceIsAlerted(SubscriberState state) {
        return AlertEngine.open(state, AlertType.ZERO_ACTIVITY) != null
                || AlertEngine.open(state, AlertType.DORMANT) != null;
    }

    /** The watched measures low on half the recent days or more. */
    private List<Shortfall> shortfalls(SubscriberState state) {
        ByteBuffer bytes = state.getAnomalyBaselines();
        if (!DailyBaselines.hasShortfalls(bytes)) {
            return List.of(); // read without decoding: most subscribers have none
        }
        DailyBaselines baselines = DailyBaselines.decode(bytes);
        List<Shortfall> shortfalls = new ArrayList<>();
        for (Measure measure : minShortfall.keySet()) {
            Shortfall f = baselines.shortfall(measure);
            if (f != null) {
                shortfalls.add(f);
            }
        }
        return shortfalls;
    }

    /** The last 30 days against the prior 60's monthly average; null while it cannot be judged. */
    private Double ratio(SubscriberState state) {
        double prior = prior(state);
        if (RollingUsage.observedDays(state) < RollingUsage.WINDOW_DAYS
                || prior < config.minPriorMonthlyTraffic()) {
            return null;
        }
        return last30(state) / prior;
    }

    private List<Reason> reasons(AlertContext c, List<Shortfall> shortfalls) {
        List<Reason> reasons = new ArrayList<>();
        for (Shortfall f : shortfalls) {
            reasons.add(AnomalyReasons.shortfall(f));
        }
        double last30 = last30(c.state());
        double prior = prior(c.state());
        reasons.add(
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
        return reasons;
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
