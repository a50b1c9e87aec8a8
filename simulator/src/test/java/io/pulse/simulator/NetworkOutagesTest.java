package io.pulse.simulator;

import io.pulse.schema.EventType;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.history.HistoryFiles;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Regional network outages, opt-in: an outage cuts a share of one region's subscribers off for its
 * span, and no one else; everyone else's events are those of the same world without outages, hour
 * by hour; those cut off carry on as before afterwards, some report a fault, and before some
 * outages their calls drop more often. Each outage is in the ground truth with its region, span and
 * subscribers. Without outages, the stream is the one the simulator made before it had any.
 */
class NetworkOutagesTest {
    /** A Monday, midnight UTC. */
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final int DAYS = 45;
    private static final int SUBSCRIBERS = 1200;
    private static final long SEED = 31;
    private static final double CHURN = 0.02;
    private static final double OUTAGES_PER_MONTH = 5;

    /** Hours from an outage's first dropped calls to its start, and one more. */
    private static final int LOOK_AHEAD_HOURS =
            (int) (NetworkOutages.MAX_DEGRADED_MILLIS / HOUR) + 1;

    private static final Set<EventType> TRAFFIC =
            Set.of(EventType.VOICE_CALL, EventType.SMS, EventType.DATA_SESSION, EventType.TOP_UP);

    /**
     * What the same seed made before outages existed: 400 subscribers, seed 23, 5% churn, 14 days,
     * events and conditions ({@link #digest}).
     */
    private static final String BEFORE_OUTAGES =
            "161538 869b58770c5cfef29f27b8f0c3cb08f811f89c74cd03275765947a8334d8a2c7";

    private static SubscriberSimulator simulator;
    private static List<ConditionWindow> conditions;
    private static List<NetworkOutage> outages;
    private static final Map<String, String> regionOf = new HashMap<>();

    /** Per region and hour of the run: traffic events with outages and without. */
    private static final Map<String, int[]> trafficWith = new TreeMap<>();

    private static final Map<String, int[]> trafficWithout = new TreeMap<>();

    /** Events of those cut off, while cut off, with outages and without. */
    private static final List<SubscriberEvent> whileCutOff = new ArrayList<>();

    private static final List<SubscriberEvent> wouldHaveBeen = new ArrayList<>();

    /**
     * Per subscriber, the hours whose events differ between the two runs, fault clearings left
     * aside; and the subscribers with any difference at all.
     */
    private static final Map<String, List<Long>> differingHours = new TreeMap<>();

    private static final Set<String> differing = new HashSet<>();

    /** Per subscriber and hour of the run, traffic events with outages. */
    private static final Map<String, int[]> trafficOf = new HashMap<>();

    /** Fault reports with outages only, in an outage or soon after, and all fault clearings. */
    private static final List<SubscriberEvent> addedFaults = new ArrayList<>();

    private static final Map<String, SubscriberEvent> clearings = new HashMap<>();

    /**
     * Calls of the hours before an outage of those it cuts off, the same in both runs but for
     * whether they dropped: [0] how many, [1] dropped with outages, [2] dropped without.
     */
    private static final int[] droppedBefore = new int[3];

    private static final Map<String, List<NetworkOutage>> outagesOf = new HashMap<>();

    @BeforeAll
    static void simulate() {
        // Both worlds side by side; an hour is judged once the outages whose first signs it could
        // carry have begun, and so are in the truth.
        simulator = new SubscriberSimulator(SUBSCRIBERS, SEED, START, CHURN, OUTAGES_PER_MONTH);
        SubscriberSimulator without = new SubscriberSimulator(SUBSCRIBERS, SEED, START, CHURN);
        simulator.recordConditions();
        conditions = new ArrayList<>(simulator.drainConditions());
        outages = new ArrayList<>();
        simulator.profiles().forEach(p -> regionOf.put(p.getSubscriberId(), p.getRegion()));
        Deque<Hour> pending = new ArrayDeque<>();
        for (int hour = 0; hour < DAYS * 24; hour++) {
            pending.add(
                    new Hour(
                            hour,
                            bySubscriber(simulator.nextHour().events()),
                            bySubscriber(without.nextHour().events())));
            List<ConditionWindow> revealed = simulator.drainConditions();
            conditions.addAll(revealed);
            for (NetworkOutage outage : NetworkOutage.of(revealed)) {
                outages.add(outage);
                for (String id : outage.subscriberIds()) {
                    outagesOf.computeIfAbsent(id, s -> new ArrayList<>()).add(outage);
                }
            }
            if (pending.size() > LOOK_AHEAD_HOURS) {
                judge(pending.poll());
            }
        }
        pending.forEach(NetworkOutagesTest::judge);
    }

