package io.pulse.scoring.anomaly;

import io.pulse.scoring.usage.SubscriberHistory;
import io.pulse.state.UsageCounters;

import java.util.EnumMap;
import java.util.Map;

/**
 * A subscriber's baselines, per measure and day class, from the sealed days of the last {@link
 * #WINDOW_DAYS} days before a given day. A day the subscriber was known and sealed nothing for is a
 * day of zeros (it sent and used nothing), except for shares, which need calls. A baseline speaks
 * only from {@link #MIN_DAYS} days of its class: with less, its measure is not judged.
 */
public final class DailyBaselines {
    /** Eight weeks: long enough for a weekly rhythm, short enough to follow a change of habit. */
    public static final int WINDOW_DAYS = 56;

    /** Days of a class a baseline needs: two weeks of weekends. */
    public static final int MIN_DAYS = 4;

    private final Map<Measure, Baseline[]> baselines = new EnumMap<>(Measure.class);

    private DailyBaselines() {}

    /**
     * The baselines before epoch day {@code day} of a subscriber known since epoch day {@code
     * firstDay}.
     */
    public static DailyBaselines before(SubscriberHistory history, int firstDay, int day) {
        int from = Math.max(firstDay, day - WINDOW_DAYS);
        int length = Math.max(0, day - from);
        UsageCounters[] days = new UsageCounters[length];
        for (Map.Entry<Integer, UsageCounters> sealed : history.days()) {
            int at = sealed.getKey() - from;
            if (at >= 0 && at < length) {
                days[at] = sealed.getValue();
            }
        }
        DailyBaselines result = new DailyBaselines();
        double[][] values = new double[DayClass.values().length][length];
        int[] counts = new int[DayClass.values().length];
        for (Measure measure : Measure.values()) {
            counts[0] = 0;
            counts[1] = 0;
            for (int i = 0; i < length; i++) {
                double value = days[i] == null ? zeroDay(measure) : measure.of(days[i]);
                if (!Double.isNaN(value)) {
                    int c = DayClass.of(from + i).ordinal();
                    values[c][counts[c]++] = value;
                }
            }
            Baseline[] byClass = new Baseline[DayClass.values().length];
            for (DayClass c : DayClass.values()) {
                int n = counts[c.ordinal()];
                byClass[c.ordinal()] =
                        n >= MIN_DAYS ? Baseline.of(values[c.ordinal()], n, measure.floor()) : null;
            }
            result.baselines.put(measure, byClass);
        }
        return result;
    }

    /** The baseline of a measure for a day class; null while there are too few days. */
    public Baseline of(Measure measure, DayClass dayClass) {
        return baselines.get(measure)[dayClass.ordinal()];
    }

    private static double zeroDay(Measure measure) {
        return measure == Measure.DROPPED_CALL_SHARE ? Double.NaN : 0.0;
    }
}
