package io.pulse.local.bench;

import io.pulse.schema.AccountAlert;
import io.pulse.schema.Alert;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.codec.AvroBinaryCodec;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A downstream consumer of an alerts topic (the subscribers' alerts, the accounts' alerts or the
 * network incidents: {@link #ALERTS}, {@link #ACCOUNT_ALERTS}, {@link #INCIDENTS}) at one isolation
 * level, reading from where the topic ends when it starts. For each alert whose {@link Origin} is
 * an event the feed sent, it records the arrival time, taken right after the poll that returned it,
 * minus the time that event was sent: both from this JVM's {@code System.currentTimeMillis()}.
 * read_committed sees an alert once the sink's transaction commits, on a completed checkpoint;
 * read_uncommitted as soon as it is in the log.
 */
final class AlertWatcher implements Runnable {
    /** How long the broker holds a fetch that finds nothing: the most polling adds to a latency. */
    static final int FETCH_MAX_WAIT_MS = 5;

    private static final Duration POLL = Duration.ofMillis(100);

    /** What one watcher saw; {@code latencyMs} is null when no alert was counted. */
    record Seen(
            String isolationLevel,
            long alerts,
            long raisedByEvents,
            long counted,
            Percentiles latencyMs,
            Map<String, Long> countedByType) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final IsolationLevel isolationLevel;
    private final Origin origin;
    private final Reader reader;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final List<Long> latencies = new ArrayList<>();
    private final Map<String, Long> byType = new TreeMap<>();
    private volatile boolean stopping;
    private volatile long countFrom = Long.MAX_VALUE;
    private volatile long alerts;
    private volatile long raisedByEvents;

    AlertWatcher(
            String bootstrapServers,
            List<TopicPartition> partitions,
            IsolationLevel isolationLevel,
            Origin origin,
            Reader reader) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolationLevel.toString().toLowerCase(Locale.ROOT));
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "pulse-bench-" + isolationLevel.toString().toLowerCase(Locale.ROOT));
        properties.put(
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(FETCH_MAX_WAIT_MS));
        properties.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        properties.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(properties);
        this.partitions = List.copyOf(partitions);
        this.isolationLevel = isolationLevel;
        this.origin = origin;
        this.reader = reader;
    }

    /** What a watcher reads of an alert: the lines it may be of, its event time, its kind. */
    record Raised(List<String> subscriberIds, long eventTime, String kind) {}

    /** Reads an alert record's value. */
    interface Reader {
        Raised read(byte[] value) throws Exception;
    }

    /** The event that raised an alert: when the feed sent it. */
    interface Origin {
        long UNTIMED = Long.MIN_VALUE;

        /**
         * The wall-clock time the feed sent the event that raised {@code alert}, or {@link
         * #UNTIMED} if no event of the feed did (a timer, a due time, the history).
         */
        long sentAt(Raised alert);
    }

    /** The subscribers' alerts ({@link Alert}). */
    static final Reader ALERTS =
            new Reader() {
                private final AvroBinaryCodec<Alert> codec = new AvroBinaryCodec<>(Alert.class);

                @Override
                public Raised read(byte[] value) throws Exception {
                    Alert a = codec.decode(value);
                    return new Raised(
                            List.of(a.getSubscriberId()),
                            a.getEventTime(),
                            a.getType() + " " + a.getStatus());
                }
            };

    /** The accounts' alerts ({@link AccountAlert}). */
    static final Reader ACCOUNT_ALERTS =
            new Reader() {
                private final AvroBinaryCodec<AccountAlert> codec =
                        new AvroBinaryCodec<>(AccountAlert.class);

                @Override
                public Raised read(byte[] value) throws Exception {
                    AccountAlert a = codec.decode(value);
                    return new Raised(
                            a.getLineIds(),
                            a.getEventTime(),
                            "account " + a.getType() + " " + a.getStatus());
                }
            };

    /**
     * The network incidents ({@link NetworkIncident}): their event time is the end of the hour
     * whose judging opened, updated or resolved them.
     */
    static final Reader INCIDENTS =
            new Reader() {
                private final AvroBinaryCodec<NetworkIncident> codec =
                        new AvroBinaryCodec<>(NetworkIncident.class);

                @Override
                public Raised read(byte[] value) throws Exception {
                    NetworkIncident i = codec.decode(value);
                    return new Raised(List.of(), i.getEventTime(), "incident " + i.getStatus());
                }
            };

    @Override
    public void run() {
        try {
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                long arrival = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    see(reader.read(record.value()), arrival);
                }
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        } finally {
            positioned.countDown();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void see(Raised alert, long arrival) {
        alerts++;
        long sentAt = origin.sentAt(alert);
        if (sentAt == Origin.UNTIMED) {
            return;
        }
        raisedByEvents++;
        if (sentAt >= countFrom) {
            synchronized (this) {
                latencies.add(arrival - sentAt);
                byType.merge(alert.kind(), 1L, Long::sum);
            }
        }
    }

    /** Waits until the consumer sits at the end of the topic. */
    void awaitPositioned() throws InterruptedException {
        positioned.await();
        if (failure.get() != null) {
            throw new IllegalStateException(isolationLevel + " consumer failed", failure.get());
        }
    }

    /**
     * Alerts of events sent at or after this wall-clock time are counted; earlier ones are the
     * warm-up.
     */
    void countFrom(long millis) {
        countFrom = millis;
    }

    /** Alerts raised by feed events so far, counted or not. */
    long raisedByEvents() {
        return raisedByEvents;
    }

    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    Exception failure() {
        Exception e = failure.get();
        return e instanceof org.apache.kafka.common.errors.WakeupException ? null : e;
    }

    synchronized Seen seen() {
        return new Seen(
                isolationLevel.toString().toLowerCase(Locale.ROOT),
                alerts,
                raisedByEvents,
                latencies.size(),
                Percentiles.of(latencies),
                new TreeMap<>(byType));
    }
}
