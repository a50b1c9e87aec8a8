package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.scoring.anomaly.Anomaly;
import io.pulse.scoring.anomaly.AnomalyScorer;
import io.pulse.scoring.anomaly.Attribution;
import io.pulse.scoring.anomaly.DailyBaselines;
import io.pulse.scoring.anomaly.Direction;
import io.pulse.scoring.anomaly.Measure;
import io.pulse.scoring.config.ScoringConfig.UsageSpike;
import io.pulse.state.OpenEpisode;
import io.pulse.state.ServiceSubscription;
import io.pulse.state.SubscriberState;
import io.pulse.state.UsageCounters;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * USAGE_SPIKE: today far above the subscriber's own rhythm (fraud, or a bill shock in the making):
 * the anomaly score of today's counts so far over the watched measures, against the baselines of
 * the same kind of day, reaches the configured score, and one of those measures is above its usual
 * range by a material amount (its least excess: a light user's 20 minutes are many spreads above
 * their nothing, and no spike). A measure without enough history, or not watched, takes no part, so
 * a new subscriber's first busy day is no spike; nor does a measure ignored for a service the
 * subscriber holds (roaming minutes with a roaming package). The score that raises can differ by
 * segment, and a measure can raise alone from a score of its own (a surge of data, which is many
 * times the usual long before it is many spreads above a series as erratic as a day's data). The
 * evidence names the measures that drive the score. Resolved on a later day back under it.
 */
final class UsageSpikeRule extends BasicRule {
    static final String USAGE_NORMAL = "USAGE_NORMAL";

    /** HIGH from this many times the score that raises (on a log scale: a far larger day). */
    static final double HIGH_FACTOR = 1.5;

    private final UsageSpike config;
    private final Map<Measure, Double> minExcess = new EnumMap<>(Measure.class);
    private final Map<Measure, Double> ownMinScore = new EnumMap<>(Measure.class);
    private final Map<Measure, List<String>> ignoredWithService = new EnumMap<>(Measure.class);

    UsageSpikeRule(UsageSpike config) {
        super(AlertType.USAGE_SPIKE, Route.CARE_CENTRE, config.action());
        this.config = config;
        config.minExcess()
                .forEach((name, excess) -> minExcess.put(Measure.ofConfigName(name), excess));
        config.minScoreByMeasure()
                .forEach((name, score) -> ownMinScore.put(Measure.ofConfigName(name), score));
        config.ignoredWithService()
                .forEach(
                        (name, services) ->
                                ignoredWithService.put(Measure.ofConfigName(name), services));
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        SubscriberState state = c.state();
        if (open == null && !reachesAnExcess(state.getToday())) {
            return Finding.hold(); // nothing open and nothing material today: no need to score
        }
        DailyBaselines baselines = DailyBaselines.decode(state.getAnomalyBaselines());
        if (baselines.day() != state.getCurrentDay()) {
            return Finding.hold(); // the baselines of another day: not before the day's first event
        }
        Anomaly today =
                AnomalyScorer.score(
                        state.getToday(), state.getCurrentDay(), false, baselines, watched(state));
        double minScore = config.minScore(c.segment());
        double reached = 0; // how many times its least score the largest raising test reached
        if (today.score() >= minScore && material(today)) {
            reached = today.score() / minScore;
        }
        for (Attribution a : today.attributions()) {
            if (a.direction() == Direction.UP
                    && isMaterial(a)
                    && a.deviation() >= leastScore(a.measure(), minScore)) {
                reached = Math.max(reached, a.deviation() / leastScore(a.measure(), minScore));
            }
        }
        if (reached >= 1) {
            Severity severity = reached >= HIGH_FACTOR ? Severity.HIGH : Severity.MEDIUM;
            return Finding.raise(severity, c.now(), () -> reasons(today, minScore));
        }
        return Finding.clear(USAGE_NORMAL, () -> reasons(today, minScore));
    }

    /**
     * The score at which a measure raises alone: its own (min-score-by-measure), else the score.
     */
    private double leastScore(Measure measure, double minScore) {
        return Math.min(minScore, ownMinScore.getOrDefault(measure, minScore));
    }

    /** The watched measures less those ignored for a service the subscriber holds. */
    private Set<Measure> watched(SubscriberState state) {
        if (ignoredWithService.isEmpty()) {
            return minExcess.keySet();
        }
        Set<Measure> watched = EnumSet.copyOf(minExcess.keySet());
        ignoredWithService.forEach(
                (measure, services) -> {
                    for (ServiceSubscription s : state.getServices()) {
                        if (s.getUntil() == null && services.contains(s.getCode())) {
                            watched.remove(measure);
                        }
                    }
                });
        return watched;
    }

    /**
     * Whether a watched measure is at least its least excess today: without that, nothing can be
     * material (an excess is over a usual range that is never below zero).
     */
    private boolean reachesAnExcess(UsageCounters today) {
        for (Map.Entry<Measure, Double> e : minExcess.entrySet()) {
            if (e.getKey().of(today) >= e.getValue()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a measure that drives the score is above its usual range by its least excess. */
    private boolean material(Anomaly today) {
        for (Attribution a : today.attributions()) {
            if (a.direction() == Direction.UP && isMaterial(a)) {
                return true;
            }
        }
        return false;
    }

    private boolean isMaterial(Attribution a) {
        return a.value() - Math.max(a.expected(), a.usualHigh()) >= minExcess.get(a.measure());
    }

    /**
     * Each measure that drives the score, largest share first: today's value, the level its own
     * deviation would alone reach the score at, and the usual value.
     */
    private List<Reason> reasons(Anomaly today, double minScore) {
        List<Reason> reasons = new ArrayList<>();
        for (Attribution a : today.attributions()) {
            if (a.direction() != Direction.UP) {
                continue;
            }
            double from = leastScore(a.measure(), minScore);
            reasons.add(
                    Reasons.of(
                            a.measure().name() + "_SPIKE",
                            a.value(),
                            a.levelAt(from),
                            a.expected(),
                            "%s (%.0f%% of an anomaly score of %.1f; alert from %.0f)",
                            a.text("today"),
                            100 * a.share(),
                            today.score(),
                            from));
        }
        return reasons;
    }
}