    /** One hour's events of both worlds, by subscriber. */
    private record Hour(
            int index,
            Map<String, List<SubscriberEvent>> with,
            Map<String, List<SubscriberEvent>> without) {}

    private static void judge(Hour hour) {
        count(hour.with(), trafficWith, hour.index());
        count(hour.without(), trafficWithout, hour.index());
        Set<String> ids = new HashSet<>(hour.with().keySet());
        ids.addAll(hour.without().keySet());
        for (String id : ids) {
            List<SubscriberEvent> mine = hour.with().getOrDefault(id, List.of());
            List<SubscriberEvent> theirs = hour.without().getOrDefault(id, List.of());
            int[] traffic = trafficOf.computeIfAbsent(id, s -> new int[DAYS * 24]);
            traffic[hour.index()] =
                    (int) mine.stream().filter(e -> TRAFFIC.contains(e.getType())).count();
            if (outagesOf.containsKey(id)) {
                compare(id, mine, theirs);
            }
            if (!mine.equals(theirs)) {
                differing.add(id);
                if (!withoutClearings(mine).equals(withoutClearings(theirs))) {
                    differingHours
                            .computeIfAbsent(id, s -> new ArrayList<>())
                            .add(START + hour.index() * HOUR);
                }
            }
        }
    }

    @Test
    void sameSeedGivesTheSameOutagesAndEvents() {
        SubscriberSimulator first = new SubscriberSimulator(300, 9, START, CHURN, 10);
        SubscriberSimulator second = new SubscriberSimulator(300, 9, START, CHURN, 10);
        first.recordConditions();
        second.recordConditions();
        List<ConditionWindow> truth = new ArrayList<>();
        for (int hour = 0; hour < 20 * 24; hour++) {
            assertThat(first.nextHour()).isEqualTo(second.nextHour());
            List<ConditionWindow> revealed = first.drainConditions();
            assertThat(revealed).isEqualTo(second.drainConditions());
            truth.addAll(revealed);
        }
        assertThat(NetworkOutage.of(truth)).isNotEmpty();
    }

