package io.pulse.simulator;

import io.pulse.schema.ChurnCause;
import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberStatus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The simulated world's churn: how many leave and why, that they really leave, what the ways out
 * look like in the events, and how much their signs overlap with the ordinary life of those who
 * stay. The figures checked are the world's own (its rates and shares), not any alert rule's.
 */
class ChurnWorldTest {

    /** A Monday, midnight UTC. */
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

    private static final long DAY = 86_400_000L;
    private static final int SUBSCRIBERS = 2000;
    private static final int DAYS = 120;
    private static final long END = START + DAYS * DAY;

    private static SubscriberSimulator simulator;
    private static final Map<String, List<SubscriberEvent>> eventsOf = new HashMap<>();
    private static SignOverlap overlap;

    @BeforeAll
    static void simulate() {
        simulator = new SubscriberSimulator(SUBSCRIBERS, 42, START);
        simulator.recordConditions();
        overlap = new SignOverlap(simulator.subscribers(), START, DAYS);
        for (SimulatedSubscriber s : simulator.subscribers()) {
            eventsOf.put(s.id(), new ArrayList<>());
        }
        for (int hour = 0; hour < DAYS * 24; hour++) {
            for (SubscriberEvent event : simulator.nextHour().events()) {
                eventsOf.get(event.getSubscriberId()).add(event);
                overlap.accept(event);
            }
            simulator.drainConditions().forEach(overlap::accept);
        }
    }

    @Test
    void aboutTheConfiguredShareLeavesEachMonth() {
        assertThat(monthlyShareLeaving(simulator)).isBetween(0.014, 0.028);
        SubscriberSimulator higher = new SubscriberSimulator(SUBSCRIBERS, 42, START, 0.05);
        assertThat(monthlyShareLeaving(higher)).isBetween(0.035, 0.07);
        SubscriberSimulator none = new SubscriberSimulator(SUBSCRIBERS, 42, START, 0.0);
        assertThat(none.subscribers()).allSatisfy(s -> assertThat(s.churn()).isNull());
    }

    @Test
    void aChurnerLeavesWithOneTerminationOnItsChurnDateAndNothingAfter() {
        int left = 0;
        for (SimulatedSubscriber s : simulator.subscribers()) {
            List<SubscriberEvent> events = eventsOf.get(s.id());
            List<SubscriberEvent> terminations =
                    events.stream()
                            .filter(
                                    e ->
                                            e.getType() == EventType.STATUS_CHANGE
                                                    && e.getStatus() == SubscriberStatus.TERMINATED)
                            .toList();
            if (s.terminatedAt(END)) {
                left++;
                assertThat(terminations).as("%s", s).hasSize(1);
                assertThat(terminations.get(0).getEventTime()).isEqualTo(s.churn().until());
                assertThat(events)
                        .allSatisfy(
                                e ->
                                        assertThat(e.getEventTime())
                                                .isLessThanOrEqualTo(s.churn().until()));
            } else {
                assertThat(terminations).as("%s", s).isEmpty();
            }
        }
        assertThat(left).isGreaterThan(100);
    }

    @Test
    void everyCauseOccursInAboutItsShareAndOnlyMassAndBusinessSubscribersLeaveMaliciously() {
        Map<ChurnCause, Integer> causes = new EnumMap<>(ChurnCause.class);
        int mass = 0;
        for (SimulatedSubscriber s : simulator.subscribers()) {
            if (s.churn() != null && s.segment() != Segment.KEY_ACCOUNT) {
                causes.merge(s.churn().cause(), 1, Integer::sum);
                mass++;
            }
            if (s.churn() != null && s.segment() == Segment.KEY_ACCOUNT) {
                assertThat(s.churn().cause()).isNotEqualTo(ChurnCause.MALICIOUS);
            }
        }
        assertThat(causes.get(ChurnCause.COMPETITIVE) / (double) mass)
                .isCloseTo(0.35, within(0.05));
        assertThat(causes.get(ChurnCause.DISAPPOINTMENT) / (double) mass)
                .isCloseTo(0.25, within(0.05));
        assertThat(causes.get(ChurnCause.NATURAL) / (double) mass).isCloseTo(0.25, within(0.05));
        assertThat(causes.get(ChurnCause.MALICIOUS) / (double) mass).isCloseTo(0.15, within(0.05));
    }

    @Test
    void aMaliciousChurnerStopsPayingIsSuspendedThirtyDaysPastDueThenRemoved() {
        List<SimulatedSubscriber> malicious =
                simulator.subscribers().stream()
                        .filter(
                                s ->
                                        s.terminatedAt(END)
                                                && s.churn().cause() == ChurnCause.MALICIOUS
                                                && s.churn().suspendedFrom() > START + 35 * DAY)
                        .toList();
        assertThat(malicious)
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(
                        s -> {
                            ChurnPlan plan = s.churn();
                            List<SubscriberEvent> events = eventsOf.get(s.id());
                            List<String> unpaid =
                                    events.stream()
                                            .filter(
                                                    e ->
                                                            e.getType() == EventType.BILL
                                                                    && e.getEventTime()
                                                                            >= plan.from())
                                            .map(SubscriberEvent::getEventId)
                                            .toList();
                            assertThat(unpaid).isNotEmpty();
                            assertThat(events)
                                    .noneMatch(
                                            e ->
                                                    e.getType() == EventType.PAYMENT
                                                            && unpaid.contains(e.getReferenceId()));
                            SubscriberEvent suspension =
                                    events.stream()
                                            .filter(
                                                    e ->
                                                            e.getType() == EventType.STATUS_CHANGE
                                                                    && e.getStatus()
                                                                            == SubscriberStatus
                                                                                    .SUSPENDED)
                                            .findFirst()
                                            .orElseThrow();
                            assertThat(suspension.getEventTime())
                                    .isEqualTo(plan.suspendedFrom())
                                    .isEqualTo(plan.from() + 50 * DAY + 3_600_000L)
                                    .isLessThan(plan.until());
                            assertThat(events)
                                    .noneMatch(
                                            e ->
                                                    e.getEventTime() > plan.suspendedFrom()
                                                            && e.getDirection() != null);
                        });
    }

