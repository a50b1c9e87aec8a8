package io.pulse.local.bench;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.local.EmbeddedKafka;
import io.pulse.local.LocalFlink;
import io.pulse.local.PulseTopics;
import io.pulse.local.soak.KafkaCounts;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.PulseSettings;
import io.pulse.simulator.KafkaSimulator;
import io.pulse.simulator.SimulatorOptions;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Path;

/**
 * The embedded Kafka broker of a benchmark part, with Pulse's topics, and the job's settings for it
 * as deployed: Avro in and out, exactly-once sinks.
 */
final class BenchBroker implements AutoCloseable {
    static final PulseTopics TOPICS = PulseTopics.defaults();

    /** The consumer group and the prefix of the sinks' transactional ids. */
    static final String JOB_NAME = "pulse-bench";

    private final EmbeddedKafka kafka;
    private final KafkaCounts counts;

    private BenchBroker(EmbeddedKafka kafka) {
        this.kafka = kafka;
        this.counts = new KafkaCounts(kafka.bootstrapServers(), TOPICS);
        OpenResources.opened(this);
    }

    static BenchBroker start(int partitions) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.startQuietly(0);
        try {
            kafka.createPulseTopics(TOPICS, partitions);
            return new BenchBroker(kafka);
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
    }

    /** A producer with the simulator's settings (acks=all, idempotent, lz4, small linger). */
    KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                KafkaSimulator.producerConfig(
                        SimulatorOptions.defaults(
                                KafkaClientSettings.plaintext(kafka.bootstrapServers()))),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** The deployed job's settings, pointing at this broker. */
    PulseSettings jobSettings(Path configPath) {
        return LocalFlink.settings(
                kafka.bootstrapServers(),
                configPath,
                TOPICS,
                JOB_NAME,
                WireFormat.AVRO,
                WireFormat.AVRO);
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    KafkaCounts counts() {
        return counts;
    }

    @Override
    public void close() throws Exception {
        OpenResources.closed(this);
        counts.close();
        kafka.close();
    }
}
