package io.pulse.scoring.anomaly;

import io.pulse.scoring.usage.SubscriberHistory;
import io.pulse.state.UsageCounters;

import java.nio.ByteBuffer;
import java.util.Arrays;
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

    private static final byte NONE = 0;
    private static final byte ZERO = 1;
    private static final byte FULL = 2;
    private static final int MAX_ENCODED =
            4 + Measure.values().length * DayClass.values().length * (1 + 2 + 16);

    private final Map<Measure, Baseline[]> baselines = new EnumMap<>(Measure.class);
    private int day;

    private DailyBaselines(int day) {
        this.day = day;
    }

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
        DailyBaselines result = new DailyBaselines(day);
        double[][] values = new double[DayClass.values().length][length];
        int[] counts = new int[DayClass.values().length];
        for (Measure measure : Measure.values()) {
            Arrays.fill(counts, 0);
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
                        n >= MIN_DAYS ? Baseline.of(measure, values[c.ordinal()], n) : null;
            }
            result.baselines.put(measure, byClass);
        }
        return result;
    }

    /**
     * The baselines as bytes for the state: per measure and day class a tag (0 none, 1 flat at
     * zero, 2 four floats: median, spread, low, high). A quiet measure takes one byte.
     */
    public ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(MAX_ENCODED);
        out.putInt(day);
        for (Measure measure : Measure.values()) {
            for (Baseline b : baselines.get(measure)) {
                if (b == null) {
                    out.put(NONE);
                } else if (b.median() == 0 && b.high() == 0 && b.low() == 0) {
                    out.put(ZERO);
                    out.putShort((short) Math.min(b.days(), Short.MAX_VALUE));
                } else {
                    out.put(FULL);
                    out.putShort((short) Math.min(b.days(), Short.MAX_VALUE));
                    out.putFloat((float) b.median());
                    out.putFloat((float) b.spread());
                    out.putFloat((float) b.low());
                    out.putFloat((float) b.high());
                }
            }
        }
        out.flip();
        return out;
    }

    /** Baselines from {@link #encode()}; empty bytes (no history yet) give no baseline at all. */
    public static DailyBaselines decode(ByteBuffer bytes) {
        DailyBaselines result = new DailyBaselines(Integer.MIN_VALUE);
        ByteBuffer in = bytes.duplicate();
        if (!in.hasRemaining()) {
            for (Measure measure : Measure.values()) {
                result.baselines.put(measure, new Baseline[DayClass.values().length]);
            }
            return result;
        }
        result.day = in.getInt();
        for (Measure measure : Measure.values()) {
            Baseline[] byClass = new Baseline[DayClass.values().length];
            for (int c = 0; c < byClass.length; c++) {
                byte tag = in.get();
                if (tag == ZERO) {
                    byClass[c] = new Baseline(0, measure.floor(), 0, 0, in.getShort());
                } else if (tag == FULL) {
                    int days = in.getShort();
                    byClass[c] =
                            new Baseline(
                                    in.getFloat(),
                                    in.getFloat(),
                                    in.getFloat(),
                                    in.getFloat(),
                                    days);
                }
            }
            result.baselines.put(measure, byClass);
        }
        return result;
    }

    /** The epoch day the baselines are for: they hold the days before it. */
    public int day() {
        return day;
    }

    /** The baseline of a measure for a day class; null while there are too few days. */
    public Baseline of(Measure measure, DayClass dayClass) {
        return baselines.get(measure)[dayClass.ordinal()];
    }

    private static double zeroDay(Measure measure) {
        return measure == Measure.DROPPED_CALL_SHARE ? Double.NaN : 0.0;
    }
}
