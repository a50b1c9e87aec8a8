package io.pulse.scoring.incidents;

import io.pulse.scoring.anomaly.DayClass;
import io.pulse.scoring.config.ScoringConfig.NetworkIncident;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One area's hours and its open incident, judged hour by hour ({@link #closeHour}) against the same
 * hour of its earlier days. Plain Java: the Flink function around it keeps it in state, feeds it
 * the area's signals and closes each hour when event time has passed it.
 *
 * <p>The hours are a ring of {@code baselineDays + 1} days of counts; an hour that belonged to an
 * incident is marked and left out of later baselines, so that an outage does not teach the area
 * that silence is usual.
 */
public final class AreaWatch {
    static final long HOUR = 3_600_000L;
    private static final int HOURS_A_DAY = 24;

    private final NetworkIncident rules;
    private final String area;
    private final int slots;
    private final int[] active;
    private final int[] faults;
    private final int[] dropped;
    private final boolean[] inIncident;
    private final long[] hourOfSlot;

    private long incidentStart = -1;
    private int quietHours;
    private long firstHour = Long.MIN_VALUE;

    public AreaWatch(NetworkIncident rules, String area) {
        this.rules = rules;
        this.area = area;
        this.slots = (rules.baselineDays() + 1) * HOURS_A_DAY;
        this.active = new int[slots];
        this.faults = new int[slots];
        this.dropped = new int[slots];
        this.inIncident = new boolean[slots];
        this.hourOfSlot = new long[slots];
        Arrays.fill(hourOfSlot, Long.MIN_VALUE);
    }

    /**
     * The watch's hours and open incident as its state keeps them: the known hours (start, counts,
     * whether an incident's), oldest first.
     */
    public record Stored(
            String area,
            long[] hours,
            int[] active,
            int[] faultReports,
            int[] droppedCalls,
            boolean[] inIncident,
            long incidentStart,
            int quietHours,
            long firstHour) {}

    public Stored stored() {
        int known = 0;
        for (long hour : hourOfSlot) {
            known += hour == Long.MIN_VALUE ? 0 : 1;
        }
        long[] hours = new long[known];
        int[] a = new int[known];
        int[] f = new int[known];
        int[] d = new int[known];
        boolean[] in = new boolean[known];
        int i = 0;
        for (int slot = 0; slot < slots; slot++) {
            if (hourOfSlot[slot] != Long.MIN_VALUE) {
                hours[i] = hourOfSlot[slot];
                a[i] = active[slot];
                f[i] = faults[slot];
                d[i] = dropped[slot];
                in[i] = inIncident[slot];
                i++;
            }
        }
        return new Stored(area, hours, a, f, d, in, incidentStart, quietHours, firstHour);
    }

    /** A watch with the stored hours, judged by {@code rules} (whose days may have changed). */
    public static AreaWatch of(NetworkIncident rules, Stored stored) {
        AreaWatch watch = new AreaWatch(rules, stored.area());
        for (int i = 0; i < stored.hours().length; i++) {
            int slot = watch.slot(stored.hours()[i]);
            if (watch.hourOfSlot[slot] < stored.hours()[i]) {
                watch.hourOfSlot[slot] = stored.hours()[i];
                watch.active[slot] = stored.active()[i];
                watch.faults[slot] = stored.faultReports()[i];
                watch.dropped[slot] = stored.droppedCalls()[i];
                watch.inIncident[slot] = stored.inIncident()[i];
            }
        }
        watch.incidentStart = stored.incidentStart();
        watch.quietHours = stored.quietHours();
        watch.firstHour = stored.firstHour();
        return watch;
    }

    /**
     * Whether the area sent nothing in the last {@code days} days judged and has no open incident:
     * its watch can go.
     */
    public boolean silentFor(int days) {
        long last = lastHour();
        for (int slot = 0; slot < slots; slot++) {
            boolean recent =
                    hourOfSlot[slot] != Long.MIN_VALUE
                            && hourOfSlot[slot] > last - days * HOURS_A_DAY * HOUR;
            if (recent && (active[slot] > 0 || faults[slot] > 0 || dropped[slot] > 0)) {
                return false;
            }
        }
        return incidentStart < 0 && last - firstHour >= days * HOURS_A_DAY * HOUR;
    }

