package io.pulse.local.soak;

import io.pulse.local.PulseTopics;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.codec.CodecException;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Counts on the broker: end offsets, a consumer group's committed offsets, and the committed output
 * records.
 */
public final class KafkaCounts implements AutoCloseable {

    /**
     * What the job committed to its output topics, read {@code read_committed} as a downstream
     * system reads it. Dead letters are split by where they come from: the decoding of an event or
     * a profile (bad bytes, a broken rule) or the scorer (LATE, FLOOD; no source offset).
     */
    record Committed(
            long scores,
            long alerts,
            long deadLetters,
            long eventDecodeDeadLetters,
            long profileDecodeDeadLetters,
            long scorerDeadLetters,
            Map<String, Long> deadLettersByReason) {}

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final String bootstrapServers;
    private final PulseTopics topics;
    private final Admin admin;
    private final RecordCodec<DeadLetter> deadLetterCodec = WireFormat.AUTO.codec(DeadLetter.class);

    public KafkaCounts(String bootstrapServers, PulseTopics topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(properties);
    }

    /**
     * Keeps every record of a compacted topic during the run, so that they can be counted: the job
     * stamps records with their event time, which jumps by weeks between a profile's and an
     * event's, and Kafka rolls a segment when its timestamps span more than {@code segment.ms} (7
     * days by default); the log cleaner then compacts the rolled segment, superseded scores
     * disappear, and the count of committed scores would fall short of what the job wrote. With no
     * time-based roll (and 1 GiB segments) nothing is compacted during a soak run.
     */
    void keepForCounting(String topic) throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp noTimeRoll =
                new AlterConfigOp(
                        new ConfigEntry(
                                TopicConfig.SEGMENT_MS_CONFIG,
                                Long.toString(Duration.ofDays(100 * 365).toMillis())),
                        AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(noTimeRoll))).all().get();
    }

    /**
     * The sum of the topic's end offsets: every record ever appended (no transactions on the input
     * topics).
     */
    public long endOffsets(String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request =
                partitions(topic).stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream()
                .mapToLong(o -> o.offset())
                .sum();
    }

    /** The sum of the group's committed offsets on the topic (a partition without one counts 0). */
    public long committedOffsets(String group, String topic)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    /**
     * Per partition: earliest, last stable (committed) and end offset, for the log when counts do
     * not match.
     */
    String describe(String topic) throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = partitions(topic);
        Map<TopicPartition, OffsetSpec> earliest =
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()));
        Map<TopicPartition, OffsetSpec> latest =
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        var first = admin.listOffsets(earliest).all().get();
        var end = admin.listOffsets(latest).all().get();
        var stable =
                admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .all()
                        .get();
        StringBuilder s = new StringBuilder(topic).append(':');
        for (TopicPartition p : partitions) {
            s.append(
                    String.format(
                            " [%d: earliest %d, stable %d, end %d]",
                            p.partition(),
                            first.get(p).offset(),
                            stable.get(p).offset(),
                            end.get(p).offset()));
        }
        return s.toString();
    }

    /** Reads the three output topics from the beginning to their last committed record. */
    Committed committedOutput() throws ExecutionException, InterruptedException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            long[] scores = new long[1];
            read(consumer, topics.scores(), record -> scores[0]++);
            long[] alerts = new long[1];
            read(consumer, topics.alerts(), record -> alerts[0]++);
            Map<String, Long> byReason = new TreeMap<>();
            long[] bySource = new long[3]; // event decoding, profile decoding, scorer
            read(
                    consumer,
                    topics.deadLetters(),
                    record -> {
                        DeadLetter letter = decode(record);
                        byReason.merge(letter.getReason(), 1L, Long::sum);
                        if (letter.getSourcePartition() < 0) {
                            bySource[2]++;
                        } else if (letter.getSourceTopic().equals(topics.profiles())) {
                            bySource[1]++;
                        } else {
                            bySource[0]++;
                        }
                    });
            long deadLetters = bySource[0] + bySource[1] + bySource[2];
            return new Committed(
                    scores[0],
                    alerts[0],
                    deadLetters,
                    bySource[0],
                    bySource[1],
                    bySource[2],
                    byReason);
        }
    }

    /**
     * Every committed record of the topic up to its end as of now (read_committed: the last stable
     * offset).
     */
    private void read(
            KafkaConsumer<byte[], byte[]> consumer,
            String topic,
            Consumer<ConsumerRecord<byte[], byte[]>> action)
            throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = partitions(topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "could not read " + topic + " to its end within " + READ_TIMEOUT);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset()
                        < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    action.accept(record);
                }
            }
        }
        consumer.unsubscribe();
    }

    private DeadLetter decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return deadLetterCodec.decode(record.value());
        } catch (CodecException e) {
            throw new IllegalStateException(
                    "unreadable dead letter at "
                            + record.topic()
                            + "-"
                            + record.partition()
                            + "@"
                            + record.offset()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private List<TopicPartition> partitions(String topic)
            throws ExecutionException, InterruptedException {
        TopicDescription description =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "pulse-soak-counter");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        properties.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return properties;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
