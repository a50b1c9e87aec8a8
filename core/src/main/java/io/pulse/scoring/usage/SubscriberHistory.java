package io.pulse.scoring.usage;

import io.pulse.state.UsageCounters;

import java.util.Map;

/**
 * A subscriber's sealed past days: too large to read on every event, so the scoring logic asks for
 * them only when the day changes or a late event belongs to a past day. The job loads them from
 * state on first use; outside Flink they are a {@link SealedDays}.
 */
public interface SubscriberHistory {

    /** The sealed bucket of an epoch day, or null. */
    UsageCounters day(int epochDay);

    void putDay(int epochDay, UsageCounters counters);

    /** All sealed days, oldest first; removing while iterating is allowed. */
    Iterable<Map.Entry<Integer, UsageCounters>> days();

    /** Removes everything, when the subscriber leaves the state. */
    void clear();
}
