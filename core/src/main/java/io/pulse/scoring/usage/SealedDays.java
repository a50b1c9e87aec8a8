package io.pulse.scoring.usage;

import io.pulse.state.UsageCounters;

import java.util.Map;
import java.util.TreeMap;

/**
 * A subscriber's sealed days in memory, oldest first. The job stores it as one value, read and
 * written only when the subscriber's day changes or a late event belongs to a past day; the {@code
 * train} command and tests use it directly.
 */
public final class SealedDays implements SubscriberHistory {
    private final TreeMap<Integer, UsageCounters> days = new TreeMap<>();

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

    public int size() {
        return days.size();
    }

    @Override
    public void clear() {
        days.clear();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedDays other && days.equals(other.days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    @Override
    public String toString() {
        return "SealedDays" + days;
    }
}
