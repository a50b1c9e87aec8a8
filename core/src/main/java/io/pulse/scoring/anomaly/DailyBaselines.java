package io.pulse.scoring.anomaly;

import io.pulse.scoring.usage.RollingUsage;
import io.pulse.scoring.usage.SubscriberHistory;
import io.pulse.state.UsageCounters;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * A subscriber's baselines, per measure and day class, from the sealed days of the last {@link
 * #WINDOW_DAYS} days before a given day. A day the subscriber was known and sealed nothing for is a
 * day of zeros (it sent and used nothing), except for shares, which need calls. A baseline speaks
 * only from {@link #MIN_DAYS} days of its class: with less, its measure is not judged.
 *
 * <p>With them, each sealed day of the last {@link #RECENT_DAYS} is scored against the baselines of
 * its class made of the days before those two weeks (so that a drop does not lower its own
 * yardstick); a measure low on at least half of them is kept as a {@link Shortfall}, the evidence
 * of a drop that lasts (a day is low from {@link #LOW_FROM} spreads under its median).
 */
public final class DailyBaselines {
    /**
     * Five weeks, the daily buckets kept: long enough for a weekly rhythm (25 weekdays and 10
     * weekend days), short enough to follow a change of habit.
     */
    public static final int WINDOW_DAYS = RollingUsage.DAILY_DAYS;

    /** Days of a class a baseline needs: two weeks of weekends. */
    public static final int MIN_DAYS = 4;

    /** The sealed days scored for shortfalls: two weeks. */
    public static final int RECENT_DAYS = 14;

    /** A sealed day is low on a measure from this many spreads under its class's median. */
    public static final double LOW_FROM = 2.0;

    /** The first byte of the bytes of this layout; those of the first (no shortfalls) begin 0. */
    private static final byte LAYOUT_2 = 2;

    private static final byte NONE = 0;
    private static final byte ZERO = 1;
    private static final byte FULL = 2;
    private static final int MAX_ENCODED =
            1
                    + 4
                    + Measure.values().length * DayClass.values().length * (1 + 2 + 16)
                    + Measure.values().length * (1 + 2 + 12)
                    + 1;

    private final Map<Measure, Baseline[]> baselines = new EnumMap<>(Measure.class);
    private final Map<Measure, Shortfall> shortfalls = new EnumMap<>(Measure.class);
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
        int reference = length - RECENT_DAYS;
        for (Measure measure : Measure.values()) {
            result.baselines.put(measure, baselinesOf(measure, days, from, length));
            if (reference > 0) {
                Shortfall shortfall =
                        shortfall(measure, days, from, baselinesOf(measure, days, from, reference));
                if (shortfall != null) {
                    result.shortfalls.put(measure, shortfall);
                }
            }
        }
        return result;
    }

    /** A measure's baselines by day class from the first {@code length} of {@code days}. */
    private static Baseline[] baselinesOf(
            Measure measure, UsageCounters[] days, int from, int length) {
        double[][] values = new double[DayClass.values().length][length];
        int[] counts = new int[DayClass.values().length];
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
        return byClass;
    }

    /**
     * A day with roaming calls was spent abroad, at least in part: its use at home is no measure of
     * a drop (a trip moves the calls to roaming and cuts the rest), so it is not judged.
     */
    private static boolean abroad(UsageCounters day) {
        return day != null && day.getOutRoamingSec() > 0;
    }

    /**
     * A day without an outgoing call, message or data session is the silence rules' to judge
     * (ZERO_ACTIVITY, DORMANT): counted as a drop, a silence would raise USAGE_DROP beside them,
     * and again on the day the subscriber is back.
     */
    private static boolean silent(UsageCounters day) {
        return day == null
                || (day.getOutCalls() == 0 && day.getSmsOut() == 0 && day.getDataBytes() == 0);
    }

    /**
     * The measure over the last {@link #RECENT_DAYS} of {@code days} (sealed days from epoch day
     * {@code from} on) against the baselines of the days before them, if it was low on at least
     * half of them. Silent days are not judged, nor days abroad but for roaming itself.
     */
    private static Shortfall shortfall(
            Measure measure, UsageCounters[] days, int from, Baseline[] before) {
        int judged = 0;
        int low = 0;
        double value = 0;
        double expected = 0;
        double usualLow = 0;
        for (int i = days.length - RECENT_DAYS; i < days.length; i++) {
            Baseline b = before[DayClass.of(from + i).ordinal()];
            double v = days[i] == null ? zeroDay(measure) : measure.of(days[i]);
            if (b == null
                    || Double.isNaN(v)
                    || silent(days[i])
                    || (measure != Measure.ROAMING_MINUTES && abroad(days[i]))) {
                continue;
            }
            judged++;
            if (b.deviation(measure, v) <= -LOW_FROM) {
                low++;
            }
            value += v;
            expected += b.median();
            usualLow += b.low();
        }
        return 2 * low >= RECENT_DAYS
                ? new Shortfall(measure, judged, low, value, expected, usualLow)
                : null;
    }

    /**
     * The baselines as bytes for the state: a layout byte (2), the day, per measure and day class a
     * tag (0 none, 1 flat at zero, 2 four floats: median, spread, low, high; a quiet measure takes
     * one byte), then the shortfalls (measure, judged and low days, three floats: value, expected,
     * usual low) and, last, their count, which {@link #hasShortfalls} reads alone.
     */
    public ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(MAX_ENCODED);
        out.put(LAYOUT_2);
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
        for (Shortfall f : shortfalls.values()) {
            out.put((byte) f.measure().ordinal());
            out.put((byte) f.judgedDays());
            out.put((byte) f.lowDays());
            out.putFloat((float) f.value());
            out.putFloat((float) f.expected());
            out.putFloat((float) f.usualLow());
        }
        out.put((byte) shortfalls.size());
        out.flip();
        return out;
    }

    /**
     * Whether encoded baselines hold a shortfall, read without decoding them: bytes of the first
     * layout (from Pulse before shortfalls, beginning with the day's 0 byte) hold none.
     */
    public static boolean hasShortfalls(ByteBuffer bytes) {
        return bytes.remaining() > 1
                && bytes.get(bytes.position()) == LAYOUT_2
                && bytes.get(bytes.limit() - 1) > 0;
    }

    /**
     * Baselines from {@link #encode()}, or from the first layout (no layout byte, no shortfalls);
     * empty bytes (no history yet) give no baseline at all.
     */
    public static DailyBaselines decode(ByteBuffer bytes) {
        DailyBaselines result = new DailyBaselines(Integer.MIN_VALUE);
        ByteBuffer in = bytes.duplicate();
        if (!in.hasRemaining()) {
            for (Measure measure : Measure.values()) {
                result.baselines.put(measure, new Baseline[DayClass.values().length]);
            }
            return result;
        }
        boolean layout2 = in.get(in.position()) == LAYOUT_2;
        if (layout2) {
            in.get();
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
        if (layout2) {
            int count = in.get(in.limit() - 1);
            for (int i = 0; i < count; i++) {
                Measure measure = Measure.values()[in.get()];
                result.shortfalls.put(
                        measure,
                        new Shortfall(
                                measure,
                                in.get(),
                                in.get(),
                                in.getFloat(),
                                in.getFloat(),
                                in.getFloat()));
            }
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

    /** The measure's shortfall over the recent days, or null if it was seldom low. */
    public Shortfall shortfall(Measure measure) {
        return shortfalls.get(measure);
    }

    private static double zeroDay(Measure measure) {
        return measure == Measure.DROPPED_CALL_SHARE ? Double.NaN : 0.0;
    }
}
