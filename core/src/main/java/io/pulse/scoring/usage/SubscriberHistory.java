package io.pulse.scoring.usage;

import io.pulse.state.UsageCounters;

import java.util.Map;

/**
 * A subscriber's sealed past: the daily buckets of the last {@link RollingUsage#DAILY_DAYS} days
 * and, older than those, weekly buckets (Monday to Sunday, UTC) holding the days that left the
 * daily ones. Too large to read on every event, so the scoring logic asks for it only when the day
 * changes or a late event belongs to a past day. The job loads it from state on first use; outside
 * Flink it is a {@link SealedDays}.
 */
public interface SubscriberHistory {

    /** The sealed bucket of an epoch day, or null. */
    UsageCounters day(int epochDay);

    void putDay(int epochDay, UsageCounters counters);

    /** All sealed days, oldest first; removing while iterating is allowed. */
    Iterable<Map.Entry<Integer, UsageCounters>> days();

    /** The weekly bucket of the week that starts on epoch day {@code monday}, or null. */
    UsageCounters week(int monday);

    void putWeek(int monday, UsageCounters counters);

    /** All weekly buckets by the epoch day of their Monday, oldest first; removing is allowed. */
    Iterable<Map.Entry<Integer, UsageCounters>> weeks();

    /** Removes everything, when the subscriber leaves the state. */
    void clear();
}
