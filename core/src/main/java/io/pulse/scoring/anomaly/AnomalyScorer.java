package io.pulse.scoring.anomaly;

import io.pulse.state.UsageCounters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Scores a day of a subscriber against its baselines for that day's class. A day still going on
 * (today) can only be unusually high: its counts are not complete, so a low is no sign yet. A
 * measure without a baseline (too little history) takes no part; a measure within one spread of its
 * median is not listed.
 */
public final class AnomalyScorer {
    /** Attributions whose deviation is under this many spreads are left out of the list. */
    static final double LISTED_FROM = 1.0;

    private AnomalyScorer() {}

    public static Anomaly score(
            UsageCounters day, int epochDay, boolean complete, DailyBaselines baselines) {
        return score(day, epochDay, complete, baselines, EnumSet.allOf(Measure.class));
    }

    /** The score over {@code watched} measures only: the others are suppressed. */
    public static Anomaly score(
            UsageCounters day,
            int epochDay,
            boolean complete,
            DailyBaselines baselines,
            Set<Measure> watched) {
        DayClass dayClass = DayClass.of(epochDay);
        double[] deviations = new double[Measure.values().length];
        double sum = 0;
        for (Measure measure : watched) {
            deviations[measure.ordinal()] = deviation(measure, day, dayClass, complete, baselines);
            sum += deviations[measure.ordinal()] * deviations[measure.ordinal()];
        }
        if (sum == 0) {
            return Anomaly.NONE;
        }
        List<Attribution> attributions = new ArrayList<>();
        for (Measure measure : watched) {
            double deviation = deviations[measure.ordinal()];
            if (Math.abs(deviation) >= LISTED_FROM) {
                Baseline b = baselines.of(measure, dayClass);
                attributions.add(
                        new Attribution(
                                measure,
                                measure.of(day),
                                b.median(),
                                b.low(),
                                b.high(),
                                deviation,
                                deviation * deviation / sum));
            }
        }
        attributions.sort(Comparator.comparingDouble(Attribution::share).reversed());
        return new Anomaly(Math.sqrt(sum), attributions);
    }

    /**
     * A measure's deviation in spreads; 0 where it takes no part (no baseline, not defined that
     * day, or below its median on a day still going on).
     */
    private static double deviation(
            Measure measure,
            UsageCounters day,
            DayClass dayClass,
            boolean complete,
            DailyBaselines baselines) {
        Baseline baseline = baselines.of(measure, dayClass);
        double value = measure.of(day);
        if (baseline == null || Double.isNaN(value)) {
            return 0;
        }
        double deviation = baseline.deviation(measure, value);
        return !complete && deviation < 0 ? 0 : deviation;
    }
}
