package io.pulse.scoring.usage;

import io.pulse.state.UsageCounters;

import java.util.Map;
import java.util.TreeMap;

/**
 * A subscriber's sealed days and weeks in memory, oldest first. The job stores it as one value,
 * read and written only when the subscriber's day changes or a late event belongs to a past day;
 * the {@code train} command and tests use it directly.
 */
public final class SealedDays implements SubscriberHistory {
    private final TreeMap<Integer, UsageCounters> days = new TreeMap<>();
    private final TreeMap<Integer, UsageCounters> weeks = new TreeMap<>();

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
    public UsageCounters week(int monday) {
        return weeks.get(monday);
    }

    @Override
    public void putWeek(int monday, UsageCounters counters) {
        weeks.put(monday, counters);
    }

    @Override
    public Iterable<Map.Entry<Integer, UsageCounters>> weeks() {
        return weeks.entrySet();
    }

    /** The daily buckets. */
    public int size() {
        return days.size();
    }

    public int weekCount() {
        return weeks.size();
    }

    public boolean isEmpty() {
        return days.isEmpty() && weeks.isEmpty();
    }

    @Override
    public void clear() {
        days.clear();
        weeks.clear();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedDays other
                && days.equals(other.days)
                && weeks.equals(other.weeks);
    }

    @Override
    public int hashCode() {
        return 31 * days.hashCode() + weeks.hashCode();
    }

    @Override
    public String toString() {
        return "SealedDays" + days + (weeks.isEmpty() ? "" : " weeks" + weeks);
    }
}