    @Test
    void anOutageCutsOffItsShareOfOneRegionForItsSpanAndNoOneElse() {
        // about 5 a month, in a run of 45 days
        assertThat(outages).hasSizeBetween(3, 14);
        for (NetworkOutage outage : outages) {
            long present =
                    simulator.subscribers().stream()
                            .filter(s -> outage.region().equals(s.profile().getRegion()))
                            .filter(s -> !s.terminatedAt(outage.from()))
                            .count();
            assertThat(outage.subscriberIds())
                    .as(outage.id())
                    .doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(regionOf.get(id)).isEqualTo(outage.region()));
            assertThat((double) outage.subscriberIds().size())
                    .as(outage.id())
                    .isBetween(0.3 * present - 1, 0.9 * present + 1);
        }
        // Nothing at all reaches those cut off, bar what the back office records of the line and
        // the outage's own fault reports.
        assertThat(whileCutOff)
                .isNotEmpty()
                .allSatisfy(
                        e ->
                                assertThat(e.getType())
                                        .as("%s", e)
                                        .isIn(
                                                EventType.FAULT_REPORT,
                                                EventType.BILL,
                                                EventType.PAYMENT,
                                                EventType.FAULT_CLEARED,
                                                EventType.STATUS_CHANGE,
                                                EventType.PLAN_CHANGE,
                                                EventType.COMPETITOR_CONTACT));
        assertThat(wouldHaveBeen.stream().filter(e -> TRAFFIC.contains(e.getType())).count())
                .isGreaterThan(1000);
        Set<SubscriberEvent> usual = new HashSet<>(wouldHaveBeen);
        assertThat(whileCutOff)
                .filteredOn(e -> !addedFaults.contains(e))
                .allSatisfy(e -> assertThat(usual).contains(e));
        // Whoever no outage cut off has the same events, every hour, as in a world without
        // outages; those cut off differ only in the hours around their outages (and in the
        // clearing of faults reported or missed in them).
        assertThat(outagesOf).hasSizeBetween(SUBSCRIBERS / 10, SUBSCRIBERS * 9 / 10);
        assertThat(differing).isNotEmpty().isSubsetOf(outagesOf.keySet());
        differingHours.forEach(
                (id, hours) ->
                        assertThat(hours)
                                .as(id)
                                .allSatisfy(
                                        hour ->
                                                assertThat(aroundAnOutage(id, hour))
                                                        .as(Instant.ofEpochMilli(hour).toString())
                                                        .isTrue()));
    }

    @Test
    void theOutagesRegionLosesTheTrafficOfThoseCutOffAndTheOtherRegionsCarryOnAsUsual() {
        int judged = 0;
        long elsewhere = 0;
        for (NetworkOutage outage : outages) {
            long regionSize = regionOf.values().stream().filter(outage.region()::equals).count();
            double share = outage.subscriberIds().size() / (double) regionSize;
            int first = (int) Math.max(0, (ceilHour(outage.from()) - START) / HOUR);
            int last = (int) Math.min(DAYS * 24, (outage.until() - START) / HOUR);
            for (int h = first; h < last; h++) {
                long hour = START + h * HOUR;
                for (String region : trafficWith.keySet()) {
                    int with = trafficWith.get(region)[h];
                    int usual = trafficWithout.get(region)[h];
                    if (region.equals(outage.region())) {
                        assertThat(with)
                                .as("%s at %s", outage.id(), Instant.ofEpochMilli(hour))
                                .isLessThanOrEqualTo(usual);
                        if (usual >= 100) {
                            judged++;
                            // the traffic of those left, give or take its own noise
                            assertThat(with / (double) usual)
                                    .as("%s at %s", outage.id(), Instant.ofEpochMilli(hour))
                                    .isBetween(1 - share - 0.2, 1 - share + 0.2);
                        }
                    } else if (outages.stream()
                            .noneMatch(o -> o.region().equals(region) && overlaps(o, hour))) {
                        assertThat(with)
                                .as("%s, %s at %s", outage.id(), region, Instant.ofEpochMilli(hour))
                                .isEqualTo(usual);
                        elsewhere += usual;
                    }
                }
            }
        }
        assertThat(judged).isGreaterThan(10);
        assertThat(elsewhere).isGreaterThan(10_000);
    }

    @Test
    void thoseCutOffCarryOnAsBeforeOnceTheNetworkIsBack() {
        long traffic = 0;
        for (NetworkOutage outage : outages) {
            int from = (int) ((ceilHour(outage.until()) - START) / HOUR) + 3;
            int until = from + 24;
            if (until > DAYS * 24) {
                continue;
            }
            for (String id : outage.subscriberIds()) {
                for (int h = from; h < until; h++) {
                    long hour = START + h * HOUR;
                    if (!aroundAnOutage(id, hour)) {
                        assertThat(differingHours.getOrDefault(id, List.of()))
                                .as("%s after %s", id, outage.id())
                                .doesNotContain(hour);
                        traffic += trafficOf.get(id)[h];
                    }
                }
            }
        }
        assertThat(traffic).isGreaterThan(5000);
        // no one leaves for an outage
        assertThat(whileCutOff)
                .filteredOn(e -> e.getType() == EventType.STATUS_CHANGE)
                .allSatisfy(e -> assertThat(wouldHaveBeen).contains(e));
    }

    @Test
    void
            someOfThoseCutOffReportAFaultDuringTheOutageOrSoonAfterAndItIsClearedOnceTheNetworkIsBack() {
        assertThat(addedFaults).isNotEmpty();
        Set<String> reporters = new HashSet<>();
        int cutOff = 0;
        for (NetworkOutage outage : outages) {
            cutOff += outage.subscriberIds().size();
        }
        for (SubscriberEvent report : addedFaults) {
            reporters.add(report.getSubscriberId());
            NetworkOutage outage =
                    outages.stream()
                            .filter(o -> o.subscriberIds().contains(report.getSubscriberId()))
                            .filter(
                                    o ->
                                            report.getEventTime() >= o.from()
                                                    && report.getEventTime()
                                                            < o.until()
                                                                    + NetworkOutages
                                                                            .REPORTS_AFTER_MILLIS)
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no outage for " + report));
            assertThat(report.getCommitTime()).isGreaterThan(report.getEventTime());
            SubscriberEvent cleared = clearings.get(report.getEventId());
            if (cleared != null) {
                assertThat(cleared.getEventTime()).isGreaterThan(outage.until());
            }
        }
        // a few of them, not everyone
        assertThat(reporters.size()).isBetween(cutOff / 50, cutOff / 3);
    }

    @Test
    void callsDropMoreOftenJustBeforeSomeOutagesButNotMuch() {
        // [0]: calls just before an outage of those it cuts off; [1], [2]: dropped with, without
        assertThat(droppedBefore[0]).isGreaterThan(200);
        assertThat(droppedBefore[1]).isGreaterThan(droppedBefore[2]);
        assertThat(droppedBefore[1] / (double) droppedBefore[0]).isLessThan(0.1);
    }

    @Test
    void theGroundTruthListsEachOutageWithItsRegionAndSpan() {
        Set<String> regions = new HashSet<>(regionOf.values());
        for (NetworkOutage outage : outages) {
            assertThat(outage.id()).matches("outage-\\d{4}-\\d{2}-\\d{2}-\\d+");
            assertThat(regions).contains(outage.region());
            assertThat(outage.until() - outage.from()).isBetween(HOUR, 48 * HOUR);
            assertThat(outage.until()).isGreaterThan(START);
            assertThat(outage.from()).isLessThan(START + DAYS * DAY);
        }
        assertThat(conditions)
                .filteredOn(c -> c.condition() == Condition.NETWORK_OUTAGE)
                .hasSize(outages.stream().mapToInt(o -> o.subscriberIds().size()).sum());
        assertThat(conditions)
                .filteredOn(c -> c.condition() != Condition.NETWORK_OUTAGE)
                .isNotEmpty()
                .allSatisfy(
                        c -> {
                            assertThat(c.scope()).isNull();
                            assertThat(c.caseId()).isNull();
                        });
    }

    @Test
    void outagesLastHoursMostlyAndUpToTwoDaysAndStrikeAnyRegionAtAnyTime() {
        List<SimulatedSubscriber> population =
                new SubscriberSimulator(400, 3, START, 0).subscribers();
        NetworkOutages network = new NetworkOutages(3, 30, population);
        TruthLog truth = new TruthLog();
        truth.start();
        for (long hour = START; hour < START + 3650 * DAY; hour += HOUR) {
            CalendarHour calendarHour = CalendarHour.startingAt(hour);
            network.moveTo(calendarHour);
            network.record(calendarHour, truth);
        }
        List<NetworkOutage> drawn = NetworkOutage.of(truth.drain());
        // 30 a month for ten years
        assertThat(drawn).hasSizeBetween(3400, 3900);
        List<Long> hours =
                drawn.stream().map(o -> (o.until() - o.from()) / 60_000).sorted().toList();
        assertThat(hours.get(0)).isGreaterThanOrEqualTo(60);
        assertThat(hours.get(hours.size() - 1)).isLessThanOrEqualTo(48 * 60);
        assertThat(hours.get(hours.size() / 2)).isBetween(4 * 60L, 6 * 60L);
        assertThat(hours.stream().filter(m -> m >= 2 * 60 && m <= 12 * 60).count())
                .isGreaterThan(hours.size() * 65 / 100);
        assertThat(hours.stream().filter(m -> m > 12 * 60).count())
                .isBetween(hours.size() * 5 / 100L, hours.size() * 25 / 100L);
        assertThat(hours.stream().filter(m -> m > 24 * 60).count()).isPositive();
        Map<String, Integer> byRegion = new TreeMap<>();
        int[] byHourOfDay = new int[24];
        for (NetworkOutage outage : drawn) {
            byRegion.merge(outage.region(), 1, Integer::sum);
            byHourOfDay[(int) (Math.floorMod(outage.from(), DAY) / HOUR)]++;
        }
        assertThat(byRegion).hasSize(8);
        assertThat(byRegion.values()).allSatisfy(n -> assertThat(n).isBetween(350, 560));
        assertThat(Arrays.stream(byHourOfDay).boxed())
                .allSatisfy(n -> assertThat(n).isBetween(100, 210));
    }

    @Test
    void withoutOutagesTheStreamIsTheOneMadeBeforeThereWereAny() throws Exception {
        assertThat(digest(() -> new SubscriberSimulator(400, 23, START, 0.05)))
                .isEqualTo(BEFORE_OUTAGES);
        assertThat(digest(() -> new SubscriberSimulator(400, 23, START, 0.05, 0)))
                .isEqualTo(BEFORE_OUTAGES);
        assertThat(digest(() -> new SubscriberSimulator(400, 23, START, 0.05, 10)))
                .isNotEqualTo(BEFORE_OUTAGES);
    }

    @Test
    void historyFilesCarryTheOutagesInTheConditionsFileAndTheRunFile(@TempDir Path dir)
            throws Exception {
        HistoryWriter.Run run =
                HistoryWriter.write(
                        dir,
                        300,
                        5,
                        START,
                        30,
                        World.DEFAULT.withOutagesPerMonth(8),
                        HistoryFiles.Format.JSON);

        SubscriberSimulator same = new SubscriberSimulator(300, 5, START, 0.02, 8);
        same.recordConditions();
        List<ConditionWindow> expected = new ArrayList<>(same.drainConditions());
        for (int hour = 0; hour < 30 * 24; hour++) {
            same.nextHour();
            expected.addAll(same.drainConditions());
        }
        Path truth = dir.resolve(HistoryWriter.TRUTH_DIRECTORY);
        assertThat(GroundTruthFiles.readConditions(truth)).isEqualTo(expected);
        assertThat(GroundTruthFiles.readOutages(truth))
                .isEqualTo(NetworkOutage.of(expected))
                .isNotEmpty();
        assertThat(run.outagesPerMonth()).isEqualTo(8);
        assertThat(dir.resolve(HistoryWriter.RUN_FILE))
                .content()
                .contains("\"outagesPerMonth\" : 8.0");
        NetworkOutage first = GroundTruthFiles.readOutages(truth).get(0);
        List<String> lines = Files.readAllLines(truth.resolve(GroundTruthFiles.CONDITIONS));
        assertThat(lines)
                .contains(
                        "{\"subscriberId\":\""
                                + first.subscriberIds().get(0)
                                + "\",\"condition\":\"NETWORK_OUTAGE\",\"from\":"
                                + first.from()
                                + ",\"until\":"
                                + first.until()
                                + ",\"scope\":\""
                                + first.region()
                                + "\",\"caseId\":\""
                                + first.id()
                                + "\"}");
        assertThat(lines)
                .filteredOn(line -> !line.contains("NETWORK_OUTAGE"))
                .filteredOn(line -> !line.contains("ACCOUNT_MOVE"))
                .isNotEmpty()
                .noneMatch(line -> line.contains("scope") || line.contains("caseId"));
    }

    @Test
    void outagesPerMonthMustBeBetweenNoneAndThirty() {
        assertThatThrownBy(() -> new SubscriberSimulator(10, 1, START, 0.02, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outagesPerMonth");
        assertThatThrownBy(() -> new SubscriberSimulator(10, 1, START, 0.02, 31))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SubscriberSimulator(10, 1, START, 0.02, 30).outagesPerMonth()).isEqualTo(30);
    }

    /**
     * Sorts a pair of hours' events of a subscriber an outage cuts off: what reached it while cut
     * off and what would have, the fault reports the outage adds and their clearings, and the calls
     * just before the outage.
     */
    private static void compare(
            String id, List<SubscriberEvent> with, List<SubscriberEvent> without) {
        Set<SubscriberEvent> usual = new HashSet<>(without);
        for (SubscriberEvent e : with) {
            if (cutOffAt(id, e.getEventTime())) {
                whileCutOff.add(e);
            }
            if (e.getType() == EventType.FAULT_REPORT
                    && !usual.contains(e)
                    && reportingAt(id, e.getEventTime())) {
                addedFaults.add(e);
            }
            if (e.getType() == EventType.FAULT_CLEARED) {
                clearings.put(e.getReferenceId(), e);
            }
        }
        Map<String, SubscriberEvent> withById = new HashMap<>();
        with.forEach(e -> withById.put(e.getEventId(), e));
        for (SubscriberEvent e : without) {
            if (cutOffAt(id, e.getEventTime())) {
                wouldHaveBeen.add(e);
            }
            SubscriberEvent other = withById.get(e.getEventId());
            if (e.getType() == EventType.VOICE_CALL
                    && other != null
                    && justBefore(id, e.getEventTime())
                    && SubscriberEvent.newBuilder(other)
                            .setDropped(e.getDropped())
                            .build()
                            .equals(e)) {
                droppedBefore[0]++;
                droppedBefore[1] += Boolean.TRUE.equals(other.getDropped()) ? 1 : 0;
                droppedBefore[2] += Boolean.TRUE.equals(e.getDropped()) ? 1 : 0;
            }
        }
    }

    private static List<SubscriberEvent> withoutClearings(List<SubscriberEvent> events) {
        return events.stream().filter(e -> e.getType() != EventType.FAULT_CLEARED).toList();
    }

    /** Whether an outage cutting the subscriber off starts within the hours after {@code time}. */
    private static boolean justBefore(String id, long time) {
        return outagesOf.getOrDefault(id, List.of()).stream()
                .anyMatch(
                        o ->
                                time < o.from()
                                        && time >= o.from() - NetworkOutages.MAX_DEGRADED_MILLIS);
    }

    /** Whether the subscriber may report a fault for an outage at {@code time}. */
    private static boolean reportingAt(String id, long time) {
        return outagesOf.getOrDefault(id, List.of()).stream()
                .anyMatch(
                        o ->
                                time >= o.from()
                                        && time < o.until() + NetworkOutages.REPORTS_AFTER_MILLIS);
    }

    private static boolean cutOffAt(String id, long time) {
        return outagesOf.getOrDefault(id, List.of()).stream().anyMatch(o -> o.covers(time));
    }

    /**
     * Whether the hour falls around an outage that cuts the subscriber off: from the first dropped
     * calls before it to the last fault reports after it.
     */
    private static boolean aroundAnOutage(String id, long hour) {
        return outagesOf.getOrDefault(id, List.of()).stream()
                .anyMatch(
                        o ->
                                hour + HOUR > o.from() - NetworkOutages.MAX_DEGRADED_MILLIS
                                        && hour < o.until() + NetworkOutages.REPORTS_AFTER_MILLIS);
    }

    private static boolean overlaps(NetworkOutage outage, long hour) {
        return hour + HOUR > outage.from() && hour < outage.until();
    }

    private static long ceilHour(long time) {
        return Math.floorDiv(time + HOUR - 1, HOUR) * HOUR;
    }

    private static Map<String, List<SubscriberEvent>> bySubscriber(List<SubscriberEvent> events) {
        Map<String, List<SubscriberEvent>> bySubscriber = new HashMap<>();
        for (SubscriberEvent e : events) {
            bySubscriber.computeIfAbsent(e.getSubscriberId(), id -> new ArrayList<>()).add(e);
        }
        return bySubscriber;
    }

    private static void count(
            Map<String, List<SubscriberEvent>> events, Map<String, int[]> traffic, int hour) {
        events.forEach(
                (id, ofSubscriber) -> {
                    String region = regionOf.get(id);
                    if (region == null) {
                        return;
                    }
                    int[] counts = traffic.computeIfAbsent(region, r -> new int[DAYS * 24]);
                    for (SubscriberEvent e : ofSubscriber) {
                        if (TRAFFIC.contains(e.getType())) {
                            counts[hour]++;
                        }
                    }
                });
    }

    /**
     * The event count and a SHA-256 of 14 days of a simulator's events (their JSON) and conditions
     * (subscriber, condition, from, until), hour by hour.
     */
    private static String digest(Supplier<SubscriberSimulator> make)
            throws NoSuchAlgorithmException {
        SubscriberSimulator simulator = make.get();
        simulator.recordConditions();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long events = 0;
        for (int hour = 0; hour < 14 * 24; hour++) {
            for (SubscriberEvent e : simulator.nextHour().events()) {
                // the fields added to the record since, unset, as the digest was taken without them
                String record = e.toString().replace(", \"cellId\": null", "");
                digest.update((record + "\n").getBytes(StandardCharsets.UTF_8));
                events++;
            }
            for (ConditionWindow c : simulator.drainConditions()) {
                String line =
                        c.subscriberId() + " " + c.condition() + " " + c.from() + " " + c.until();
                digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return events + " " + HexFormat.of().formatHex(digest.digest());
    }
}
