package io.pulse.local.bench;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.kafka.DecodingDeserializer;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.validation.EventValidator;
import io.pulse.simulator.SimulatedHour;
import io.pulse.simulator.SubscriberSimulator;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pre-generated, realistic event stream: the simulator's subscribers over some days, each
 * event encoded as the Avro bytes a Kafka record would carry, in event-time order. Generated
 * before a run so that generation costs nothing during it.
 *
 * <p>The benchmark's MiniCluster runs in this JVM, and its source reads the stream from here by
 * index: shipping hundreds of megabytes inside the job graph would measure that instead.
 */
final class EncodedEvents {
    private static volatile EncodedEvents current;
    /** When the source chain decoded the first and the last record of the stream. */
    static volatile long firstNanos;
    static volatile long lastNanos;

    private final byte[][] keys;
    private final byte[][] values;
    private final List<SubscriberProfile> profiles;
    private final long start;
    private final long end;

    private EncodedEvents(byte[][] keys, byte[][] values, List<SubscriberProfile> profiles, long start, long end) {
        this.keys = keys;
        this.values = values;
        this.profiles = profiles;
        this.start = start;
        this.end = end;
    }

    /** Generates and installs the stream the benchmark's sources read. */
    static EncodedEvents generate(int subscribers, int days, long seed, long start) {
        SubscriberSimulator simulator = new SubscriberSimulator(subscribers, seed, start);
        AvroBinaryCodec<SubscriberEvent> codec = new AvroBinaryCodec<>(SubscriberEvent.class);
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int hour = 0; hour < days * 24; hour++) {
            SimulatedHour simulated = simulator.nextHour();
            for (SubscriberEvent event : simulated.events()) {
                keys.add(event.getSubscriberId().getBytes(StandardCharsets.UTF_8));
                values.add(codec.encode(event));
            }
        }
        EncodedEvents events = new EncodedEvents(keys.toArray(new byte[0][]), values.toArray(new byte[0][]),
                simulator.profiles(), start, start + days * 86_400_000L);
        current = events;
        return events;
    }

    int size() {
        return values.length;
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

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    /**
     * Turns an index of the stream into what the job's Kafka source emits for that record, through
     * the job's own deserializer: the decoding and validation cost is the production one.
     */
    static final class Decode extends RichFlatMapFunction<Long, Decoded<SubscriberEvent>> {
        private static final long serialVersionUID = 1L;
        private transient DecodingDeserializer<SubscriberEvent> deserializer;
        private transient EncodedEvents events;

        @Override
        public void open(OpenContext context) {
            deserializer = new DecodingDeserializer<>(SubscriberEvent.class, WireFormat.AVRO, new EventValidator());
            events = current;
        }

        @Override
        public void flatMap(Long index, Collector<Decoded<SubscriberEvent>> out) {
            int i = index.intValue();
            if (i == 0) {
                firstNanos = System.nanoTime();
            } else if (i == events.values.length - 1) {
                lastNanos = System.nanoTime();
            }
            deserializer.deserialize(new ConsumerRecord<>("subscriber-events", 0, i, events.keys[i], events.values[i]), out);
        }
    }
}
