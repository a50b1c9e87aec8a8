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
 * Sends the simulator's events, continuing its history, at a fixed rate for a fixed time, each
 * stamped with the wall-clock time at which it is handed to the producer: its event time and record
 * timestamp, and the start of its latency. Deadlines (a bill's due time, a repair's committed time)
 * move with it. Simulated time runs faster than the clock here, so each subscriber's days are
 * compressed into the run; which events they are stays the simulator's.
 */
final class LatencyFeed implements Runnable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final SubscriberSimulator simulator;
    private final Set<String> subscribers;
    private final int eventsPerSecond;
    private final Duration duration;
    private final SentEvents sent;
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
            SentEvents sent) {
        this.producer = producer;
        this.topic = topic;
        this.simulator = simulator;
        this.subscribers = subscribers;
        this.eventsPerSecond = eventsPerSecond;
        this.duration = duration;
        this.sent = sent;
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
                send(event);
                count = ++n;
            }
        }
        producer.flush();
        seconds = (System.nanoTime() - start) / 1e9;
    }

    private void send(SubscriberEvent simulated) {
        long now = System.currentTimeMillis();
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
        producer.send(
                new ProducerRecord<>(
                        topic,
                        null,
                        now,
                        event.getSubscriberId().getBytes(StandardCharsets.UTF_8),
                        codec.encode(event)),
                (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
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
