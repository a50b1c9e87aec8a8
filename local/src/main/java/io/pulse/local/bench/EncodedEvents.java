package io.pulse.local.bench;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.simulator.SimulatedHour;
import io.pulse.simulator.SubscriberSimulator;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pre-generated, realistic event stream: the simulator's subscribers over some days, each event
 * encoded as the Avro bytes a Kafka record would carry, in event-time order. Generated before a run
 * so that generation costs nothing during it.
 *
 * <p>The benchmark's MiniCluster runs in this JVM, and its source reads the stream from here by
 * index ({@link #records()}): shipping hundreds of megabytes inside the job graph would measure
 * that instead.
 */
final class EncodedEvents {
    private static volatile EncodedEvents current;

    private final byte[][] keys;
    private final byte[][] values;
    private final long[] eventTimes;
    private final List<SubscriberProfile> profiles;
    private final int subscribers;
    private final int days;

    private EncodedEvents(
            byte[][] keys,
            byte[][] values,
            long[] eventTimes,
            List<SubscriberProfile> profiles,
            int subscribers,
            int days) {
        this.keys = keys;
        this.values = values;
        this.eventTimes = eventTimes;
        this.profiles = profiles;
        this.subscribers = subscribers;
        this.days = days;
    }

    /**
     * Generates the stream of {@code subscribers} over {@code days} from {@code start} (a whole
     * hour) and makes it the one {@link #records()} reads, replacing the previous one.
     */
    static EncodedEvents generate(int subscribers, int days, long seed, long start) {
        current = null; // let the previous stream go before this one takes the memory
        SubscriberSimulator simulator = new SubscriberSimulator(subscribers, seed, start);
        AvroBinaryCodec<SubscriberEvent> codec = new AvroBinaryCodec<>(SubscriberEvent.class);
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int hour = 0; hour < days * 24; hour++) {
            SimulatedHour simulated = simulator.nextHour();
            for (SubscriberEvent event : simulated.events()) {
                keys.add(event.getSubscriberId().getBytes(StandardCharsets.UTF_8));
                values.add(codec.encode(event));
                times.add(event.getEventTime());
            }
        }
        long[] eventTimes = times.stream().mapToLong(Long::longValue).toArray();
        EncodedEvents events =
                new EncodedEvents(
                        keys.toArray(new byte[0][]),
                        values.toArray(new byte[0][]),
                        eventTimes,
                        simulator.profiles(),
                        subscribers,
                        days);
        current = events;
        return events;
    }

    /** Lets the stream go: its memory is needed for the next part. */
    static void release() {
        current = null;
    }

    int size() {
        return values.length;
    }

    int subscribers() {
        return subscribers;
    }

    int days() {
        return days;
    }

    long bytes() {
        long total = 0;
        for (byte[] value : values) {
            total += value.length;
        }
        return total;
    }

    List<SubscriberProfile> profiles() {
        return profiles;
    }

    byte[] key(int index) {
        return keys[index];
    }

    byte[] value(int index) {
        return values[index];
    }

    long eventTime(int index) {
        return eventTimes[index];
    }

    /** What a pipeline reads: this stream, looked up in this JVM by the task. */
    EventRecords records() {
        return new InMemory(values.length);
    }

    private static final class InMemory implements EventRecords {
        private static final long serialVersionUID = 1L;
        private final long size;
        private transient EncodedEvents events;

        InMemory(long size) {
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void open() {
            events = current;
            if (events == null || events.size() != size) {
                throw new IllegalStateException(
                        "the pre-generated stream is gone: runs read it in the benchmark's JVM");
            }
        }

        @Override
        public ConsumerRecord<byte[], byte[]> record(long index) {
            int i = (int) index;
            return new ConsumerRecord<>(TOPIC, 0, index, events.keys[i], events.values[i]);
        }
    }
}
