package io.pulse.local.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The (subscriber, event time) of every event the latency feed sent. An alert raised by an event
 * carries that event's time; one raised by a timer or a due time carries the due time, which is no
 * send time of the subscriber's: so an alert whose time is in here was raised by an event.
 */
final class SentEvents {
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    void add(String subscriberId, long eventTime) {
        sent.add(key(subscriberId, eventTime));
    }

    boolean contains(String subscriberId, long eventTime) {
        return sent.contains(key(subscriberId, eventTime));
    }

    int size() {
        return sent.size();
    }

    private static String key(String subscriberId, long eventTime) {
        return subscriberId + '@' + eventTime;
    }
}
