package io.pulse.local.soak;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's Kafka producer, counting what the broker acknowledged, per kind. On the events
 * topic it also re-sends every n-th event unchanged (a duplicate the job must count once) and adds
 * a bad record after every m-th one (alternately unreadable and invalid, both dead letters), so
 * that the soak run's accounting covers every path an event can take through the job.
 */
final class CountingProducer extends KafkaProducer<byte[], byte[]> {

    /** Acknowledged records by kind, and failed sends. */
    record Counts(
            long simulated,
            long duplicates,
            long malformed,
            long profiles,
            long failed,
            long latestEventTime) {
        /** Every record acknowledged on the events topic. */
        long events() {
            return simulated + duplicates + malformed;
        }
    }

    private final String eventsTopic;
    private final int duplicateEvery;
    private final int malformedEvery;

    private long simulatedSent;
    private final AtomicLong simulated = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong profiles = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong latestEventTime = new AtomicLong();

    CountingProducer(
            Map<String, Object> config,
            String eventsTopic,
            int duplicateEvery,
            int malformedEvery) {
        super(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.eventsTopic = eventsTopic;
        this.duplicateEvery = duplicateEvery;
        this.malformedEvery = malformedEvery;
    }

    Counts counts() {
        return new Counts(
                simulated.get(),
                duplicates.get(),
                malformed.get(),
                profiles.get(),
                failed.get(),
                latestEventTime.get());
    }

    /** Called by the simulator's one sending thread. */
    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        if (!record.topic().equals(eventsTopic)) {
            return super.send(record, counting(profiles, callback));
        }
        Future<RecordMetadata> result = super.send(record, counting(simulated, callback));
        if (record.timestamp() != null) {
            latestEventTime.accumulateAndGet(record.timestamp(), Math::max);
        }
        simulatedSent++;
        if (duplicateEvery > 0 && simulatedSent % duplicateEvery == 0) {
            super.send(
                    new ProducerRecord<>(
                            record.topic(), null, record.timestamp(), record.key(), record.value()),
                    counting(duplicates, null));
        }
        if (malformedEvery > 0 && simulatedSent % malformedEvery == 0) {
            long n = simulatedSent / malformedEvery;
            super.send(
                    new ProducerRecord<>(
                            record.topic(),
                            null,
                            record.timestamp(),
                            record.key(),
                            badRecord(n, record.key(), record.timestamp())),
                    counting(malformed, null));
        }
        return result;
    }

    /**
     * Alternately a truncated JSON record (UNREADABLE) and one with a negative call duration
     * (INVALID).
     */
    static byte[] badRecord(long n, byte[] key, Long timestamp) {
        String subscriber = key == null ? "unknown" : new String(key, StandardCharsets.UTF_8);
        String json =
                n % 2 == 1
                        ? "{\"eventId\":\"soak-bad-"
                                + n
                                + "\",\"subscriberId\":\""
                                + subscriber
                                + "\",\"eventTi"
                        : "{\"eventId\":\"soak-bad-"
                                + n
                                + "\",\"subscriberId\":\""
                                + subscriber
                                + "\",\"eventTime\":"
                                + (timestamp == null ? 0 : timestamp)
                                + ",\"type\":\"VOICE_CALL\",\"direction\":\"OUTGOING\",\"callScope\":\"LOCAL\",\"durationSec\":-60}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private Callback counting(AtomicLong acknowledged, Callback next) {
        return (metadata, exception) -> {
            if (exception == null) {
                acknowledged.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            if (next != null) {
                next.onCompletion(metadata, exception);
            }
        };
    }
}
