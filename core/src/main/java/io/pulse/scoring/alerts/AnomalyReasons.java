package io.pulse.scoring.alerts;

import io.pulse.schema.Reason;
import io.pulse.scoring.anomaly.Anomaly;
import io.pulse.scoring.anomaly.AnomalyScorer;
import io.pulse.scoring.anomaly.Attribution;
import io.pulse.scoring.anomaly.DailyBaselines;
import io.pulse.scoring.anomaly.Direction;
import io.pulse.scoring.anomaly.Measure;
import io.pulse.scoring.anomaly.Shortfall;
import io.pulse.state.SubscriberState;

import java.util.ArrayList;
import java.util.List;

/**
 * The anomaly attribution of a moment as evidence: the measures far above their usual range today
 * (code {@code <MEASURE>_ABOVE_USUAL}) and those low on most of the last two weeks ({@code
 * <MEASURE>_SHORTFALL}), each against the subscriber's own rhythm.
 */
final class AnomalyReasons {
    /** Today's measures are listed from this many spreads above their median. */
    static final double ABOVE_FROM = 3.0;

    private AnomalyReasons() {}

    /** Every measure unusual at the moment of the state; empty without baselines. */
    static List<Reason> of(SubscriberState state) {
        DailyBaselines baselines = DailyBaselines.decode(state.getAnomalyBaselines());
        List<Reason> reasons = new ArrayList<>();
        if (baselines.day() != state.getCurrentDay()) {
            return reasons;
        }
        Anomaly today =
                AnomalyScorer.score(state.getToday(), state.getCurrentDay(), false, baselines);
        for (Attribution a : today.attributions()) {
            if (a.direction() == Direction.UP && a.deviation() >= ABOVE_FROM) {
                reasons.add(
                        Reasons.of(
                                a.measure().name() + "_ABOVE_USUAL",
                                a.value(),
                                a.usualHigh(),
                                a.expected(),
                                "%s (%.1f spreads above the usual)",
                                a.text("today"),
                                a.deviation()));
            }
        }
        for (Measure measure : Measure.values()) {
            Shortfall f = baselines.shortfall(measure);
            if (f != null) {
                reasons.add(shortfall(f));
            }
        }
        return reasons;
    }

    static Reason shortfall(Shortfall f) {
        return Reasons.of(
                f.measure().name() + "_SHORTFALL",
                f.value(),
                f.usualLow(),
                f.expected(),
                "%s",
                capitalized(f.text()));
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
