package io.pulse.scoring.logic;

import io.pulse.state.UsageCounters;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link SubscriberHistory} in plain maps: for replaying subscribers outside Flink (the
 * {@code train} command) and for tests of the scoring logic.
 */
public final class InMemoryHistory implements SubscriberHistory {
    final TreeMap<Integer, UsageCounters> days = new TreeMap<>();
    final Map<Long, Long> seen = new HashMap<>();

    @Override
    public UsageCounters day(int epochDay) {
        return days.get(epochDay);
    }

    @Override
    public void putDay(int epochDay, UsageCounters counters) {
        days.put(epochDay, counters);
    }

    @Override
    public Iterable<Map.Entry<Integer, UsageCounters>> days() {
        return days.entrySet();
    }

    @Override
    public boolean markSeen(long eventIdHash, long eventTime) {
        return seen.putIfAbsent(eventIdHash, eventTime) == null;
    }

    @Override
    public void forgetSeenBefore(long eventTime) {
        seen.values().removeIf(t -> t < eventTime);
    }

    @Override
    public void clear() {
        days.clear();
        seen.clear();
    }
}
