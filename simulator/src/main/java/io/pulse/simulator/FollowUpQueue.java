package io.pulse.simulator;

import io.pulse.schema.SubscriberEvent;

import java.util.List;
import java.util.PriorityQueue;

/**
 * Events decided when an earlier event happened but due later: the payment of a bill, the clearing
 * of a fault. Ties in time keep the order of scheduling, so output stays deterministic.
 */
final class FollowUpQueue {

    private record Scheduled(SubscriberEvent event, long order) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(event.getEventTime(), other.event.getEventTime());
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long scheduled;

    void schedule(SubscriberEvent event) {
        queue.add(new Scheduled(event, scheduled++));
    }

    /** Moves every event due before {@code end} to {@code out}, oldest first. */
    void drainBefore(long end, List<SubscriberEvent> out) {
        while (!queue.isEmpty() && queue.peek().event.getEventTime() < end) {
            out.add(queue.poll().event);
        }
    }

    int size() {
        return queue.size();
    }
}
