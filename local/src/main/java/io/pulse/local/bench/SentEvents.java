package io.pulse.local.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The (subscriber, event time) of every event the latency feed sent, stamped with the time it was
 * sent. An alert raised by an event carries that event's time; one raised by a timer or a due time
 * carries the due time, which is no send time of the subscriber's: so an alert whose time is in
 * here, for a subscriber it names, was raised by an event. An account alert is raised by the report
 * of one of its lines and timed when it names that line (the lines approached, or those that lost
 * most).
 */
final class SentEvents implements AlertWatcher.Origin {
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    void add(String subscriberId, long eventTime) {
        sent.add(key(subscriberId, eventTime));
    }

    boolean contains(String subscriberId, long eventTime) {
        return sent.contains(key(subscriberId, eventTime));
    }

    @Override
    public long sentAt(AlertWatcher.Raised alert) {
        for (String id : alert.subscriberIds()) {
            if (contains(id, alert.eventTime())) {
                return alert.eventTime();
            }
        }
        return UNTIMED;
    }

    int size() {
        return sent.size();
    }

    private static String key(String subscriberId, long eventTime) {
        return subscriberId + '@' + eventTime;
    }
}
