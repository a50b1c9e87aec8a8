package io.pulse.ops;

import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.schema.codec.CodecException;
import io.pulse.schema.control.ControlAck;
import io.pulse.schema.control.ControlRecord;
import io.pulse.scoring.control.ControlArtifact;
import io.pulse.scoring.control.ControlChunks;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes versions on the job's control topic and reads its answers on the acknowledgement topic,
 * both Avro binary whatever the job's data formats. Each call opens its own clients and closes
 * them.
 *
 * <p>The job writes its answers in Kafka transactions, and an accepted version's answer commits
 * with the job's next checkpoint, so answers are read {@code read_committed}: an answer read is one
 * the job will not take back on a restart.
 */
public final class ControlClient implements ControlChannel {
    public static final String DEFAULT_CONTROL_TOPIC = "pulse-control";
    public static final String DEFAULT_ACKS_TOPIC = "pulse-control-acks";

    /** A chunk of {@value ControlChunks#CHUNK_BYTES} bytes and the record around it. */
    static final int MAX_REQUEST_BYTES = 1024 * 1024 + 64 * 1024;

    private static final Duration POLL = Duration.ofMillis(200);

    private final Properties clientProperties;
    private final String controlTopic;
    private final String acksTopic;

    /**
     * @param clientProperties what every client connects with: {@code bootstrap.servers} and the
     *     security properties ({@code KafkaClientSettings.clientProperties()})
     */
    public ControlClient(Properties clientProperties, String controlTopic, String acksTopic) {
        this.clientProperties = (Properties) clientProperties.clone();
        this.controlTopic = Objects.requireNonNull(controlTopic);
        this.acksTopic = Objects.requireNonNull(acksTopic);
    }

    /**
     * Publishes {@code artifact} as {@link #publisher()} and waits up to {@code timeout}, from the
     * moment every chunk is written, for the job's answer to it: the first acknowledgement of the
     * same slot, version and content written after the acknowledgement topic's end at the call.
     *
     * @throws IllegalStateException when a topic is missing or a chunk could not be written
     */
    @Override
    public ControlAnswer publish(ControlArtifact artifact, Duration timeout) {
        List<ControlRecord> records =
                ControlChunks.split(artifact, System.currentTimeMillis(), publisher());
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            partitions(consumer, controlTopic);
            List<TopicPartition> acks = partitions(consumer, acksTopic);
            Map<TopicPartition, Long> before = consumer.endOffsets(acks);
            produce(artifact, records);
            consumer.assign(acks);
            before.forEach(consumer::seek);
            return await(consumer, artifact, timeout);
        }
    }

    /**
     * Every answer on the acknowledgement topic at the call, committed, oldest first (by the time
     * the job answered). Records that are not readable acknowledgements are skipped.
     */
    @Override
    public List<ControlAck> answers() {
        List<ControlAck> acks = new ArrayList<>();
        AvroBinaryCodec<ControlAck> codec = new AvroBinaryCodec<>(ControlAck.class);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, acksTopic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    decode(codec, record.value()).ifPresent(acks::add);
                }
            }
        }
        acks.sort(Comparator.comparingLong(ControlAck::getTime));
        return acks;
    }

    /** Who publishes: {@code user@host}, as the answers and the job's log name them. */
    public static String publisher() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = Objects.requireNonNullElse(System.getenv("HOSTNAME"), "unknown-host");
        }
        return System.getProperty("user.name") + "@" + host;
    }

    private void produce(ControlArtifact artifact, List<ControlRecord> records) {
        AvroBinaryCodec<ControlRecord> codec = new AvroBinaryCodec<>(ControlRecord.class);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ControlRecord record : records) {
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        controlTopic,
                                        ControlChunks.key(record).getBytes(StandardCharsets.UTF_8),
                                        codec.encode(record))));
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(
                    "cannot write "
                            + artifact.describe()
                            + " to "
                            + controlTopic
                            + ": "
                            + cause.getMessage()
                            + " (the job ignores a version of which a chunk is missing: publish it again)",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing " + artifact.describe(), e);
        }
    }

    private static ControlAnswer await(
            KafkaConsumer<byte[], byte[]> consumer, ControlArtifact artifact, Duration timeout) {
        AvroBinaryCodec<ControlAck> codec = new AvroBinaryCodec<>(ControlAck.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Duration poll = Duration.ofNanos(Math.min(left, POLL.toNanos()));
            List<ControlAck> acks = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(poll)) {
                decode(codec, record.value()).ifPresent(acks::add);
            }
            Optional<ControlAck> answer = ControlAnswer.find(acks, artifact);
            if (answer.isPresent()) {
                return new ControlAnswer(artifact, answer.get(), timeout);
            }
        }
        return new ControlAnswer(artifact, null, timeout);
    }

    private static Optional<ControlAck> decode(AvroBinaryCodec<ControlAck> codec, byte[] value) {
        try {
            return Optional.of(codec.decode(value));
        } catch (CodecException e) {
            return Optional.empty();
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions;
        try {
            partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
        } catch (KafkaException e) {
            throw new IllegalStateException(
                    "cannot read topic "
                            + topic
                            + " at "
                            + clientProperties.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                            + ": "
                            + e.getMessage(),
                    e);
        }
        if (partitions.isEmpty()) {
            throw new IllegalStateException(
                    "there is no topic "
                            + topic
                            + " at "
                            + clientProperties.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                            + " (or this principal may not describe it)");
        }
        return partitions;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = (Properties) clientProperties.clone();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // a missing topic is an error to report, not one to create with the broker's defaults
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = (Properties) clientProperties.clone();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_REQUEST_BYTES));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
