package io.pulse.simulator;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertType;
import io.pulse.schema.EventType;
import io.pulse.schema.SubscriberEvent;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.state.EmittedScore;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Events that arrive out of order, within the allowed lateness, give the same result as in order:
 * the same usage, scores (up to the emission thresholds) and alert episodes. The simulated stream
 * is replayed once in event-time order and once with every event delayed by up to six hours, so
 * that it often arrives after later events and after timers that fell due meanwhile.
 */
class OutOfOrderEventsTest {
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final int SUBSCRIBERS = 400;

    /** CHURN_RISK waits for 28 days of a subscriber: 75 days give it enough episodes to compare. */
    private static final int DAYS = 75;

    private static final long MAX_DELAY = 6 * 3_600_000L;
    private static final ScoringConfig config = TestEvents.shippedConfig();

    private static SubscriberSimulator simulator;
    private static ScoringReplay inOrder;
    private static ScoringReplay disordered;
    private static long displaced;
    private static List<Arrival> arrivals;

    @BeforeAll
    static void replayBothWays() {
        simulator = new SubscriberSimulator(SUBSCRIBERS, 3, START);
        List<SubscriberEvent> events = new ArrayList<>();
        for (int hour = 0; hour < DAYS * 24; hour++) {
            events.addAll(simulator.nextHour().events());
        }
        inOrder = new ScoringReplay(simulator.profiles());
        events.forEach(inOrder::accept);

        Random random = new Random(5);
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            SubscriberEvent event = events.get(i);
            arrivals.add(
                    new Arrival(
                            event.getEventTime() + (long) (random.nextDouble() * MAX_DELAY),
                            i,
                            event));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::time).thenComparingInt(Arrival::order));
        long latest = Long.MIN_VALUE;
        for (Arrival arrival : arrivals) {
            if (arrival.event().getEventTime() < latest) {
                displaced++;
            }
            latest = Math.max(latest, arrival.event().getEventTime());
        }
        disordered = new ScoringReplay(simulator.profiles());
        arrivals.forEach(a -> disordered.accept(a.event()));
        OutOfOrderEventsTest.arrivals = arrivals;
        Map<String, Long> latestExperience = new HashMap<>();
        for (Arrival arrival : arrivals) {
            SubscriberEvent e = arrival.event();
            if (EXPERIENCE.contains(e.getType()) || Boolean.TRUE.equals(e.getDropped())) {
                long before =
                        latestExperience.merge(e.getSubscriberId(), e.getEventTime(), Math::max);
                if (before > e.getEventTime()) {
                    experienceOutOfOrder.add(e.getSubscriberId());
                }
            }
        }
    }

    private record Arrival(long time, int order, SubscriberEvent event) {}

    @Test
    void theStreamIsReallyOutOfOrder() {
        assertThat(displaced)
                .as("events arriving after a later event")
                .isGreaterThan(inOrder.events() / 4);
        assertThat(disordered.rejected()).as("all within the allowed lateness").isZero();
    }

    /**
     * Satisfaction remembers experience by its latest moments (the latest care contact a new one
     * repeats, the latest survey answer that re-anchors the score, a repair's clearing matched to
     * its report, a bill judged against the bills before it), so it is the same in both orders only
     * where those records arrived in order; for the others it is left out below. A gap in the job's
     * input tolerance.
     */
    private static final Set<EventType> EXPERIENCE =
            EnumSet.of(
                    EventType.CARE_CONTACT,
                    EventType.SURVEY,
                    EventType.COMPLAINT,
                    EventType.FAULT_REPORT,
                    EventType.FAULT_CLEARED,
                    EventType.BILL);

    private static final Set<String> experienceOutOfOrder = new HashSet<>();

    @Test
    void usageAndScoresAreTheSame() {
        assertThat(experienceOutOfOrder.size())
                .as("subscribers whose experience records arrived out of order")
                .isLessThan(SUBSCRIBERS / 4);
        Set<String> faultsOutOfOrder = clearingsOutOfOrderWithTheirFault();
        for (SimulatedSubscriber subscriber : simulator.subscribers()) {
            SubscriberState expected = inOrder.state(subscriber.id());
            SubscriberState actual = disordered.state(subscriber.id());
            if (expected == null) {
                // terminated and removed once late records could no longer arrive, in both orders
                assertThat(actual).as("state of %s", subscriber.id()).isNull();
                continue;
            }
            assertThat(actual.getToday())
                    .as("today of %s", subscriber.id())
                    .isEqualTo(expected.getToday());
            assertThat(actual.getMonth1())
                    .as("month 1 of %s", subscriber.id())
                    .isEqualTo(expected.getMonth1());
            assertThat(actual.getMonth2())
                    .as("month 2 of %s", subscriber.id())
                    .isEqualTo(expected.getMonth2());
            assertThat(actual.getMonth3())
                    .as("month 3 of %s", subscriber.id())
                    .isEqualTo(expected.getMonth3());
            assertThat(actual.getLastActivityTime()).isEqualTo(expected.getLastActivityTime());
            assertThat(actual.getLastOutgoingTime()).isEqualTo(expected.getLastOutgoingTime());
            assertThat(actual.getStatus()).isEqualTo(expected.getStatus());
            // scores are published when they move by more than the emission thresholds: the last
            // one published may differ by less than that
            EmittedScore a = actual.getEmitted();
            EmittedScore e = expected.getEmitted();
            if (faultsOutOfOrder.contains(subscriber.id())) {
                // an early clearing left a fault open in one order: its features differ (see below)
                continue;
            }
            assertThat(a.getChurnProbability())
                    .as("churn of %s", subscriber.id())
                    .isCloseTo(
                            e.getChurnProbability(),
                            within(2 * config.scores().churnChange() + 1e-9));
            if (!experienceOutOfOrder.contains(subscriber.id())) {
                assertThat(a.getSatisfaction())
                        .as("satisfaction of %s", subscriber.id())
                        .isCloseTo(
                                e.getSatisfaction(),
                                within(2 * config.scores().satisfactionChange()));
            }
            assertThat(a.getLifecycleStage()).isEqualTo(e.getLifecycleStage());
            assertThat(a.getValueTier()).isEqualTo(e.getValueTier());
        }
    }

    /**
     * The same, but for two cases of a fault repaired in time whose records arrive out of order:
     * the clearing arrives after the stream has passed the committed repair time (the timer finds
     * the fault open and raises REPAIR_OVERDUE; the late clearing resolves it), or before the
     * report it clears (the job does not remember a clearing of a fault it does not know, so the
     * report opens a fault nothing clears: REPAIR_OVERDUE until the subscriber leaves). Every
     * record that differs must be such an episode of such a subscriber. The second case is a gap in
     * the job's input tolerance: remembering early clearings needs a new state field.
     */
    @Test
    void eventAndTimeDrivenAlertsAreTheSame() {
        List<String> expected = records(inOrder.alerts(), false);
        List<String> actual = records(disordered.alerts(), false);
        List<String> missing = new ArrayList<>(expected);
        actual.forEach(missing::remove);
        List<String> extra = new ArrayList<>(actual);
        expected.forEach(extra::remove);
        Set<String> clearedLate = clearingsOutOfOrderWithTheirFault();
        System.out.printf(
                "Event- and time-driven alert records: %d in order, %d out of order; subscribers whose in-time"
                        + " clearing arrived after the committed time or before its report: %s; extra out of order: %s%n",
                expected.size(), actual.size(), clearedLate, extra);
        assertThat(missing).isEmpty();
        assertThat(extra)
                .allSatisfy(
                        record -> {
                            String[] parts = record.split(" ");
                            assertThat(parts[1]).isEqualTo(AlertType.REPAIR_OVERDUE.name());
                            assertThat(clearedLate).contains(parts[0]);
                        });
        assertThat(expected).hasSizeGreaterThan(50);
    }

    /**
     * Subscribers with a fault cleared before its committed time whose clearing arrived after an
     * event later than that time, or before the fault's report.
     */
    private static Set<String> clearingsOutOfOrderWithTheirFault() {
        Map<String, Long> commits = new HashMap<>();
        Set<String> out = new HashSet<>();
        long seen = Long.MIN_VALUE;
        for (Arrival arrival : arrivals) {
            SubscriberEvent e = arrival.event();
            if (e.getType() == EventType.FAULT_REPORT && e.getCommitTime() != null) {
                commits.put(e.getEventId(), e.getCommitTime());
            } else if (e.getType() == EventType.FAULT_CLEARED) {
                Long commit = commits.get(e.getReferenceId());
                if (commit == null || (e.getEventTime() < commit && seen >= commit)) {
                    out.add(e.getSubscriberId());
                }
            }
            seen = Math.max(seen, e.getEventTime());
        }
        return out;
    }

    /**
     * Which event pushes a score (or today's usage) across its threshold depends on the order
     * events arrive in, so a score-driven episode may start a few events earlier or later, and a
     * churn score hovering at the threshold may open one brief episode more or less. The open
     * episodes at the end are the same.
     *
     * <p>The boosted trees' scores rise in larger steps than the bagged trees' did (one tree's leaf
     * is not averaged away by a hundred others): a churn episode that opens one event earlier in
     * one order opens at MEDIUM and is UPDATED to HIGH by the next event, where the other order
     * opens it at HIGH directly (0.75 then 0.94 against 0.94). So up to 4% of the records may
     * differ (2 of 125 with the shipped model over 75 days), where the bagged trees kept within 2%.
     * A burst of dropped calls is judged on the day's share so far, which is at a threshold of its
     * own: the third dropped call among six calls in one order may come among twelve in the other.
     *
     * <p>SATISFACTION_DROP of subscribers whose experience records arrived out of order is left
     * out: their satisfaction differs (see usageAndScoresAreTheSame), and so its crossings do.
     */
    @Test
    void scoreDrivenAlertsDifferOnlyAtTheThreshold() {
        List<String> expected = scoreDrivenRecords(inOrder.alerts());
        List<String> actual = scoreDrivenRecords(disordered.alerts());
        List<String> missing = new ArrayList<>(expected);
        actual.forEach(missing::remove);
        List<String> extra = new ArrayList<>(actual);
        expected.forEach(extra::remove);
        System.out.printf(
                "Score-driven alert records: %d in order, %d out of order; %s only in order, %s only out of order%n",
                expected.size(), actual.size(), missing, extra);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(missing.size() + extra.size()).isLessThanOrEqualTo(expected.size() / 25);
        Set<String> faultsOutOfOrder = clearingsOutOfOrderWithTheirFault();
        for (SimulatedSubscriber subscriber : simulator.subscribers()) {
            if (faultsOutOfOrder.contains(subscriber.id())) {
                continue; // see eventAndTimeDrivenAlertsAreTheSame
            }
            assertThat(openEpisodes(disordered.state(subscriber.id())))
                    .as("open episodes of %s", subscriber.id())
                    .isEqualTo(openEpisodes(inOrder.state(subscriber.id())));
        }
    }

    private static final Set<AlertType> SCORE_DRIVEN =
            EnumSet.of(AlertType.CHURN_RISK, AlertType.SATISFACTION_DROP, AlertType.USAGE_SPIKE);

    private static List<String> scoreDrivenRecords(List<Alert> alerts) {
        return records(
                alerts.stream()
                        .filter(
                                a ->
                                        a.getType() != AlertType.SATISFACTION_DROP
                                                || !experienceOutOfOrder.contains(
                                                        a.getSubscriberId()))
                        .collect(Collectors.toList()),
                true);
    }

    /** Alert records of the score-driven types or of all others: subscriber, type and status. */
    private static List<String> records(List<Alert> alerts, boolean scoreDriven) {
        return alerts.stream()
                .filter(a -> SCORE_DRIVEN.contains(a.getType()) == scoreDriven)
                .map(a -> a.getSubscriberId() + " " + a.getType() + " " + a.getStatus())
                .sorted()
                .collect(Collectors.toList());
    }

    /** The types of the open episodes; none for a subscriber that has left and been removed. */
    private static List<AlertType> openEpisodes(SubscriberState state) {
        if (state == null) {
            return List.of();
        }
        return state.getEpisodes().stream()
                .map(OpenEpisode::getType)
                .sorted()
                .collect(Collectors.toList());
    }
}