    /** The latest hour judged, or {@code Long.MIN_VALUE}. */
    public long lastHour() {
        long last = Long.MIN_VALUE;
        for (long hour : hourOfSlot) {
            last = Math.max(last, hour);
        }
        return last;
    }

    /** The start of the hour {@code time} falls in. */
    public static long hourOf(long time) {
        return Math.floorDiv(time, HOUR) * HOUR;
    }

    /** An hour's signals of the area, counted: {@link AreaSignal.Kind} by kind. */
    public record HourCounts(int active, int faultReports, int droppedCalls) {
        public static final HourCounts NONE = new HourCounts(0, 0, 0);

        public HourCounts plus(AreaSignal.Kind kind) {
            return switch (kind) {
                case ACTIVE -> new HourCounts(active + 1, faultReports, droppedCalls);
                case FAULT_REPORT -> new HourCounts(active, faultReports + 1, droppedCalls);
                case DROPPED_CALL -> new HourCounts(active, faultReports, droppedCalls + 1);
            };
        }
    }

    /**
     * Judges the hour starting at {@code hourStart} with its counts, once no more of its signals
     * can come (hours are closed in order): an incident opens, goes on or resolves; an empty list
     * when nothing changed.
     */
    public List<IncidentChange> closeHour(long hourStart, HourCounts counts) {
        int slot = slot(hourStart);
        clear(slot, hourStart);
        active[slot] = counts.active();
        faults[slot] = counts.faultReports();
        dropped[slot] = counts.droppedCalls();
        if (firstHour == Long.MIN_VALUE) {
            firstHour = hourStart;
        }
        Usual usual = usual(hourStart);
        List<IncidentChange> changes = new ArrayList<>(1);
        if (usual == null) {
            return changes;
        }
        int affected = Math.max(0, usual.active - active[slot]);
        String reason = reason(slot, usual, affected);
        if (reason == null && incidentStart >= 0 && !recovered(usual, affected)) {
            // too quiet an hour to open an incident on, but not back to usual either
            reason =
                    String.format(
                            Locale.ROOT,
                            "still %d of the usual %d subscribers active",
                            active[slot],
                            usual.active);
        }
        if (reason != null) {
            inIncident[slot] = true;
            quietHours = 0;
            boolean opening = incidentStart < 0;
            if (opening) {
                incidentStart = hourStart;
            }
            changes.add(
                    change(
                            opening ? IncidentChange.Status.OPEN : IncidentChange.Status.UPDATED,
                            hourStart,
                            slot,
                            usual,
                            affected,
                            reason));
        } else if (incidentStart >= 0) {
            inIncident[slot] = true; // the recovery hours still belong to it
            quietHours++;
            if (quietHours >= rules.recoveryHours()) {
                changes.add(
                        change(
                                IncidentChange.Status.RESOLVED,
                                hourStart,
                                slot,
                                usual,
                                affected,
                                "back to usual for " + quietHours + " hours"));
                incidentStart = -1;
                quietHours = 0;
            }
        }
        return changes;
    }

    /** Whether an incident is open. */
    public boolean open() {
        return incidentStart >= 0;
    }

    private String reason(int slot, Usual usual, int affected) {
        boolean silent =
                usual.active >= rules.minUsualActive()
                        && affected >= rules.silentShare() * usual.active
                        && affected >= rules.minAffected()
                        && affected >= rules.minSigmas() * Math.sqrt(usual.active);
        if (silent) {
            return String.format(
                    Locale.ROOT,
                    "%d of the usual %d subscribers active (%d missing)",
                    active[slot],
                    usual.active,
                    affected);
        }
        if (excess(faults[slot], usual.faultsMean)) {
            return String.format(
                    Locale.ROOT,
                    "%d fault reports in the hour, usually %d",
                    faults[slot],
                    usual.faults);
        }
        if (excess(dropped[slot], usual.droppedMean)) {
            return String.format(
                    Locale.ROOT,
                    "%d dropped calls in the hour, usually %d",
                    dropped[slot],
                    usual.dropped);
        }
        return null;
    }

