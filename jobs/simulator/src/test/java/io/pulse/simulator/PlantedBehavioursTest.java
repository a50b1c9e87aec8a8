package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.schema.CallScope;
import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;

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

/** What each planted behaviour looks like in the events, before any scoring. */
class PlantedBehavioursTest {

    /** A Monday, midnight UTC. */
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final int DAYS = 80;
    private static final Set<Behaviour> WATCHED = EnumSet.of(Behaviour.DORMANT, Behaviour.NON_PAYER,
            Behaviour.SPIKER, Behaviour.FAULTY, Behaviour.COURTED, Behaviour.CHURNER, Behaviour.SPEND_DECLINER);

    private static final Map<Behaviour, List<SimulatedSubscriber>> planted = new HashMap<>();
    private static final List<SimulatedSubscriber> steadyMass = new ArrayList<>();
    private static final Map<String, List<SubscriberEvent>> eventsOf = new HashMap<>();

    @BeforeAll
    static void simulate() {
        SubscriberSimulator simulator = new SubscriberSimulator(2000, 42, START);
        for (SimulatedSubscriber subscriber : simulator.subscribers()) {
            if (WATCHED.contains(subscriber.behaviour())) {
                planted.computeIfAbsent(subscriber.behaviour(), b -> new ArrayList<>()).add(subscriber);
                eventsOf.put(subscriber.id(), new ArrayList<>());
            } else if (subscriber.behaviour() == Behaviour.STEADY && subscriber.segment() == Segment.MASS
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
        assertThat(planted.get(Behaviour.DORMANT)).hasSizeGreaterThan(10).allSatisfy(subscriber -> {
            List<SubscriberEvent> dormant = events(subscriber, e -> e.getEventTime() >= subscriber.behaviourStart());
            assertThat(dormant).noneMatch(e -> e.getType() == EventType.VOICE_CALL);
            assertThat(dormant).anyMatch(e -> e.getType() == EventType.DATA_SESSION);
            assertThat(dormant).anyMatch(e -> e.getType() == EventType.SMS && e.getDirection() == Direction.OUTGOING);
            assertThat(subscriber.behaviourStart()).isBetween(START, START + 10 * DAY);
        });
    }

    @Test
    void nonPayersAreBilledAndPayNothing() {
        assertThat(planted.get(Behaviour.NON_PAYER)).hasSizeGreaterThan(10).allSatisfy(subscriber -> {
            assertThat(events(subscriber, e -> e.getType() == EventType.BILL)).hasSizeGreaterThanOrEqualTo(2);
            assertThat(events(subscriber, e -> e.getType() == EventType.PAYMENT)).isEmpty();
        });
    }

    @Test
    void aSpikersSpikeDayHasManyTimesItsUsualCallMinutesMostlyAbroad() {
        assertThat(planted.get(Behaviour.SPIKER)).hasSizeGreaterThan(5).allSatisfy(subscriber -> {
            long spikeDay = subscriber.behaviourStart();
            assertThat(spikeDay % DAY).isZero();
            assertThat(spikeDay).isBetween(START + 14 * DAY, START + 20 * DAY);
            List<SubscriberEvent> calls = events(subscriber, PlantedBehavioursTest::isOutgoingCall);
            Predicate<SubscriberEvent> onSpikeDay = e -> e.getEventTime() >= spikeDay && e.getEventTime() < spikeDay + DAY;
            double spikeMinutes = minutes(calls.stream().filter(onSpikeDay).toList());
            double usualMinutesPerDay = minutes(calls.stream().filter(onSpikeDay.negate()).toList()) / (DAYS - 1);
            long abroad = calls.stream().filter(onSpikeDay).filter(e -> e.getCallScope() == CallScope.INTERNATIONAL).count();

            assertThat(spikeMinutes).isGreaterThan(Math.max(150, 5 * usualMinutesPerDay));
            assertThat(abroad).isGreaterThan(calls.stream().filter(onSpikeDay).count() / 2);
        });
    }

    @Test
    void aFaultyLinesFirstFaultComesAtTheStartAndIsRepairedLateAndMoreFollow() {
        List<SimulatedSubscriber> faulty = planted.get(Behaviour.FAULTY);
        assertThat(faulty).hasSizeGreaterThan(10).allSatisfy(subscriber -> {
            SubscriberEvent first = events(subscriber, e -> e.getType() == EventType.FAULT_REPORT
                    && e.getEventTime() == subscriber.behaviourStart()).get(0);
            SubscriberEvent cleared = events(subscriber, e -> first.getEventId().equals(e.getReferenceId())).get(0);

            assertThat(cleared.getEventTime()).isGreaterThan(first.getCommitTime());
        });
        assertThat(faultsPerSubscriber(faulty)).isGreaterThan(20 * faultsPerSubscriber(steadyMass));
    }

    @Test
    void courtedKeyAccountsAreApproachedAtTheStartAndAgainEveryFewWeeks() {
        List<SimulatedSubscriber> courted = planted.get(Behaviour.COURTED);
        assertThat(courted).hasSizeGreaterThanOrEqualTo(3).allSatisfy(subscriber -> {
            assertThat(subscriber.segment()).isEqualTo(Segment.KEY_ACCOUNT);
            assertThat(events(subscriber, e -> e.getType() == EventType.COMPETITOR_CONTACT))
                    .extracting(SubscriberEvent::getEventTime)
                    .contains(subscriber.behaviourStart());
        });
        double laterApproaches = courted.stream()
                .mapToLong(s -> events(s, e -> e.getType() == EventType.COMPETITOR_CONTACT
                        && e.getEventTime() > s.behaviourStart()).size())
                .average().orElseThrow();
        double weeksCourted = courted.stream()
                .mapToDouble(s -> (START + DAYS * DAY - s.behaviourStart()) / (7.0 * DAY))
                .average().orElseThrow();
        assertThat(laterApproaches).isBetween(weeksCourted / 8, weeksCourted / 2);
    }

    @Test
    void churnersCallCustomerServiceOftenAndTalkLongInTheDay() {
        double steadyDaytimeMinutes = steadyMass.stream()
                .mapToDouble(s -> minutes(events(s, e -> isOutgoingCall(e) && BehaviourEffects.isDaytime(e.getEventTime()))))
                .average().orElseThrow();
        List<SimulatedSubscriber> churners = planted.get(Behaviour.CHURNER);
        double churnerDaytimeMinutes = churners.stream()
                .filter(s -> s.segment() == Segment.MASS)
                .mapToDouble(s -> minutes(events(s, e -> isOutgoingCall(e) && BehaviourEffects.isDaytime(e.getEventTime())
                        && e.getEventTime() >= s.behaviourStart())) * DAYS / (DAYS - (s.behaviourStart() - START) / (double) DAY))
                .average().orElseThrow();

        // four and more calls to customer service in 30 days: the calibration data's strongest sign
        assertThat(churners).hasSizeGreaterThan(20).allSatisfy(subscriber ->
                assertThat(mostIn30Days(events(subscriber, e -> e.getType() == EventType.CARE_CONTACT)))
                        .isGreaterThanOrEqualTo(4));
        assertThat(churnerDaytimeMinutes).isGreaterThan(2 * steadyDaytimeMinutes);
    }

    @Test
    void spendDeclinersCutTheirCallSpendAndBillsWithinAWeek() {
        long end = START + DAYS * DAY;
        double[] spendPerDayBeforeAndAfter = new double[2];
        assertThat(planted.get(Behaviour.SPEND_DECLINER)).hasSizeGreaterThanOrEqualTo(3).allSatisfy(subscriber -> {
            long start = subscriber.behaviourStart();
            long cutDone = start + 7 * DAY;
            long fee = subscriber.profile().getPlanMonthlyFeeMinor();
            assertThat(start).isBetween(START + 20 * DAY, START + 36 * DAY);
            double spendPerDayBefore = callCharges(subscriber, START, start) / ((start - START) / (double) DAY);
            double spendPerDayAfter = callCharges(subscriber, cutDone, end) / ((end - cutDone) / (double) DAY);
            spendPerDayBeforeAndAfter[0] += spendPerDayBefore;
            spendPerDayBeforeAndAfter[1] += spendPerDayAfter;

            assertThat(billAmounts(subscriber, e -> e.getEventTime() < start))
                    .allSatisfy(bill -> assertThat(bill).isGreaterThanOrEqualTo(fee * 97 / 100));
            assertThat(billAmounts(subscriber, e -> e.getEventTime() >= cutDone))
                    .isNotEmpty()
                    .allSatisfy(bill -> assertThat(bill).isLessThan(fee * 9 / 10));
        });
        // a few long calls abroad make one key account's call spend noisy: the cut of 40% shows in the sum
        assertThat(spendPerDayBeforeAndAfter[1]).isLessThan(0.7 * spendPerDayBeforeAndAfter[0]);
    }

    private static List<SubscriberEvent> events(SimulatedSubscriber subscriber, Predicate<SubscriberEvent> filter) {
        return eventsOf.get(subscriber.id()).stream().filter(filter).collect(Collectors.toList());
    }

    private static double faultsPerSubscriber(List<SimulatedSubscriber> subscribers) {
        return subscribers.stream()
                .mapToInt(s -> events(s, e -> e.getType() == EventType.FAULT_REPORT).size())
                .average().orElseThrow();
    }

    /** The most of the events, which are in time order, within any 30 days. */
    private static int mostIn30Days(List<SubscriberEvent> events) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < events.size(); last++) {
            while (events.get(last).getEventTime() - events.get(first).getEventTime() >= 30 * DAY) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private static boolean isOutgoingCall(SubscriberEvent event) {
        return event.getType() == EventType.VOICE_CALL && event.getDirection() == Direction.OUTGOING;
    }

    private static double minutes(List<SubscriberEvent> calls) {
        return calls.stream().mapToInt(SubscriberEvent::getDurationSec).sum() / 60.0;
    }

    private static double callCharges(SimulatedSubscriber subscriber, long from, long until) {
        return events(subscriber, e -> isOutgoingCall(e) && e.getEventTime() >= from && e.getEventTime() < until)
                .stream().mapToLong(SubscriberEvent::getAmountMinor).sum();
    }

    private static List<Long> billAmounts(SimulatedSubscriber subscriber, Predicate<SubscriberEvent> filter) {
        return events(subscriber, e -> e.getType() == EventType.BILL && filter.test(e)).stream()
                .map(SubscriberEvent::getAmountMinor)
                .toList();
    }
}
