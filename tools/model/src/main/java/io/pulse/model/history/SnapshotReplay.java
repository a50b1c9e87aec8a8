package io.pulse.model.history;

import io.pulse.schema.EventType;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.engine.EventAdmission;
import io.pulse.scoring.engine.SubscriberStateUpdater;
import io.pulse.scoring.features.FeatureExtractor;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.SealedDays;
import io.pulse.state.SubscriberState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays an event history through the job's own state code ({@link EventAdmission}: the lateness,
 * flood and duplicate rules, then the state update) and takes a snapshot of every subscriber's
 * churn features at regular cut-off times: {@code warmUpDays} after the day of the first event,
 * then every {@code everyDays}. A snapshot is taken as the job would score the subscriber at that
 * moment: from the state its events up to the cut-off left, read at the cut-off, with the profile
 * then in force. A subscriber is snapshotted from its first event on, until it is terminated.
 *
 * <p>Events are fed in the order the job would read them: in event time for each subscriber
 * (subscribers may interleave in any order, as partitions of a topic do). Feed every event with
 * {@link #accept}, then call {@link #finish()}.
 */
public final class SnapshotReplay {
    private final EventAdmission admission;
    private final SubscriberStateUpdater updater;
    private final long warmUpMillis;
    private final long everyMillis;
    private final Map<String, List<SubscriberProfile>> profiles = new HashMap<>();
    private final Map<String, Subscriber> subscribers = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<EventAdmission.Verdict, Long> verdicts = new HashMap<>();
    private long firstCutoff = Long.MIN_VALUE;
    private long lastEventTime = Long.MIN_VALUE;

    private static final class Subscriber {
        final SubscriberState state;
        final SealedDays history = new SealedDays();
        int nextCutoff;
        long terminatedAt;

        Subscriber(SubscriberState state, int nextCutoff) {
            this.state = state;
            this.nextCutoff = nextCutoff;
        }
    }

    /** A snapshot whose label is known only once the history has been read to its end. */
    private record Pending(Subscriber subscriber, String id, long cutoff, double[] features) {}

    public SnapshotReplay(
            ScoringConfig config, List<SubscriberProfile> profiles, int warmUpDays, int everyDays) {
        if (warmUpDays < 0 || everyDays < 1) {
            throw new IllegalArgumentException(
                    "cut-offs need a warm-up of at least 0 days and a step of at least 1 day, got "
                            + warmUpDays
                            + " and "
                            + everyDays);
        }
        this.admission = new EventAdmission(config);
        this.updater = new SubscriberStateUpdater(config);
        this.warmUpMillis = Days.days(warmUpDays);
        this.everyMillis = Days.days(everyDays);
        for (SubscriberProfile profile : profiles) {
            this.profiles
                    .computeIfAbsent(profile.getSubscriberId(), id -> new ArrayList<>())
                    .add(profile);
        }
        this.profiles
                .values()
                .forEach(
                        list ->
                                list.sort(
                                        Comparator.comparingLong(SubscriberProfile::getUpdatedAt)));
    }

    public void accept(SubscriberEvent event) {
        long time = event.getEventTime();
        if (firstCutoff == Long.MIN_VALUE) {
            firstCutoff = Days.startOfDay(Days.epochDay(time)) + warmUpMillis;
        }
        lastEventTime = Math.max(lastEventTime, time);
        Subscriber s = subscribers.get(event.getSubscriberId());
        if (s == null) {
            s = new Subscriber(SubscriberStateUpdater.newState(event), firstCutoffAfter(time));
            subscribers.put(event.getSubscriberId(), s);
        } else {
            snapshotUntil(event.getSubscriberId(), s, time);
        }
        EventAdmission.Verdict verdict = admission.admit(s.state, event);
        verdicts.merge(verdict, 1L, Long::sum);
        if (verdict != EventAdmission.Verdict.ADMITTED) {
            return;
        }
        admission.apply(s.state, event, profileAt(event.getSubscriberId(), time), s.history);
        if (event.getType() == EventType.STATUS_CHANGE
                && event.getStatus() == SubscriberStatus.TERMINATED
                && s.terminatedAt == 0) {
            s.terminatedAt = time;
        }
    }

    /**
     * The snapshots of every subscriber at every cut-off up to the last event, with their
     * terminations.
     */
    public List<Snapshot> finish() {
        subscribers.forEach((id, s) -> snapshotUntil(id, s, lastEventTime + 1));
        List<Snapshot> snapshots = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            snapshots.add(
                    new Snapshot(p.id(), p.cutoff(), p.features(), p.subscriber().terminatedAt));
        }
        pending.clear();
        snapshots.sort(
                Comparator.comparingLong(Snapshot::cutoff).thenComparing(Snapshot::subscriberId));
        return snapshots;
    }

    /** Event time of the latest event read. */
    public long lastEventTime() {
        return lastEventTime;
    }

    /** How many events were admitted, and how many turned away as late, floods or duplicates. */
    public Map<EventAdmission.Verdict, Long> verdicts() {
        return verdicts;
    }

    public int subscribers() {
        return subscribers.size();
    }

    private long cutoff(int k) {
        return firstCutoff + k * everyMillis;
    }

    private int firstCutoffAfter(long time) {
        return time < firstCutoff ? 0 : (int) ((time - firstCutoff) / everyMillis) + 1;
    }

    private void snapshotUntil(String id, Subscriber s, long time) {
        while (cutoff(s.nextCutoff) <= time && s.state.getStatus() != SubscriberStatus.TERMINATED) {
            long cutoff = cutoff(s.nextCutoff++);
            SubscriberProfile profile = profileAt(id, cutoff);
            double[] x = FeatureExtractor.newVector();
            FeatureExtractor.extract(
                    s.state, profile, updater.satisfaction(s.state, profile, cutoff), cutoff, x);
            pending.add(new Pending(s, id, cutoff, x));
        }
    }

    /**
     * The latest profile updated by {@code time}; null before the first (the job scores with
     * segment defaults then).
     */
    private SubscriberProfile profileAt(String id, long time) {
        List<SubscriberProfile> list = profiles.get(id);
        if (list == null) {
            return null;
        }
        SubscriberProfile current = null;
        for (SubscriberProfile p : list) {
            if (p.getUpdatedAt() <= time) {
                current = p;
            }
        }
        return current;
    }
}
