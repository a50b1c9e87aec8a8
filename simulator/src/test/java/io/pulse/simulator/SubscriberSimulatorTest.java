package io.pulse.simulator;

import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.CodecException;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SubscriberSimulatorTest {

    /** A Monday, midnight UTC. */
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final int HOURS_PER_DAY = 24;

    @Test
    void sameSeedGivesSameProfilesAndEvents() {
        SubscriberSimulator first = new SubscriberSimulator(300, 7, START);
        SubscriberSimulator second = new SubscriberSimulator(300, 7, START);

        assertThat(first.profiles()).isEqualTo(second.profiles());
        for (int hour = 0; hour < 2 * HOURS_PER_DAY; hour++) {
            assertThat(first.nextHour()).isEqualTo(second.nextHour());
        }
    }

    @Test
    void differentSeedsGiveDifferentOutput() {
        SubscriberSimulator first = new SubscriberSimulator(300, 7, START);
        SubscriberSimulator other = new SubscriberSimulator(300, 8, START);

        assertThat(first.profiles()).isNotEqualTo(other.profiles());
        assertThat(first.nextHour().events()).isNotEqualTo(other.nextHour().events());
    }

    @Test
    void behavioursArePlantedInTheirShares() {
        SubscriberSimulator simulator = new SubscriberSimulator(2000, 42, START);

        Map<Segment, List<SimulatedSubscriber>> bySegment = new HashMap<>();
        for (SimulatedSubscriber subscriber : simulator.subscribers()) {
            bySegment.computeIfAbsent(subscriber.segment(), s -> new ArrayList<>()).add(subscriber);
        }
        assertThat(bySegment.get(Segment.KEY_ACCOUNT)).hasSize(60);
        assertThat(bySegment.get(Segment.BUSINESS)).hasSize(240);
        assertThat(bySegment.get(Segment.MASS)).hasSize(1700);
        for (Map.Entry<Segment, List<SimulatedSubscriber>> segment : bySegment.entrySet()) {
            BehaviourMix mix = Population.mixOf(segment.getKey());
            int size = segment.getValue().size();
            for (Behaviour behaviour : Behaviour.values()) {
                long count =
                        segment.getValue().stream().filter(s -> s.behaviour() == behaviour).count();
                assertThat(count)
                        .as("%s %s", segment.getKey(), behaviour)
                        .isEqualTo(mix.counts(size)[behaviour.ordinal()])
                        .isCloseTo(Math.round(mix.shareOf(behaviour) * size), within(1L));
                if (mix.shareOf(behaviour) > 0) {
                    assertThat(count).as("%s %s", segment.getKey(), behaviour).isPositive();
                }
            }
        }
        // Competitors' account teams court key accounts, and only key accounts move lines away.
        for (Behaviour keyAccountsOnly : List.of(Behaviour.COURTED, Behaviour.SPEND_DECLINER)) {
            assertThat(simulator.subscribers())
                    .filteredOn(s -> s.behaviour() == keyAccountsOnly)
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(s.segment()).isEqualTo(Segment.KEY_ACCOUNT));
        }
    }

    @Test
    void keyAccountsAndOnlyKeyAccountsHaveAnAccountManagerAndAClass() {
        for (SubscriberProfile profile : new SubscriberSimulator(2000, 42, START).profiles()) {
            if (profile.getSegment() == Segment.KEY_ACCOUNT) {
                assertThat(profile.getAccountManagerId()).matches("am-\\d{3}");
                assertThat(profile.getKeyAccountClass()).isNotNull();
            } else {
                assertThat(profile.getAccountManagerId()).isNull();
                assertThat(profile.getKeyAccountClass()).isNull();
            }
        }
    }

    @Test
    void profilesLookLikeAnOperatorsCustomerBase() {
        List<SubscriberProfile> profiles = new SubscriberSimulator(2000, 42, START).profiles();
        LocalDate startDate = LocalDate.of(2026, 3, 2);

        assertThat(profiles.get(41).getSubscriberId()).isEqualTo("sub-000042");
        assertThat(profiles).extracting(SubscriberProfile::getSubscriberId).doesNotHaveDuplicates();
        assertThat(profiles)
                .allSatisfy(
                        profile -> {
                            assertThat(profile.getActivationDate())
                                    .isBefore(startDate)
                                    .isAfter(startDate.minusYears(11));
                            assertThat(profile.getPlanMonthlyFeeMinor()).isPositive();
                            assertThat(profile.getPlanCode()).isNotBlank();
                            assertThat(profile.getUpdatedAt()).isEqualTo(START);
                            if (profile.getContractEndDate() != null) {
                                assertThat(profile.getContractEndDate()).isAfter(startDate);
                            }
                        });
        long contractsEndingSoon =
                profiles.stream()
                        .filter(
                                p ->
                                        p.getContractEndDate() != null
                                                && p.getContractEndDate()
                                                        .isBefore(startDate.plusDays(91)))
                        .count();
        long recentlyActivated =
                profiles.stream()
                        .filter(p -> p.getActivationDate().isAfter(startDate.minusDays(90)))
                        .count();
        assertThat(contractsEndingSoon).isBetween(50L, 300L);
        assertThat(recentlyActivated).isBetween(50L, 300L);
        long withRegion = profiles.stream().filter(p -> p.getRegion() != null).count();
        assertThat(withRegion).isBetween(1900L, 1999L);
    }

    @Test
    void eventsOfAnHourAreInsideItAndInTimeOrder() {
        SubscriberSimulator simulator = new SubscriberSimulator(500, 42, START);
        for (int i = 0; i < 7 * HOURS_PER_DAY; i++) {
            SimulatedHour hour = simulator.nextHour();
            assertThat(hour.start()).isEqualTo(START + i * HOUR);
            assertThat(hour.events())
                    .allSatisfy(
                            event ->
                                    assertThat(event.getEventTime())
                                            .isGreaterThanOrEqualTo(hour.start())
                                            .isLessThan(hour.end()));
            assertThat(hour.events())
                    .isSortedAccordingTo(
                            (a, b) -> Long.compare(a.getEventTime(), b.getEventTime()));
        }
    }

    @Test
    void eventIdsAreUniqueAndNameTheSubscriber() {
        Set<String> ids = new HashSet<>();
        List<String> repeatedOrMisnamed = new ArrayList<>();
        forEachEvent(
                new SubscriberSimulator(500, 42, START),
                7,
                event -> {
                    if (!ids.add(event.getEventId())
                            || !event.getEventId().startsWith(event.getSubscriberId() + "-")) {
                        repeatedOrMisnamed.add(event.getEventId());
                    }
                });
        assertThat(repeatedOrMisnamed).isEmpty();
        assertThat(ids).hasSizeGreaterThan(50_000);
    }

    @Test
    void silentSubscribersDoNothingOfTheirOwnOnceSilent() {
        SubscriberSimulator simulator = new SubscriberSimulator(1000, 42, START);
        Map<String, SimulatedSubscriber> silent = new HashMap<>();
        simulator.subscribers().stream()
                .filter(
                        s ->
                                s.behaviour() == Behaviour.SILENT
                                        && (s.churn() == null
                                                || s.churn().from() > START + 60 * DAY))
                .forEach(s -> silent.put(s.id(), s));
        Set<String> incomingWhileSilent = new HashSet<>();
        Set<String> outgoingBeforeSilence = new HashSet<>();

        forEachEvent(
                simulator,
                60,
                event -> {
                    SimulatedSubscriber subscriber = silent.get(event.getSubscriberId());
                    if (subscriber == null) {
                        return;
                    }
                    if (event.getEventTime() < subscriber.behaviourStart()) {
                        if (event.getDirection() == Direction.OUTGOING) {
                            outgoingBeforeSilence.add(subscriber.id());
                        }
                        return;
                    }
                    assertThat(event.getDirection())
                            .as("%s", event)
                            .isNotEqualTo(Direction.OUTGOING);
                    assertThat(event.getType())
                            .as("%s", event)
                            .isIn(
                                    EventType.VOICE_CALL,
                                    EventType.SMS,
                                    EventType.BILL,
                                    EventType.PAYMENT,
                                    EventType.FAULT_CLEARED,
                                    EventType.COMPETITOR_CONTACT);
                    if (event.getDirection() == Direction.INCOMING) {
                        incomingWhileSilent.add(subscriber.id());
                    }
                });

        assertThat(silent).hasSizeGreaterThan(15);
        assertThat(silent.values())
                .allSatisfy(s -> assertThat(s.behaviourStart()).isBetween(START, START + 40 * DAY));
        // a drawer SIM still receives the odd call or message
        assertThat(incomingWhileSilent).containsExactlyInAnyOrderElementsOf(silent.keySet());
        assertThat(outgoingBeforeSilence.size()).isGreaterThan(silent.size() * 3 / 4);
    }

    @Test
    void everyEventAndProfileSurvivesAvroAndJsonRoundTrips() throws CodecException {
        SubscriberSimulator simulator = new SubscriberSimulator(150, 42, START);
        for (WireFormat format : List.of(WireFormat.AVRO, WireFormat.JSON)) {
            RecordCodec<SubscriberProfile> codec = format.codec(SubscriberProfile.class);
            for (SubscriberProfile profile : simulator.profiles()) {
                assertThat(codec.decode(codec.encode(profile))).isEqualTo(profile);
            }
        }
        RecordCodec<SubscriberEvent> avro = WireFormat.AVRO.codec(SubscriberEvent.class);
        RecordCodec<SubscriberEvent> json = WireFormat.JSON.codec(SubscriberEvent.class);
        Set<EventType> types = new HashSet<>();
        List<SubscriberEvent> mismatches = new ArrayList<>();
        forEachEvent(
                simulator,
                35,
                event -> {
                    types.add(event.getType());
                    try {
                        if (!avro.decode(avro.encode(event)).equals(event)
                                || !json.decode(json.encode(event)).equals(event)) {
                            mismatches.add(event);
                        }
                    } catch (CodecException e) {
                        throw new AssertionError(event + ": " + e.getMessage(), e);
                    }
                });
        assertThat(mismatches).isEmpty();
        assertThat(types)
                .contains(
                        EventType.VOICE_CALL,
                        EventType.SMS,
                        EventType.DATA_SESSION,
                        EventType.BILL,
                        EventType.PAYMENT,
                        EventType.TOP_UP,
                        EventType.SERVICE_CHANGE,
                        EventType.COMPLAINT,
                        EventType.CARE_CONTACT,
                        EventType.FAULT_REPORT,
                        EventType.FAULT_CLEARED,
                        EventType.SURVEY);
    }

    @Test
    void paymentsAndFaultClearingsReferToEarlierEventsOfTheSameSubscriber() {
        SubscriberSimulator simulator = new SubscriberSimulator(300, 42, START);
        Map<String, Long> planFees = new HashMap<>();
        simulator
                .profiles()
                .forEach(p -> planFees.put(p.getSubscriberId(), p.getPlanMonthlyFeeMinor()));
        Map<String, Long> shockBillHours = new HashMap<>();
        simulator.subscribers().stream()
                .filter(
                        s ->
                                s.behaviour() == Behaviour.BILL_SHOCKED
                                        && !s.terminatedAt(s.behaviourStart() + HOUR))
                .forEach(s -> shockBillHours.put(s.id(), s.behaviourStart()));
        List<SubscriberEvent> shockBills = new ArrayList<>();
        Map<String, SubscriberEvent> bills = new HashMap<>();
        Map<String, SubscriberEvent> faults = new HashMap<>();
        Set<String> paidBills = new HashSet<>();
        int days = 100;

        forEachEvent(
                simulator,
                days,
                event -> {
                    switch (event.getType()) {
                        case BILL:
                            assertThat(event.getDueTime())
                                    .isEqualTo(event.getEventTime() + 20 * DAY);
                            long fee = planFees.get(event.getSubscriberId());
                            long hour = event.getEventTime() / HOUR * HOUR;
                            if (shockBillHours.getOrDefault(event.getSubscriberId(), -1L) == hour) {
                                // two to six times the usual bill
                                assertThat(event.getAmountMinor())
                                        .isBetween(fee * 9 / 10, fee * 67 / 10 + 1);
                                shockBills.add(event);
                            } else {
                                assertThat(event.getAmountMinor())
                                        .isBetween(fee / 2, fee * 11 / 10 + 1);
                            }
                            bills.put(event.getEventId(), event);
                            break;
                        case PAYMENT:
                            SubscriberEvent bill = bills.get(event.getReferenceId());
                            assertThat(bill).as("bill of %s", event).isNotNull();
                            assertThat(bill.getSubscriberId()).isEqualTo(event.getSubscriberId());
                            assertThat(bill.getAmountMinor()).isEqualTo(event.getAmountMinor());
                            assertThat(bill.getEventTime()).isLessThan(event.getEventTime());
                            assertThat(paidBills.add(bill.getEventId())).as("paid once").isTrue();
                            break;
                        case FAULT_REPORT:
                            assertThat(event.getCommitTime()).isGreaterThan(event.getEventTime());
                            faults.put(event.getEventId(), event);
                            break;
                        case FAULT_CLEARED:
                            SubscriberEvent fault = faults.get(event.getReferenceId());
                            assertThat(fault).as("fault of %s", event).isNotNull();
                            assertThat(fault.getSubscriberId()).isEqualTo(event.getSubscriberId());
                            assertThat(fault.getEventTime()).isLessThan(event.getEventTime());
                            break;
                        default:
                            break;
                    }
                });

        // Bills old enough that even a late payment would have come: most of them are paid.
        long settledBills =
                bills.values().stream()
                        .filter(b -> b.getEventTime() < START + (days - 41) * DAY)
                        .count();
        long settledAndPaid =
                bills.values().stream()
                        .filter(
                                b ->
                                        b.getEventTime() < START + (days - 41) * DAY
                                                && paidBills.contains(b.getEventId()))
                        .count();
        assertThat(settledBills).isGreaterThan(250);
        // One shock each, in the hour planted, for every bill-shocked subscriber whose hour has
        // come.
        List<String> shockedByNow =
                shockBillHours.entrySet().stream()
                        .filter(shock -> shock.getValue() < START + days * DAY)
                        .map(Map.Entry::getKey)
                        .toList();
        assertThat(shockedByNow).isNotEmpty();
        assertThat(shockBills)
                .extracting(SubscriberEvent::getSubscriberId)
                .containsExactlyInAnyOrderElementsOf(shockedByNow);
        assertThat((double) settledAndPaid / settledBills).isBetween(0.85, 0.999);
        assertThat(faults).isNotEmpty();
    }

    @Test
    void steadySubscribersProduceTwentyToFortyEventsADay() {
        SubscriberSimulator simulator = new SubscriberSimulator(500, 42, START);
        Map<String, SimulatedSubscriber> steadyMass = new HashMap<>();
        simulator.subscribers().stream()
                .filter(
                        s ->
                                s.behaviour() == Behaviour.STEADY
                                        && s.segment() == Segment.MASS
                                        && s.persona() == Persona.ORDINARY
                                        && (s.churn() == null
                                                || s.churn().from() > START + 14 * DAY))
                .forEach(s -> steadyMass.put(s.id(), s));
        Map<String, Integer> counts = new HashMap<>();
        int days = 14;

        forEachEvent(
                simulator,
                days,
                event -> {
                    if (steadyMass.containsKey(event.getSubscriberId())) {
                        counts.merge(event.getSubscriberId(), 1, Integer::sum);
                    }
                });

        double meanPerDay =
                counts.values().stream().mapToInt(Integer::intValue).average().orElse(0) / days;
        assertThat(meanPerDay).isBetween(20.0, 40.0);
        assertThat(counts).hasSameSizeAs(steadyMass);
        // a quiet spell can take most of a fortnight
        assertThat(counts.values())
                .allSatisfy(count -> assertThat(count / (double) days).isBetween(3.0, 60.0));
    }

    @Test
    void trafficFollowsADailyRhythm() {
        int[] byHourOfDay = new int[HOURS_PER_DAY];
        forEachEvent(
                new SubscriberSimulator(500, 42, START),
                7,
                event ->
                        byHourOfDay[
                                (int) ((event.getEventTime() - START) / HOUR % HOURS_PER_DAY)]++);

        assertThat(byHourOfDay[3] * 10).isLessThan(byHourOfDay[19]);
        assertThat(byHourOfDay[20]).isGreaterThan(byHourOfDay[8]);
    }

    @Test
    void declinersUseLessWeekByWeek() {
        SubscriberSimulator simulator = new SubscriberSimulator(500, 42, START);
        Map<String, Long> declineStarts = new HashMap<>();
        simulator.subscribers().stream()
                .filter(s -> s.behaviour() == Behaviour.DECLINER)
                .forEach(s -> declineStarts.put(s.id(), s.behaviourStart()));
        // the week before each decliner's decline began, then the first five weeks of it
        int weeks = 6;
        int[] outgoingByWeek = new int[weeks];

        forEachEvent(
                simulator,
                16 * 7,
                event -> {
                    Long declineStart = declineStarts.get(event.getSubscriberId());
                    if (declineStart != null && event.getDirection() == Direction.OUTGOING) {
                        long week = Math.floorDiv(event.getEventTime() - declineStart, 7 * DAY) + 1;
                        if (week >= 0 && week < weeks) {
                            outgoingByWeek[(int) week]++;
                        }
                    }
                });

        assertThat(declineStarts.values())
                .allSatisfy(
                        start -> assertThat(start).isBetween(START + 7 * DAY, START + 60 * DAY));
        for (int week = 1; week < weeks; week++) {
            assertThat(outgoingByWeek[week])
                    .as("week %d", week)
                    .isLessThan(outgoingByWeek[week - 1]);
        }
        // each falls to between a tenth and six tenths of its usual use
        assertThat(outgoingByWeek[weeks - 1]).isLessThan(outgoingByWeek[0] * 6 / 10);
    }

    @Test
    void complainersComplainAndSufferMoreThanOthersWhileTheirSpellLasts() {
        SubscriberSimulator simulator = new SubscriberSimulator(1000, 42, START);
        Map<String, SimulatedSubscriber> byId = new HashMap<>();
        simulator.subscribers().forEach(s -> byId.put(s.id(), s));
        // complaints, dropped calls, surveys, survey score sum: of complainers in their spell, of
        // steady stayers
        long[] complainers = new long[4];
        long[] steady = new long[4];

        forEachEvent(
                simulator,
                120,
                event -> {
                    SimulatedSubscriber s = byId.get(event.getSubscriberId());
                    long[] counts =
                            s.behaviour() == Behaviour.COMPLAINER
                                            && s.behaviourActiveAt(event.getEventTime())
                                    ? complainers
                                    : s.behaviour() == Behaviour.STEADY && staysThrough(s, 120)
                                            ? steady
                                            : null;
                    if (counts == null) {
                        return;
                    }
                    if (event.getType() == EventType.COMPLAINT) {
                        counts[0]++;
                        assertThat(event.getSeverity()).isBetween(1, 3);
                        assertThat(event.getCategory()).isNotNull();
                    } else if (Boolean.TRUE.equals(event.getDropped())) {
                        counts[1]++;
                    } else if (event.getType() == EventType.SURVEY) {
                        counts[2]++;
                        counts[3] += event.getSurveyScore();
                    }
                });

        double complainerDays = 0;
        double steadyDays = 0;
        long end = START + 120 * DAY;
        for (SimulatedSubscriber s : simulator.subscribers()) {
            if (s.behaviour() == Behaviour.COMPLAINER) {
                complainerDays +=
                        Math.max(0, Math.min(end, s.behaviourEnd()) - s.behaviourStart())
                                / (double) DAY;
            } else if (s.behaviour() == Behaviour.STEADY && staysThrough(s, 120)) {
                steadyDays += 120;
            }
        }
        assertThat(complainers[0] / complainerDays).isGreaterThan(10 * steady[0] / steadyDays);
        assertThat(complainers[1] / complainerDays).isGreaterThan(3 * steady[1] / steadyDays);
        assertThat(complainers[3] / (double) complainers[2]).isLessThan(3.0);
        assertThat(steady[3] / (double) steady[2]).isGreaterThan(3.8);
    }

    @Test
    void startMustBeAWholeHour() {
        assertThatThrownBy(() -> new SubscriberSimulator(10, 1, START + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubscriberSimulator(0, 1, START))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backfillStartsAtMidnightUtcDaysBefore() {
        assertThat(SubscriberSimulator.backfillStart(Instant.parse("2026-03-23T17:45:12Z"), 21))
                .isEqualTo(START);
        assertThat(SubscriberSimulator.backfillStart(Instant.parse("2026-03-02T00:00:00Z"), 0))
                .isEqualTo(START);
    }

    /** Neither on the way out nor wavering in the first {@code days}. */
    private static boolean staysThrough(SimulatedSubscriber s, int days) {
        long end = START + days * DAY;
        return (s.churn() == null || s.churn().from() > end)
                && (s.waver() == null || s.waver().from() > end);
    }

    private static void forEachEvent(
            SubscriberSimulator simulator, int days, Consumer<SubscriberEvent> action) {
        for (int hour = 0; hour < days * HOURS_PER_DAY; hour++) {
            simulator.nextHour().events().forEach(action);
        }
    }
}
