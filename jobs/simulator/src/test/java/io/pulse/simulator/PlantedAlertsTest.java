package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.SubscriberProfile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The planted behaviours through the scoring job's own logic, shipped configuration and trained
 * churn models (see {@link ScoringReplay}): over the days the local run backfills, every alert
 * type is raised, and every planted subscriber raises the type it was planted for while its
 * behaviour is under way.
 */
class PlantedAlertsTest {

    /** A Monday, midnight UTC. */
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;
    /** Enough key accounts for each of their behaviours, in about 15 s. */
    private static final int SUBSCRIBERS = 500;
    /** The local run's backfill: the three months of history a usage drop needs, and ten days. */
    private static final int DAYS = 100;
    private static final int CONTRACT_EXPIRY_WITHIN_DAYS = 90;

    private static SubscriberSimulator simulator;
    private static ScoringReplay replay;

    @BeforeAll
    static void scoreTheSimulatedDays() {
        simulator = new SubscriberSimulator(SUBSCRIBERS, 42, START);
        replay = new ScoringReplay(simulator.profiles());
        long began = System.nanoTime();
        for (int hour = 0; hour < DAYS * 24; hour++) {
            replay.accept(simulator.nextHour());
        }
        System.out.printf("Scored %,d events of %d subscribers over %d days in %.1f s (%d late); alerts raised: %s%n",
                replay.events(), SUBSCRIBERS, DAYS, (System.nanoTime() - began) / 1e9, replay.rejected(),
                openCounts());
    }

    @Test
    void everyAlertTypeIsRaised() {
        assertThat(openCounts()).allSatisfy((type, count) -> assertThat(count).as("%s", type).isPositive());
    }

    @Test
    void everyPlantedSubscriberRaisesTheAlertPlantedForWhileItsBehaviourIsUnderWay() {
        Map<Behaviour, List<String>> missing = new EnumMap<>(Behaviour.class);
        Map<Behaviour, Integer> planted = new EnumMap<>(Behaviour.class);
        for (SimulatedSubscriber subscriber : simulator.subscribers()) {
            AlertType type = subscriber.behaviour().alertType();
            if (type == null) {
                continue;
            }
            planted.merge(subscriber.behaviour(), 1, Integer::sum);
            if (!openAtOrAfter(subscriber.id(), type, subscriber.behaviourStart())) {
                missing.computeIfAbsent(subscriber.behaviour(), b -> new ArrayList<>()).add(subscriber.id());
            }
        }
        System.out.println("Planted: " + planted);

        assertThat(planted.keySet()).containsExactlyInAnyOrder(plantedBehaviours());
        assertThat(missing).isEmpty();
    }

    @Test
    void contractsEndingWithinThreeMonthsOfASimulatedDayRaiseContractExpiry() {
        LocalDate lastDay = LocalDate.ofEpochDay(START / DAY + DAYS - 1);
        List<String> expiring = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (SubscriberProfile profile : simulator.profiles()) {
            LocalDate end = profile.getContractEndDate();
            if (end != null && !end.isAfter(lastDay.plusDays(CONTRACT_EXPIRY_WITHIN_DAYS))) {
                expiring.add(profile.getSubscriberId());
                if (!openAtOrAfter(profile.getSubscriberId(), AlertType.CONTRACT_EXPIRY, START)) {
                    missing.add(profile.getSubscriberId());
                }
            }
        }

        assertThat(expiring).hasSizeGreaterThan(SUBSCRIBERS / 20);
        assertThat(missing).isEmpty();
    }

    private static Behaviour[] plantedBehaviours() {
        List<Behaviour> planted = new ArrayList<>(List.of(Behaviour.values()));
        planted.remove(Behaviour.STEADY);
        return planted.toArray(new Behaviour[0]);
    }

    /** Whether an episode of the type was open at some moment at or after {@code time}. */
    private static boolean openAtOrAfter(String subscriberId, AlertType type, long time) {
        boolean open = false;
        for (Alert alert : replay.alerts()) {
            if (!alert.getSubscriberId().equals(subscriberId) || alert.getType() != type) {
                continue;
            }
            if (alert.getStatus() == AlertStatus.OPEN) {
                if (alert.getEventTime() >= time) {
                    return true;
                }
                open = true;
            } else if (alert.getStatus() == AlertStatus.RESOLVED) {
                if (alert.getEventTime() >= time && open) {
                    return true;
                }
                open = false;
            }
        }
        return open;
    }

    private static Map<AlertType, Integer> openCounts() {
        Map<AlertType, Integer> counts = new TreeMap<>();
        for (AlertType type : AlertType.values()) {
            counts.put(type, 0);
        }
        for (Alert alert : replay.alerts()) {
            if (alert.getStatus() == AlertStatus.OPEN) {
                counts.merge(alert.getType(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
