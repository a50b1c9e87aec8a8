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
        List<double[]> parts = new ArrayList<>();
        List<Measure> measures = new ArrayList<>();
        double sum = 0;
        for (Measure measure : watched) {
            Baseline baseline = baselines.of(measure, dayClass);
            double value = measure.of(day);
            if (baseline == null || Double.isNaN(value)) {
                continue;
            }
            double deviation = baseline.deviation(measure, value);
            if (!complete && deviation < 0) {
                continue;
            }
            sum += deviation * deviation;
            parts.add(new double[] {value, deviation});
            measures.add(measure);
        }
        if (sum == 0) {
            return Anomaly.NONE;
        }
        List<Attribution> attributions = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            double value = parts.get(i)[0];
            double deviation = parts.get(i)[1];
            if (Math.abs(deviation) < LISTED_FROM) {
                continue;
            }
            Baseline b = baselines.of(measures.get(i), dayClass);
            attributions.add(
                    new Attribution(
                            measures.get(i),
                            value,
                            b.median(),
                            b.low(),
                            b.high(),
                            deviation,
                            deviation * deviation / sum));
        }
        attributions.sort(Comparator.comparingDouble(Attribution::share).reversed());
        return new Anomaly(Math.sqrt(sum), attributions);
    }
}
