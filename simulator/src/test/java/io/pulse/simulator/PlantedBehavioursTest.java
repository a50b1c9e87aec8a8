package io.pulse.simulator;

import io.pulse.schema.CallScope;
import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberStatus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What each planted behaviour looks like in the events, before any scoring. */
class PlantedBehavioursTest {

    /** A Monday, midnight UTC. */
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final int DAYS = 120;
    private static final long END = START + DAYS * DAY;
    private static final Set<Behaviour> WATCHED =
            EnumSet.of(
                    Behaviour.DORMANT,
                    Behaviour.NON_PAYER,
                    Behaviour.SPIKER,
                    Behaviour.FAULTY,
                    Behaviour.COURTED,
                    Behaviour.SPEND_DECLINER);

    private static final Map<Behaviour, List<SimulatedSubscriber>> planted = new HashMap<>();
    private static final List<SimulatedSubscriber> steadyMass = new ArrayList<>();
    private static final Map<String, List<SubscriberEvent>> eventsOf = new HashMap<>();

    @BeforeAll
    static void simulate() {
        SubscriberSimulator simulator = new SubscriberSimulator(2000, 42, START);
        for (SimulatedSubscriber subscriber : simulator.subscribers()) {
            // a subscriber on the way out shows its own signs as well: watch the others
            boolean staysThroughout =
                    (subscriber.churn() == null || subscriber.churn().from() > END)
                            && (subscriber.waver() == null || subscriber.waver().from() > END);
            if (!staysThroughout) {
                continue;
            }
            if (WATCHED.contains(subscriber.behaviour())) {
                planted.computeIfAbsent(subscriber.behaviour(), b -> new ArrayList<>())
                        .add(subscriber);
                eventsOf.put(subscriber.id(), new ArrayList<>());
            } else if (subscriber.behaviour() == Behaviour.STEADY
                    && subscriber.segment() == Segment.MASS
                    && steadyMass.size() < 100) {
                steadyMass.add(subscriber);
                eventsOf.put(subscriber.id(), new ArrayList<>());
            }
        }
        for (int hour = 0; hour < DAYS * 24; hour++) {
            for (SubscriberEvent event : simulator.nextHour().events()) {
                List<SubscriberEvent> events = eventsOf.get(event.getSubscriberId());
                if (events != null) {
                    events.add(event);
                }
            }
        }
    }

    @Test
    void dormantSubscribersNeitherMakeNorReceiveCallsButKeepUsingDataAndMessages() {
        assertThat(planted.get(Behaviour.DORMANT))
                .hasSizeGreaterThan(10)
                .allSatisfy(
                        subscriber -> {
                            List<SubscriberEvent> dormant =
                                    events(
                                            subscriber,
                                            e -> e.getEventTime() >= subscriber.behaviourStart());
                            assertThat(dormant).noneMatch(e -> e.getType() == EventType.VOICE_CALL);
                            assertThat(dormant)
                                    .anyMatch(e -> e.getType() == EventType.DATA_SESSION);
                            assertThat(dormant)
                                    .anyMatch(
                                            e ->
                                                    e.getType() == EventType.SMS
                                                            && e.getDirection()
                                                                    == Direction.OUTGOING);
                            assertThat(subscriber.behaviourStart())
                                    .isBetween(START, START + 30 * DAY);
                        });
    }

