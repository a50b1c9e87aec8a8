package io.pulse.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;
import static io.pulse.simulator.CalendarHour.HOUR_MILLIS;

/**
 * Network outages, if the world has any: now and then the network fails in one region (a cell site
 * loses power, a transmission link is cut) for a few hours to two days, and the subscribers the
 * failed sites serve, a share of the region's, can neither make nor receive anything meanwhile: no
 * calls, messages, data, top-ups, nothing the hour would have brought them. The rest of the region
 * carries on. Before some outages a failing site drops more of its calls for an hour or two; some
 * of those cut off report a fault, from another line or in a shop, during the outage or soon after
 * it. What back-office systems record of a line (a bill issued, a payment booked, a planned status
 * change, a fault cleared) goes on as usual. Afterwards everyone carries on as before: an outage
 * makes no one leave.
 *
 * <p>Outages start at random over the day, {@code perMonth} a month over all regions (a Poisson
 * process), each in a region drawn at random among those with subscribers; only subscribers whose
 * profile names the region and who have not left are cut off. They are drawn day by day from a
 * stream of their own derived from the seed, so that they shift no other draw of the simulation,
 * and with none a month nothing is drawn at all. Set to an hour with {@link #moveTo}, then asked
 * per subscriber; the hour's outages are recorded in the truth when the simulation reaches their
 * start.
 */
final class NetworkOutages {
    static final int MAX_PER_MONTH = 30;
    static final long MIN_DURATION_MILLIS = HOUR_MILLIS;
    static final long MAX_DURATION_MILLIS = 48 * HOUR_MILLIS;
    static final double MIN_CUT_OFF_SHARE = 0.3;
    static final double MAX_CUT_OFF_SHARE = 0.9;

    /** Reports of an outage come at most this long after it ends. */
    static final long REPORTS_AFTER_MILLIS = 2 * HOUR_MILLIS;

    /** A failing site drops calls for at most this long before it goes down. */
    static final long MAX_DEGRADED_MILLIS = 3 * HOUR_MILLIS;

    private static final long MINUTE_MILLIS = 60_000L;
    private static final double DAYS_A_MONTH = 30;

    /** Durations are log-normal: median 5 h, most 2 to 12 h, a few up to two days. */
    private static final double MEDIAN_HOURS = 5;

    private static final double DURATION_SIGMA = 0.8;

    /** Outages that come on slowly, a failing site before it goes down; the others are sudden. */
    private static final double DEGRADING_OUTAGES = 0.5;

    private static final long MIN_DEGRADED_MILLIS = 30 * MINUTE_MILLIS;
    private static final double MIN_DEGRADED_SHARE = 0.2;
    private static final double MAX_DEGRADED_SHARE = 0.6;
    private static final double MIN_DEGRADED_DROP_RATE = 0.05;
    private static final double MAX_DEGRADED_DROP_RATE = 0.15;
    private static final double MIN_REPORTING_SHARE = 0.05;
    private static final double MAX_REPORTING_SHARE = 0.25;
    private static final long REPORTS_FROM_MILLIS = 10 * MINUTE_MILLIS;

    /** Days back an outage that started earlier can still reach into, its reports included. */
    private static final int DAYS_BACK = 3;

    private static final long STREAM = 0x6f75746167657321L;
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /**
     * One outage as drawn: from {@code degradedFrom} (its start, if it comes suddenly) its failing
     * site drops {@code dropRate} of some members' calls; {@code members}, the indices of the
     * subscribers cut off, ascending; per member, when it reports a fault (0: never) and whether
     * its calls drop before the outage.
     */
    private record Outage(
            String id,
            String region,
            long from,
            long until,
            long degradedFrom,
            double dropRate,
            int[] members,
            long[] reportAt,
            boolean[] degraded) {

        /** Until when the outage shows: its last fault reports. */
        long lastSign() {
            return until + REPORTS_AFTER_MILLIS;
        }

        int position(int subscriber) {
            return Arrays.binarySearch(members, subscriber);
        }
    }

