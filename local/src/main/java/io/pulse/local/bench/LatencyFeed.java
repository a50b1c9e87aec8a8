package io.pulse.local.bench;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.simulator.SubscriberSimulator;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the simulator's events, continuing its history, at a fixed rate for a fixed time, or until
 * its {@link Stamp} ends it. The stamp of the latency part ({@link #wallClock}) gives each event
 * the wall-clock time at which it is handed to the producer: its event time and record timestamp,
 * and the start of its latency; deadlines (a bill's due time, a repair's committed time) move with
 * it. Simulated time runs faster than the clock here, so each subscriber's days are compressed into
 * the run; which events they are stays the simulator's.
 */
final class LatencyFeed implements Runnable {
    /** How the feed stamps an event it sends, and what it notes of it for the watchers. */
    interface Stamp {
        /**
         * The event to send for {@code simulated} at wall-clock time {@code now}, or null to end
         * the feed.
         */
        SubscriberEvent stamp(SubscriberEvent simulated, long now);
    }

    /** Event time = send time, each event noted in {@code sent}. */
    static Stamp wallClock(SentEvents sent) {
        return (simulated, now) -> {
            long shift = now - simulated.getEventTime();
            SubscriberEvent event = SubscriberEvent.newBuilder(simulated).setEventTime(now).build();
            if (event.getDueTime() != null) {
                event.setDueTime(event.getDueTime() + shift);
            }
            if (event.getCommitTime() != null) {
                event.setCommitTime(event.getCommitTime() + shift);
            }
            // known before the alert it raises can arrive
            sent.add(event.getSubscriberId(), now);
            return event;
        };
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final SubscriberSimulator simulator;
    private final Set<String> subscribers;
    private final int eventsPerSecond;
    private final Duration duration;
    private final Stamp stamp;
    private final AvroBinaryCodec<SubscriberEvent> codec =
            new AvroBinaryCodec<>(SubscriberEvent.class);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile long count;
    private volatile long startMillis;
    private volatile double seconds;

    /** Sends the events of {@code subscribers} only, of all the simulator's. */
    LatencyFeed(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            SubscriberSimulator simulator,
            Set<String> subscribers,
            int eventsPerSecond,
            Duration duration,
            Stamp stamp) {
        this.producer = producer;
        this.topic = topic;
        this.simulator = simulator;
        this.subscribers = subscribers;
        this.eventsPerSecond = eventsPerSecond;
        this.duration = duration;
        this.stamp = stamp;
    }

    @Override
    public void run() {
        startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long n = 0;
        feed:
        while (true) {
            for (SubscriberEvent event : simulator.nextHour().events()) {
                if (!subscribers.contains(event.getSubscriberId())) {
                    continue;
                }
                long due = start + (long) (n * 1e9 / eventsPerSecond);
                long now = System.nanoTime();
                if (due >= end || now >= end || failure.get() != null) {
                    break feed;
                }
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                }
                if (!send(event)) {
                    break feed;
                }
                count = ++n;
            }
        }
        producer.flush();
        seconds = (System.nanoTime() - start) / 1e9;
    }

    /** Sends the event as stamped; false if the stamp ended the feed. */
    private boolean send(SubscriberEvent simulated) {
        long now = System.currentTimeMillis();
        SubscriberEvent event = stamp.stamp(simulated, now);
        if (event == null) {
            return false;
        }
        producer.send(
                new ProducerRecord<>(
                        topic,
                        null,
                        event.getEventTime(),
                        event.getSubscriberId().getBytes(StandardCharsets.UTF_8),
                        codec.encode(event)),
                (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
        return true;
    }

    /** Events handed to the producer so far. */
    long count() {
        return count;
    }

    /** Wall-clock time of the start of the feed. */
    long startMillis() {
        return startMillis;
    }

    /** How long the feed ran, after it has ended. */
    double seconds() {
        return seconds;
    }

    Exception failure() {
        return failure.get();
    }
}