    @Test
    void nonPayersPayNothingDuringTheirSpellThenEverythingAndAreSuspendedMeanwhileWhenItLasts() {
        List<SimulatedSubscriber> nonPayers = planted.get(Behaviour.NON_PAYER);
        assertThat(nonPayers).hasSizeGreaterThan(10);
        int suspended = 0;
        for (SimulatedSubscriber subscriber : nonPayers) {
            List<SubscriberEvent> spellBills =
                    events(
                            subscriber,
                            e ->
                                    e.getType() == EventType.BILL
                                            && subscriber.behaviourActiveAt(e.getEventTime()));
            List<SubscriberEvent> payments =
                    events(subscriber, e -> e.getType() == EventType.PAYMENT);
            for (SubscriberEvent bill : spellBills) {
                List<SubscriberEvent> paid =
                        payments.stream()
                                .filter(p -> p.getReferenceId().equals(bill.getEventId()))
                                .toList();
                if (subscriber.behaviourEnd() + DAY < END) {
                    assertThat(paid).as("%s of %s", bill.getEventId(), subscriber).hasSize(1);
                    assertThat(paid.get(0).getEventTime())
                            .isBetween(subscriber.behaviourEnd(), subscriber.behaviourEnd() + DAY);
                } else {
                    assertThat(paid).isEmpty();
                }
            }
            List<SubscriberEvent> statuses =
                    events(subscriber, e -> e.getType() == EventType.STATUS_CHANGE);
            if (subscriber.nonPayerSuspendedFrom() != 0
                    && subscriber.nonPayerSuspendedFrom() < END) {
                suspended++;
                assertThat(statuses.get(0).getStatus()).isEqualTo(SubscriberStatus.SUSPENDED);
                assertThat(statuses.get(0).getEventTime())
                        .isEqualTo(subscriber.nonPayerSuspendedFrom());
                // no service while suspended
                assertThat(
                                events(
                                        subscriber,
                                        e ->
                                                subscriber.suspendedAt(e.getEventTime())
                                                        && e.getDirection() != null))
                        .isEmpty();
                if (subscriber.nonPayerResumesAt() < END) {
                    assertThat(statuses.get(1).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
                }
            } else {
                assertThat(statuses).isEmpty();
            }
        }
        assertThat(suspended).isPositive().isLessThan(nonPayers.size());
    }

    @Test
    void aSpikersSpikeDayHasManyTimesItsUsualCallMinutesMostlyAbroad() {
        assertThat(planted.get(Behaviour.SPIKER))
                .hasSizeGreaterThan(5)
                .allSatisfy(
                        subscriber -> {
                            long spikeDay = subscriber.behaviourStart();
                            assertThat(spikeDay % DAY).isZero();
                            assertThat(spikeDay).isBetween(START + 14 * DAY, START + 70 * DAY);
                            List<SubscriberEvent> calls =
                                    events(subscriber, PlantedBehavioursTest::isOutgoingCall);
                            Predicate<SubscriberEvent> onSpikeDay =
                                    e ->
                                            e.getEventTime() >= spikeDay
                                                    && e.getEventTime() < spikeDay + DAY;
                            double spikeMinutes =
                                    minutes(calls.stream().filter(onSpikeDay).toList());
                            double usualMinutesPerDay =
                                    minutes(calls.stream().filter(onSpikeDay.negate()).toList())
                                            / (DAYS - 1);
                            long abroad =
                                    calls.stream()
                                            .filter(onSpikeDay)
                                            .filter(
                                                    e ->
                                                            e.getCallScope()
                                                                    == CallScope.INTERNATIONAL)
                                            .count();

                            // a cloned SIM makes 15 to 50 calls a day besides its owner's, mostly
                            // long ones abroad
                            assertThat(spikeMinutes)
                                    .isGreaterThan(Math.max(100, 3 * usualMinutesPerDay));
                            assertThat(abroad)
                                    .isGreaterThan(calls.stream().filter(onSpikeDay).count() / 2);
                        });
    }

    @Test
    void aFaultyLinesFirstFaultComesAtTheStartAndIsRepairedLateAndMoreFollowWhileItLasts() {
        List<SimulatedSubscriber> faulty = planted.get(Behaviour.FAULTY);
        double faultyDays = 0;
        long faultsInSpell = 0;
        for (SimulatedSubscriber subscriber : faulty) {
            SubscriberEvent first =
                    events(
                                    subscriber,
                                    e ->
                                            e.getType() == EventType.FAULT_REPORT
                                                    && e.getEventTime()
                                                            == subscriber.behaviourStart())
                            .get(0);
            SubscriberEvent cleared =
                    events(subscriber, e -> first.getEventId().equals(e.getReferenceId())).get(0);
            assertThat(cleared.getEventTime()).isGreaterThan(first.getCommitTime());
            faultsInSpell +=
                    events(
                                    subscriber,
                                    e ->
                                            e.getType() == EventType.FAULT_REPORT
                                                    && subscriber.behaviourActiveAt(
                                                            e.getEventTime()))
                            .size();
            faultyDays +=
                    (Math.min(END, subscriber.behaviourEnd()) - subscriber.behaviourStart())
                            / (double) DAY;
        }
        double steadyFaultsPerDay =
                steadyMass.stream()
                                .mapToInt(
                                        s ->
                                                events(
                                                                s,
                                                                e ->
                                                                        e.getType()
                                                                                == EventType
                                                                                        .FAULT_REPORT)
                                                        .size())
                                .sum()
                        / (steadyMass.size() * (double) DAYS);
        assertThat(faulty).hasSizeGreaterThan(10);
        assertThat(faultsInSpell / faultyDays).isGreaterThan(15 * steadyFaultsPerDay);
    }

    @Test
    void courtedKeyAccountsAreApproachedAtTheStartAndAgainEveryFewWeeksWhileCourted() {
        List<SimulatedSubscriber> courted = planted.get(Behaviour.COURTED);
        assertThat(courted)
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(
                        subscriber -> {
                            assertThat(subscriber.segment()).isEqualTo(Segment.KEY_ACCOUNT);
                            assertThat(
                                            events(
                                                    subscriber,
                                                    e ->
                                                            e.getType()
                                                                    == EventType
                                                                            .COMPETITOR_CONTACT))
                                    .extracting(SubscriberEvent::getEventTime)
                                    .contains(subscriber.behaviourStart());
                        });
        double laterApproaches =
                courted.stream()
                        .mapToLong(
                                s ->
                                        events(
                                                        s,
                                                        e ->
                                                                e.getType()
                                                                                == EventType
                                                                                        .COMPETITOR_CONTACT
                                                                        && e.getEventTime()
                                                                                > s.behaviourStart()
                                                                        && s.behaviourActiveAt(
                                                                                e.getEventTime()))
                                                .size())
                        .average()
                        .orElseThrow();
        double weeksCourted =
                courted.stream()
                        .mapToDouble(
                                s ->
                                        (Math.min(END, s.behaviourEnd()) - s.behaviourStart())
                                                / (7.0 * DAY))
                        .average()
                        .orElseThrow();
        assertThat(laterApproaches).isBetween(weeksCourted / 8, weeksCourted / 2);
    }

    @Test
    void spendDeclinersCutTheirCallsAndBillsWithinAWeek() {
        double[] minutesPerDayBeforeAndAfter = new double[2];
        double[] billsBeforeAndAfter = new double[2];
        assertThat(planted.get(Behaviour.SPEND_DECLINER))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(
                        subscriber -> {
                            long start = subscriber.behaviourStart();
                            long cutDone = start + 7 * DAY;
                            assertThat(start).isBetween(START + 20 * DAY, START + 60 * DAY);
                            minutesPerDayBeforeAndAfter[0] +=
                                    minutes(
                                                    events(
                                                            subscriber,
                                                            e ->
                                                                    isOutgoingCall(e)
                                                                            && e.getEventTime()
                                                                                    < start))
                                            / ((start - START) / (double) DAY);
                            minutesPerDayBeforeAndAfter[1] +=
                                    minutes(
                                                    events(
                                                            subscriber,
                                                            e ->
                                                                    isOutgoingCall(e)
                                                                            && e.getEventTime()
                                                                                    >= cutDone))
                                            / ((END - cutDone) / (double) DAY);
                            billsBeforeAndAfter[0] +=
                                    mean(billAmounts(subscriber, e -> e.getEventTime() < start));
                            billsBeforeAndAfter[1] +=
                                    mean(billAmounts(subscriber, e -> e.getEventTime() >= cutDone));
                        });
        // each keeps between four and nine tenths of its lines
        assertThat(minutesPerDayBeforeAndAfter[1])
                .isLessThan(0.85 * minutesPerDayBeforeAndAfter[0]);
        assertThat(billsBeforeAndAfter[1]).isLessThan(0.95 * billsBeforeAndAfter[0]);
    }

    private static List<SubscriberEvent> events(
            SimulatedSubscriber subscriber, Predicate<SubscriberEvent> filter) {
        return eventsOf.get(subscriber.id()).stream().filter(filter).collect(Collectors.toList());
    }

    private static boolean isOutgoingCall(SubscriberEvent event) {
        return event.getType() == EventType.VOICE_CALL
                && event.getDirection() == Direction.OUTGOING;
    }

    private static double minutes(List<SubscriberEvent> calls) {
        return calls.stream().mapToInt(SubscriberEvent::getDurationSec).sum() / 60.0;
    }

    private static double mean(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElseThrow();
    }

    private static List<Long> billAmounts(
            SimulatedSubscriber subscriber, Predicate<SubscriberEvent> filter) {
        return events(subscriber, e -> e.getType() == EventType.BILL && filter.test(e)).stream()
                .map(SubscriberEvent::getAmountMinor)
                .toList();
    }
}