    @Test
    void churnersShowDifferentSubsetsOfTheirCausesSignsAndSomeShowNone() {
        List<ChurnPlan> plans =
                simulator.subscribers().stream()
                        .map(SimulatedSubscriber::churn)
                        .filter(p -> p != null && p.until() < END)
                        .toList();
        double noSigns =
                plans.stream().filter(p -> p.signs().isEmpty()).count() / (double) plans.size();
        assertThat(noSigns).isBetween(0.05, 0.2);
        for (Sign sign :
                List.of(
                        Sign.USAGE_MIGRATION,
                        Sign.COMPETITOR_CONTACTS,
                        Sign.CARE_CONTACTS,
                        Sign.NETWORK_TROUBLE)) {
            List<ChurnPlan> ofCause =
                    plans.stream().filter(p -> p.cause() == causeOf(sign)).toList();
            double showing =
                    ofCause.stream().filter(p -> p.shows(sign)).count() / (double) ofCause.size();
            assertThat(showing).as("%s", sign).isBetween(0.3, 0.85);
        }
    }

    @Test
    void thoseWhoWaverShowTheSameKindOfSignsAndStay() {
        List<SimulatedSubscriber> waverers =
                simulator.subscribers().stream()
                        .filter(s -> s.waver() != null && s.waver().until() < END)
                        .toList();
        assertThat(waverers)
                .hasSizeGreaterThan(30)
                .allSatisfy(
                        s -> {
                            assertThat(s.waver().leaves()).isFalse();
                            assertThat(s.waver().cause())
                                    .isIn(ChurnCause.COMPETITIVE, ChurnCause.DISAPPOINTMENT);
                            assertThat(
                                            s.waver()
                                                    .usageFactorAt(
                                                            s.waver().until()
                                                                    + ChurnPlan.RECOVERY_MILLIS))
                                    .isEqualTo(1.0);
                        });
    }

    @Test
    void theSignsOverlapWithOrdinaryLife() {
        Map<String, SignOverlap.Row> rows = overlap.rows();
        SignOverlap.Row steady = rows.get("steady, stayed");
        SignOverlap.Row competitive = rows.get("left: competitive");
        SignOverlap.Row disappointed = rows.get("left: disappointment");
        System.out.println(overlap.markdown());

        // those who stay complain, call customer service, pay late and go quiet too
        assertThat(steady.shares().get(SignOverlap.Mark.COMPLAINT)).isGreaterThan(0.1);
        assertThat(steady.shares().get(SignOverlap.Mark.CARE_CONTACT)).isGreaterThan(0.3);
        assertThat(steady.shares().get(SignOverlap.Mark.ARREARS)).isGreaterThan(0.1);
        assertThat(steady.shares().get(SignOverlap.Mark.QUIET_SPELL)).isGreaterThan(0.15);
        // the signs are more common on the way out, but far from certain
        assertThat(competitive.shares().get(SignOverlap.Mark.COMPETITOR_CONTACT))
                .isGreaterThan(3 * steady.shares().get(SignOverlap.Mark.COMPETITOR_CONTACT))
                .isLessThan(0.8);
        assertThat(disappointed.shares().get(SignOverlap.Mark.LOW_SURVEY))
                .isGreaterThan(3 * steady.shares().get(SignOverlap.Mark.LOW_SURVEY))
                .isLessThan(0.8);
        assertThat(disappointed.shares().get(SignOverlap.Mark.COMPLAINT))
                .isGreaterThan(2 * steady.shares().get(SignOverlap.Mark.COMPLAINT))
                .isLessThan(0.95);
    }

    @Test
    void personasAndRatedCallsComeInTheirShares() {
        Map<Persona, Integer> personas = new EnumMap<>(Persona.class);
        int rated = 0;
        for (SimulatedSubscriber s : simulator.subscribers()) {
            personas.merge(s.persona(), 1, Integer::sum);
            rated += s.ratedCalls() ? 1 : 0;
            for (SubscriberEvent e : eventsOf.get(s.id())) {
                if (e.getType() == EventType.VOICE_CALL && e.getDirection() == Direction.OUTGOING) {
                    assertThat(e.getAmountMinor() != null).as("%s", e).isEqualTo(s.ratedCalls());
                }
            }
        }
        assertThat(personas.keySet()).containsExactlyInAnyOrder(Persona.values());
        assertThat(personas.get(Persona.ORDINARY) / (double) SUBSCRIBERS).isBetween(0.55, 0.75);
        assertThat(rated / (double) SUBSCRIBERS).isCloseTo(0.65, within(0.05));
    }

    private static ChurnCause causeOf(Sign sign) {
        return sign == Sign.NETWORK_TROUBLE ? ChurnCause.DISAPPOINTMENT : ChurnCause.COMPETITIVE;
    }

    private static double monthlyShareLeaving(SubscriberSimulator simulator) {
        long left = simulator.subscribers().stream().filter(s -> s.terminatedAt(END)).count();
        return left / (double) SUBSCRIBERS / (DAYS / 30.0);
    }
}
