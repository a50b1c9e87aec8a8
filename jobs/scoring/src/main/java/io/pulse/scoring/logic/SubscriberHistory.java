package io.pulse.scoring.logic;

import io.pulse.state.UsageCounters;

import java.util.Map;

/**
 * The per-subscriber state that is too large to read on every event: sealed past days and the
 * ids of recently seen events. In the job it is backed by two Flink map states; the scoring
 * logic only sees this interface, so it stays plain Java.
 */
public interface SubscriberHistory {

    /** The sealed bucket of an epoch day, or null. */
    UsageCounters day(int epochDay);

    void putDay(int epochDay, UsageCounters counters);

    /** All sealed days; removing while iterating is allowed. */
    Iterable<Map.Entry<Integer, UsageCounters>> days();


    /** Records an event id; false when it was seen before (a re-sent record). */
    boolean markSeen(long eventIdHash, long eventTime);

    /** Forgets event ids of events older than the given time. */
    void forgetSeenBefore(long eventTime);

    /** Removes everything, when the subscriber leaves the state. */
    void clear();
}