    /** A fault reported in an outage, and when the network of the outage was back. */
    record Report(long time, long restoredAt) {}

    private final long seed;
    private final double perMonth;
    private final List<SimulatedSubscriber> subscribers;
    private final String[] regions;
    private final int[][] regionMembers;
    private final Map<Long, List<Outage>> byDay = new TreeMap<>();
    private final List<Outage> current = new ArrayList<>();
    private long recordedUntil = Long.MIN_VALUE;
    private long start = Long.MIN_VALUE;

    /**
     * @param perMonth outages a month over all regions, in [0, {@value #MAX_PER_MONTH}]
     */
    NetworkOutages(long seed, double perMonth, List<SimulatedSubscriber> subscribers) {
        this.seed = seed;
        this.perMonth = perMonth;
        this.subscribers = subscribers;
        Map<String, List<Integer>> members = new TreeMap<>();
        for (SimulatedSubscriber subscriber : subscribers) {
            String region = subscriber.profile().getRegion();
            if (region != null) {
                members.computeIfAbsent(region, r -> new ArrayList<>()).add(subscriber.index());
            }
        }
        this.regions = members.keySet().toArray(new String[0]);
        this.regionMembers = new int[regions.length][];
        for (int r = 0; r < regions.length; r++) {
            regionMembers[r] = members.get(regions[r]).stream().mapToInt(i -> i).toArray();
        }
    }

    double perMonth() {
        return perMonth;
    }

    /**
     * Moves to an hour: the outages that show in it (dropped calls before, the outage, reports
     * after) become current. With none a month, there never are any.
     */
    void moveTo(CalendarHour hour) {
        if (perMonth == 0) {
            return;
        }
        if (start == Long.MIN_VALUE) {
            start = hour.start();
        }
        long today = Math.floorDiv(hour.start(), DAY_MILLIS);
        byDay.keySet().removeIf(day -> day < today - DAYS_BACK);
        current.clear();
        for (long day = today - DAYS_BACK; day <= today + 1; day++) {
            for (Outage outage : byDay.computeIfAbsent(day, this::draw)) {
                if (outage.degradedFrom() < hour.end() && outage.lastSign() > hour.start()) {
                    current.add(outage);
                }
            }
        }
    }

    /**
     * Records each outage that has begun by the end of the current hour and reaches into the
     * simulation, once: a {@link Condition#NETWORK_OUTAGE} window for each subscriber it cuts off,
     * with its region and id.
     */
    void record(CalendarHour hour, TruthLog truth) {
        for (Outage outage : current) {
            if (outage.from() < hour.end()
                    && outage.from() >= recordedUntil
                    && outage.until() > start) {
                for (int member : outage.members()) {
                    truth.record(
                            new ConditionWindow(
                                    subscribers.get(member).id(),
                                    Condition.NETWORK_OUTAGE,
                                    outage.from(),
                                    outage.until(),
                                    outage.region(),
                                    outage.id()));
                }
            }
        }
        recordedUntil = hour.end();
    }