    /** Whether an hour looks like the area's usual again: within chance of its usual count. */
    private boolean recovered(Usual usual, int affected) {
        return affected
                < Math.max(rules.silentShare() / 2 * usual.active, 2 * Math.sqrt(usual.active));
    }

    /**
     * Whether a count of rare events is beyond its usual: {@code fault-factor} times it, {@code
     * min-faults} more, and as unlikely by chance (Poisson, of the usual mean; at least a quarter
     * an hour) as {@code min-sigmas} spreads of a normal count would be.
     */
    private boolean excess(int count, double usualMean) {
        return count >= rules.faultFactor() * usualMean
                && count >= usualMean + rules.minFaults()
                && poissonTail(count, Math.max(usualMean, 0.25)) <= normalTail(rules.minSigmas());
    }

    /** P(X >= k) for X Poisson with mean {@code lambda}. */
    static double poissonTail(int k, double lambda) {
        double term = Math.exp(-lambda);
        double below = 0;
        for (int i = 0; i < k; i++) {
            below += term;
            term *= lambda / (i + 1);
        }
        return Math.max(0, 1 - below);
    }

    /** P(Z >= z) for a standard normal Z (Abramowitz and Stegun 7.1.26, to 1.5e-7). */
    static double normalTail(double z) {
        double t = 1 / (1 + 0.3275911 * z / Math.sqrt(2));
        double poly =
                t
                        * (0.254829592
                                + t
                                        * (-0.284496736
                                                + t
                                                        * (1.421413741
                                                                + t
                                                                        * (-1.453152027
                                                                                + t
                                                                                        * 1.061405429))));
        return 0.5 * poly * Math.exp(-z * z / 2);
    }

    private IncidentChange change(
            IncidentChange.Status status,
            long hourStart,
            int slot,
            Usual usual,
            int affected,
            String reason) {
        return new IncidentChange(
                status,
                area + "@" + incidentStart,
                area,
                incidentStart,
                hourStart,
                usual.active,
                active[slot],
                affected,
                faults[slot],
                usual.faults,
                dropped[slot],
                usual.dropped,
                reason);
    }

    /**
     * The usual hour: the medians of its counts (what {@link IncidentChange} reports), and the
     * means of the rare ones, which a Poisson test reads (a median of rare counts is mostly 0).
     */
    private record Usual(
            int active, int faults, int dropped, double faultsMean, double droppedMean) {}

    /**
     * The medians of the same hour of the earlier days of the same kind outside incidents, or null
     * if too few are known.
     */
    private Usual usual(long hourStart) {
        int days = rules.baselineDays();
        int[] a = new int[days];
        int[] f = new int[days];
        int[] d = new int[days];
        int n = 0;
        DayClass kind = DayClass.of(epochDay(hourStart));
        for (int day = 1; day <= days; day++) {
            long hour = hourStart - day * HOURS_A_DAY * HOUR;
            if (hour < firstHour) {
                break;
            }
            if (DayClass.of(epochDay(hour)) != kind) {
                continue;
            }
            int slot = slot(hour);
            if (hourOfSlot[slot] == hour && inIncident[slot]) {
                continue;
            }
            boolean known = hourOfSlot[slot] == hour;
            a[n] = known ? active[slot] : 0;
            f[n] = known ? faults[slot] : 0;
            d[n] = known ? dropped[slot] : 0;
            n++;
        }
        if (n < rules.minHistoryDays()) {
            return null;
        }
        return new Usual(median(a, n), median(f, n), median(d, n), mean(f, n), mean(d, n));
    }

    private static int epochDay(long time) {
        return (int) Math.floorDiv(time, HOURS_A_DAY * HOUR);
    }

    private static double mean(int[] values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum / n;
    }

    private static int median(int[] values, int n) {
        int[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private int slot(long hour) {
        return (int) Math.floorMod(Math.floorDiv(hour, HOUR), (long) slots);
    }

    private void clear(int slot, long hour) {
        hourOfSlot[slot] = hour;
        active[slot] = 0;
        faults[slot] = 0;
        dropped[slot] = 0;
        inIncident[slot] = false;
    }
}
