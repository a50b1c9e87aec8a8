package io.pulse.simulator;

import io.pulse.schema.Alert;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.engine.Outcome;
import io.pulse.scoring.engine.SubscriberScorer;
import io.pulse.scoring.model.ModelArtifacts;
import io.pulse.scoring.usage.SealedDays;
import io.pulse.state.SubscriberState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs a simulated population through the scoring job's plain-Java logic ({@link SubscriberScorer})
 * with the shipped configuration and churn models, as the job's keyed operator would: the profiles
 * first, then every event in event-time order, and each subscriber's one event-time timer fired
 * once simulated time has passed it. No Kafka, no Flink.
 */
final class ScoringReplay {

    /** A timer one subscriber asked for; one that is no longer wanted is ignored by the scorer. */
    private record Timer(long time, int subscriber) {}

    private final SubscriberScorer scorer;
    private final SubscriberProfile[] profiles;
    private final SubscriberState[] states;
    private final SealedDays[] histories;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(
                    Comparator.comparingLong(Timer::time).thenComparingInt(Timer::subscriber));
    private final List<Alert> alerts = new ArrayList<>();
    private long events;
    private long rejected;
    private long watermark = Long.MIN_VALUE;

    ScoringReplay(List<SubscriberProfile> profiles) {
        this(
                profiles,
                new SubscriberScorer(
                        TestEvents.shippedConfig(),
                        ModelArtifacts.read(
                                Path.of(TestEvents.shippedConfig().churn().modelFile()))));
    }

    ScoringReplay(List<SubscriberProfile> profiles, SubscriberScorer scorer) {
        this.scorer = scorer;
        this.profiles = profiles.toArray(new SubscriberProfile[0]);
        this.states = new SubscriberState[this.profiles.length];
        this.histories = new SealedDays[this.profiles.length];
        for (int i = 0; i < this.profiles.length; i++) {
            indexById.put(this.profiles[i].getSubscriberId(), i);
            histories[i] = new SealedDays();
            // without state a profile arms nothing, but it goes the way the job takes it
            apply(
                    i,
                    scorer.onProfile(
                            this.profiles[i].getSubscriberId(), null, this.profiles[i], 0));
        }
    }

    /** Scores one simulated hour: before each event, the timers due earlier fire. */
    void accept(SimulatedHour hour) {
        hour.events().forEach(this::accept);
        fireTimersBefore(hour.end());
    }

    /**
     * Scores one event, after the timers due before the latest event time seen so far: the
     * watermark of the job, where an out-of-order event may arrive after later timers fired.
     */
    void accept(SubscriberEvent event) {
        watermark = Math.max(watermark, event.getEventTime());
        fireTimersBefore(watermark);
        int i = indexById.get(event.getSubscriberId());
        Outcome outcome =
                scorer.onEvent(
                        event.getSubscriberId(), states[i], profiles[i], event, histories[i], 0);
        if (outcome.rejectionReason() != null) {
            rejected++;
        }
        events++;
        apply(i, outcome);
    }

    /** The subscriber's state now, or null. */
    SubscriberState state(String subscriberId) {
        return states[indexById.get(subscriberId)];
    }

    SubscriberProfile profile(String subscriberId) {
        return profiles[indexById.get(subscriberId)];
    }

    /** Every subscriber's state now, in profile order (null: none). */
    List<SubscriberState> states() {
        return java.util.Arrays.asList(states.clone());
    }

    /** Every alert published so far (OPEN, UPDATED, RESOLVED), in order. */
    List<Alert> alerts() {
        return alerts;
    }

    long events() {
        return events;
    }

    /** Events the scorer turned away as late. */
    long rejected() {
        return rejected;
    }

    private void fireTimersBefore(long time) {
        while (!timers.isEmpty() && timers.peek().time() < time) {
            Timer timer = timers.poll();
            int i = timer.subscriber();
            if (states[i] != null) {
                apply(
                        i,
                        scorer.onTimer(
                                profiles[i].getSubscriberId(),
                                states[i],
                                profiles[i],
                                timer.time(),
                                0));
            }
        }
    }

    private void apply(int i, Outcome outcome) {
        alerts.addAll(outcome.alerts());
        states[i] = outcome.state();
        if (states[i] == null) {
            histories[i].clear();
        }
        if (outcome.timerToRegister() != 0) {
            timers.add(new Timer(outcome.timerToRegister(), i));
        }
    }
}
