package io.pulse.local.bench;

import io.pulse.schema.SubscriberEvent;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The incidents part's feed in simulated time, and when each hour was closed. An area's hour is
 * judged when the watermark passes its end, that is when an event later than the end by more than
 * the allowed out-of-orderness arrives: the event that completes the hour's condition. Events keep
 * their simulated times (running faster than the clock); the feed ends at {@code until}. A network
 * incident carries the end of the hour whose judging opened, updated or resolved it, so its latency
 * starts when that hour's closing event was sent.
 */
final class HourCloses implements LatencyFeed.Stamp, AlertWatcher.Origin {
    private static final long HOUR = 3_600_000L;

    private final long closingDelay;
    private final long until;
    private final Map<Long, Long> closedAt = new ConcurrentHashMap<>();
    private long nextEnd;

    /**
     * @param from the start of the feed, on an hour: the first hour end it closes (the history's
     *     last hour)
     * @param outOfOrderness the job's watermark delay
     */
    HourCloses(long from, long until, Duration outOfOrderness) {
        if (Math.floorMod(from, HOUR) != 0) {
            throw new IllegalArgumentException("the feed must start on an hour: " + from);
        }
        this.closingDelay = outOfOrderness.toMillis() + 1;
        this.until = until;
        this.nextEnd = from;
    }

    @Override
    public SubscriberEvent stamp(SubscriberEvent simulated, long now) {
        long time = simulated.getEventTime();
        if (time >= until) {
            return null;
        }
        while (time >= nextEnd + closingDelay) {
            closedAt.put(nextEnd, now);
            nextEnd += HOUR;
        }
        return simulated;
    }

    @Override
    public long sentAt(AlertWatcher.Raised incident) {
        Long sent = closedAt.get(incident.eventTime());
        return sent == null ? UNTIMED : sent;
    }

    /** Hours closed so far. */
    int closed() {
        return closedAt.size();
    }
}
