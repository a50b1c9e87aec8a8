package io.pulse.simulator;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.RecordCodec;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Feeds a {@link SubscriberSimulator} into Kafka: all profiles first, then the events, keyed by
 * subscriber id, with the event time as record timestamp. Simulated time starts at midnight UTC
 * {@link SimulatorOptions#backfillDays()} days ago and runs as fast as the rate limit allows until
 * it reaches the wall clock; from then on events go out in real time, never ahead of it. With a
 * {@link SimulatorOptions#truthDirectory()}, the run's ground truth goes there: who leaves, when
 * and why, written at the start, and the conditions each hour reveals.
 *
 * <p>{@link #run()} blocks until {@link #close()} is called from another thread (or a shutdown
 * hook), or sending fails. Each instance runs once.
 */
public final class KafkaSimulator implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSimulator.class);
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_CLOCK_WAIT_MILLIS = 1000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final SimulatorOptions options;
    private final Producer<byte[], byte[]> producer;
    private final Clock clock;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean producerClosed = new AtomicBoolean();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final AtomicLong eventsSent = new AtomicLong();
    private volatile long simulatedTime;
    private GroundTruthFiles truth;
    private volatile boolean caughtUp;
    private long lastProgressNanos;
    private long eventsAtLastProgress;

    /** Creates the Kafka producer; nothing is sent before {@link #run()}. */
    public KafkaSimulator(SimulatorOptions options) {
        this(
                options,
                new KafkaProducer<>(
                        producerConfig(options),
                        new ByteArraySerializer(),
                        new ByteArraySerializer()),
                Clock.systemUTC());
    }

    /**
     * Sends through the given producer, e.g. one that counts acknowledgements, made with {@link
     * #producerConfig(SimulatorOptions)}; {@link #run()} closes it at the end.
     */
    public KafkaSimulator(SimulatorOptions options, Producer<byte[], byte[]> producer) {
        this(options, producer, Clock.systemUTC());
    }

    KafkaSimulator(SimulatorOptions options, Producer<byte[], byte[]> producer, Clock clock) {
        this.options = options;
        this.producer = producer;
        this.clock = clock;
    }

    /** Our producer settings, then the client properties of the options (security) on top. */
    public static Map<String, Object> producerConfig(SimulatorOptions options) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "pulse-simulator");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(64 * 1024));
        // lz4 is pure Java when its native library is missing; snappy is not.
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        options.kafka().clientProperties().forEach((key, value) -> config.put((String) key, value));
        return config;
    }

    /** Events handed to the producer so far. */
    public long eventsSent() {
        return eventsSent.get();
    }

    /** Event time of the latest event handed to the producer, epoch millis; 0 before the first. */
    public long simulatedTime() {
        return simulatedTime;
    }

    /** Whether the backfill is done and events now go out in real time. */
    public boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("this simulator has already run or been closed");
        }
        try {
            long start = SubscriberSimulator.backfillStart(clock.instant(), options.backfillDays());
            SubscriberSimulator simulator =
                    new SubscriberSimulator(
                            options.subscribers(), options.seed(), start, options.world());
            LOG.info(
                    "Simulating {} subscribers (seed {}, {}% monthly churn) from {} at up to {} events/s, {} to topics {} and {}",
                    options.subscribers(),
                    options.seed(),
                    100 * options.world().monthlyChurn(),
                    Instant.ofEpochMilli(start),
                    options.eventsPerSecond(),
                    options.format(),
                    options.profilesTopic(),
                    options.eventsTopic());
            if (options.world().outagesPerMonth() > 0) {
                LOG.info(
                        "The network fails in a region {} times a month",
                        options.world().outagesPerMonth());
            }
            if (options.truthDirectory() != null) {
                simulator.recordConditions();
                truth = GroundTruthFiles.create(options.truthDirectory(), simulator.subscribers());
            }
            sendProfiles(simulator.profiles());
            sendEvents(simulator);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KafkaException e) {
            sendFailure.compareAndSet(null, e);
        } finally {
            if (truth != null) {
                truth.close();
            }
            closeProducer();
            LOG.info(
                    "Stopped after {} events, simulated time {}",
                    eventsSent.get(),
                    Instant.ofEpochMilli(simulatedTime));
            finished.countDown();
        }
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new IllegalStateException("sending to Kafka failed: " + failure, failure);
        }
    }

    /**
     * Stops {@link #run()}, waiting for it to flush and close the producer. Safe to call from any
     * thread, more than once, and before or without {@link #run()}.
     */
    @Override
    public void close() {
        stopRequested.countDown();
        if (started.compareAndSet(false, true)) {
            closeProducer();
            finished.countDown();
            return;
        }
        try {
            if (!finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "The simulator did not stop within {}; closing the producer under it",
                        CLOSE_TIMEOUT);
                closeProducer();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendProfiles(List<SubscriberProfile> profiles) {
        RecordCodec<SubscriberProfile> codec = options.format().codec(SubscriberProfile.class);
        for (SubscriberProfile profile : profiles) {
            if (stopping()) {
                return;
            }
            send(
                    options.profilesTopic(),
                    profile.getSubscriberId(),
                    profile.getUpdatedAt(),
                    codec.encode(profile));
        }
        // Profiles are in Kafka before the first event, so the job can know the segments from the
        // start.
        producer.flush();
        LOG.info("Sent {} profiles to {}", profiles.size(), options.profilesTopic());
    }

    private void sendEvents(SubscriberSimulator simulator) throws InterruptedException {
        RecordCodec<SubscriberEvent> codec = options.format().codec(SubscriberEvent.class);
        RateLimiter rateLimiter = new RateLimiter(options.eventsPerSecond());
        lastProgressNanos = System.nanoTime();
        while (!stopping()) {
            SimulatedHour hour = simulator.nextHour();
            if (truth != null) {
                truth.append(simulator.drainConditions());
                truth.flush();
            }
            for (SubscriberEvent event : hour.events()) {
                if (!awaitWallClock(event.getEventTime()) || !awaitPermit(rateLimiter)) {
                    return;
                }
                send(
                        options.eventsTopic(),
                        event.getSubscriberId(),
                        event.getEventTime(),
                        codec.encode(event));
                simulatedTime = event.getEventTime();
                eventsSent.incrementAndGet();
                logProgressIfDue();
            }
        }
    }

    private void send(String topic, String subscriberId, long timestamp, byte[] value) {
        byte[] key = subscriberId.getBytes(StandardCharsets.UTF_8);
        producer.send(
                new ProducerRecord<>(topic, null, timestamp, key, value),
                (metadata, exception) -> {
                    if (exception != null && sendFailure.compareAndSet(null, exception)) {
                        LOG.error(
                                "Sending to {} failed, stopping: {}", topic, exception.toString());
                    }
                });
    }

    /** Waits until the wall clock reaches {@code eventTime}; false if asked to stop meanwhile. */
    private boolean awaitWallClock(long eventTime) throws InterruptedException {
        long ahead = eventTime - clock.millis();
        while (ahead > 0) {
            if (!caughtUp) {
                caughtUp = true;
                LOG.info(
                        "Caught up with the wall clock after {} events; continuing in real time",
                        eventsSent.get());
            }
            logProgressIfDue();
            if (stopRequested.await(Math.min(ahead, MAX_CLOCK_WAIT_MILLIS), TimeUnit.MILLISECONDS)
                    || stopping()) {
                return false;
            }
            ahead = eventTime - clock.millis();
        }
        return !stopping();
    }

    /** Waits for the rate limit; false if asked to stop meanwhile. */
    private boolean awaitPermit(RateLimiter rateLimiter) throws InterruptedException {
        long wait = rateLimiter.acquire(System.nanoTime());
        // Shorter waits are left to add up: the limiter makes them up in a later, longer one.
        if (wait >= MIN_PAUSE_NANOS) {
            return !stopRequested.await(wait, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    private void logProgressIfDue() {
        long now = System.nanoTime();
        if (now - lastProgressNanos < PROGRESS_INTERVAL_NANOS) {
            return;
        }
        long sent = eventsSent.get();
        double rate = (sent - eventsAtLastProgress) * 1e9 / (now - lastProgressNanos);
        double hoursBehind = (clock.millis() - simulatedTime) / 3_600_000.0;
        LOG.info(
                "Sent {} events ({} events/s), simulated time {} ({} h behind the wall clock)",
                sent,
                Math.round(rate),
                Instant.ofEpochMilli(simulatedTime),
                String.format("%.1f", hoursBehind));
        lastProgressNanos = now;
        eventsAtLastProgress = sent;
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0 || sendFailure.get() != null;
    }

    private void closeProducer() {
        if (!producerClosed.compareAndSet(false, true)) {
            return;
        }
        try {
            // close() sends what is still buffered, up to the timeout.
            producer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("Closing the Kafka producer failed: {}", e.toString());
        }
    }
}