    /** Whether a current outage cuts the subscriber off at some point, or will or did. */
    boolean touches(int subscriber) {
        for (Outage outage : current) {
            if (outage.position(subscriber) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether the subscriber is cut off at {@code time}. */
    boolean cutOff(int subscriber, long time) {
        for (Outage outage : current) {
            if (time >= outage.from()
                    && time < outage.until()
                    && outage.position(subscriber) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The share of the subscriber's calls a failing site drops at {@code time}, before it goes
     * down; 0 if none does.
     */
    double dropRate(int subscriber, long time) {
        double rate = 0;
        for (Outage outage : current) {
            if (time >= outage.degradedFrom() && time < outage.from()) {
                int position = outage.position(subscriber);
                if (position >= 0 && outage.degraded()[position]) {
                    rate = Math.max(rate, outage.dropRate());
                }
            }
        }
        return rate;
    }

    /** The faults the subscriber reports in [start, end) for outages, in no particular order. */
    List<Report> reports(int subscriber, long start, long end) {
        List<Report> reports = List.of();
        for (Outage outage : current) {
            int position = outage.position(subscriber);
            long time = position >= 0 ? outage.reportAt()[position] : 0;
            if (time >= start && time < end) {
                if (reports.isEmpty()) {
                    reports = new ArrayList<>(1);
                }
                reports.add(new Report(time, outage.until()));
            }
        }
        return reports;
    }

    /** The outages starting on an epoch day, from that day's own random stream. */
    private List<Outage> draw(long day) {
        SplittableRandom random =
                new SplittableRandom(Mix.mix(Mix.mix(seed + STREAM) + day * GOLDEN_GAMMA));
        int count = regions.length == 0 ? 0 : Draw.poisson(random, perMonth / DAYS_A_MONTH);
        long[] starts = new long[count];
        for (int n = 0; n < count; n++) {
            starts[n] = day * DAY_MILLIS + random.nextInt(24 * 60) * MINUTE_MILLIS;
        }
        Arrays.sort(starts);
        List<Outage> outages = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            outages.add(outage(day, n, starts[n], random));
        }
        return outages;
    }

    /** The {@code n}th outage of the day, from 0, in order of their starts. */
    private Outage outage(long day, int n, long from, SplittableRandom random) {
        long duration =
                Math.round(
                                Math.exp(
                                                Math.log(MEDIAN_HOURS)
                                                        + DURATION_SIGMA * random.nextGaussian())
                                        * 60)
                        * MINUTE_MILLIS;
        long until = from + Math.max(MIN_DURATION_MILLIS, Math.min(MAX_DURATION_MILLIS, duration));
        int region = random.nextInt(regions.length);
        double share = between(random, MIN_CUT_OFF_SHARE, MAX_CUT_OFF_SHARE);
        int[] members = cutOff(regionMembers[region], from, share, random);
        boolean degrading = Draw.chance(random, DEGRADING_OUTAGES);
        long degradedFrom =
                degrading
                        ? from - Draw.between(random, MIN_DEGRADED_MILLIS, MAX_DEGRADED_MILLIS + 1)
                        : from;
        double dropRate = between(random, MIN_DEGRADED_DROP_RATE, MAX_DEGRADED_DROP_RATE);
        double degradedShare = between(random, MIN_DEGRADED_SHARE, MAX_DEGRADED_SHARE);
        double reportingShare = between(random, MIN_REPORTING_SHARE, MAX_REPORTING_SHARE);
        long[] reportAt = new long[members.length];
        boolean[] degraded = new boolean[members.length];
        for (int i = 0; i < members.length; i++) {
            degraded[i] = degrading && Draw.chance(random, degradedShare);
            if (Draw.chance(random, reportingShare)) {
                reportAt[i] =
                        Draw.between(
                                random, from + REPORTS_FROM_MILLIS, until + REPORTS_AFTER_MILLIS);
            }
        }
        return new Outage(
                "outage-" + LocalDate.ofEpochDay(day) + "-" + (n + 1),
                regions[region],
                from,
                until,
                degradedFrom,
                dropRate,
                members,
                reportAt,
                degraded);
    }

    /**
     * A share of the region's subscribers who have not left by {@code from}, at least one, chosen
     * at random; ascending.
     */
    private int[] cutOff(int[] region, long from, double share, SplittableRandom random) {
        int[] present =
                Arrays.stream(region).filter(i -> !subscribers.get(i).terminatedAt(from)).toArray();
        int count = Math.min(present.length, Math.max(1, (int) Math.round(share * present.length)));
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(present.length - i);
            int swapped = present[i];
            present[i] = present[j];
            present[j] = swapped;
        }
        int[] chosen = Arrays.copyOf(present, count);
        Arrays.sort(chosen);
        return chosen;
    }

    private static double between(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }
}
