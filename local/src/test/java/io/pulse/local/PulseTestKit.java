package io.pulse.local;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.ops.ControlClient;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.UnknownJsonFields;
import io.pulse.schema.codec.WireFormat;
import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.PulseSettings;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.control.ControlArtifact;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.pulse.scoring.TestEvents.repoFile;
import static io.pulse.scoring.TestEvents.shippedConfigText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the integration tests share: the embedded broker, a run's topics and job settings, the job's
 * Flink configuration (RocksDB, incremental checkpoints), producing input and reading the committed
 * output back with read_committed.
 */
final class PulseTestKit {
    private final String bootstrapServers;

    /**
     * A kit for the cluster at {@code bootstrapServers}, where it connects without credentials and
     * may do anything.
     */
    PulseTestKit(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Topics named {@code <prefix>-events} and so on, each with the given partitions. None is
     * compacted, unlike in production: the tests count every record a job wrote.
     */
    PulseTopics createTopics(String prefix, int partitions) throws Exception {
        PulseTopics inputs =
                new PulseTopics(
                        prefix + "-events",
                        prefix + "-profiles",
                        null,
                        null,
                        null,
                        null,
                        null,
                        prefix + "-control",
                        null);
        createTopics(
                List.of(
                        new NewTopic(inputs.events(), partitions, (short) 1),
                        new NewTopic(inputs.profiles(), partitions, (short) 1),
                        new NewTopic(inputs.control(), 1, (short) 1)));
        return createOutputTopics(inputs, prefix, partitions);
    }

    /**
     * Output topics {@code <prefix>-scores} and so on for a second job reading the same input
     * topics.
     */
    PulseTopics createOutputTopics(PulseTopics inputs, String prefix, int partitions)
            throws Exception {
        PulseTopics topics =
                new PulseTopics(
                        inputs.events(),
                        inputs.profiles(),
                        prefix + "-scores",
                        prefix + "-alerts",
                        prefix + "-dead-letters",
                        prefix + "-incidents",
                        prefix + "-account-alerts",
                        inputs.control(),
                        prefix + "-control-acks");
        createTopics(
                List.of(
                        new NewTopic(topics.scores(), partitions, (short) 1),
                        new NewTopic(topics.alerts(), partitions, (short) 1),
                        new NewTopic(topics.deadLetters(), 1, (short) 1),
                        new NewTopic(topics.incidents(), 1, (short) 1),
                        new NewTopic(topics.accountAlerts(), 1, (short) 1),
                        new NewTopic(topics.controlAcks(), 1, (short) 1)));
        return topics;
    }

    private void createTopics(List<NewTopic> topics) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(topics).all().get();
        }
    }

    /**
     * RocksDB with incremental checkpoints every second into the directory; no restarts unless a
     * test sets them.
     */
    static Configuration flinkConfiguration(Path checkpoints) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    /**
     * The shipped configuration with a score published for every counted event (exact counts) and
     * Kafka partitions idle after one second instead of a minute: a source subtask without a
     * partition holds event time back until it is idle, and tests need not wait for that.
     */
    static ScoringConfig testConfig() {
        return ScoringConfig.parse(testConfigText(), repoFile("config"));
    }

    /** The text of {@link #testConfig}. */
    static String testConfigText() {
        return shippedConfigText()
                .replace("idleness-seconds: 60", "idleness-seconds: 1")
                .replace("churn-change: 0.001", "churn-change: 0");
    }

    /**
     * {@link #testConfig} as a version to publish on the control topic: under {@code version}, with
     * lines replaced (line, its replacement, the next line, ...).
     */
    static ControlArtifact testConfigVersion(String version, String... linesAndReplacements) {
        String text =
                testConfigText().replace("version: \"2026.12-1\"", "version: \"" + version + "\"");
        for (int i = 0; i < linesAndReplacements.length; i += 2) {
            if (!text.contains(linesAndReplacements[i])) {
                throw new IllegalStateException(
                        "config/scoring.yaml no longer has: " + linesAndReplacements[i]);
            }
            text = text.replace(linesAndReplacements[i], linesAndReplacements[i + 1]);
        }
        return ControlArtifact.of(
                ControlSlot.CONFIG, version, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A client of the job's control topic, as bin/pulse-control uses it. */
    ControlClient control(PulseTopics topics) {
        return new ControlClient(clientProperties(), topics.control(), topics.controlAcks());
    }

    /**
     * Job settings for the topics: Avro or JSON in, Avro out, the given consumer group and
     * transactional ids.
     */
    PulseSettings settings(PulseTopics topics, String groupId) {
        return settings(topics, groupId, WireFormat.AUTO, WireFormat.AVRO, null);
    }

    /** The same, in the given formats, with the schema registry of the registry format. */
    PulseSettings settings(
            PulseTopics topics,
            String groupId,
            WireFormat input,
            WireFormat output,
            String schemaRegistryUrl) {
        return new PulseSettings(
                KafkaClientSettings.plaintext(bootstrapServers),
                "config/scoring.yaml",
                topics.events(),
                topics.profiles(),
                topics.scores(),
                topics.alerts(),
                topics.deadLetters(),
                topics.incidents(),
                topics.accountAlerts(),
                topics.control(),
                topics.controlAcks(),
                groupId,
                input,
                UnknownJsonFields.IGNORE,
                output,
                schemaRegistryUrl,
                groupId,
                60_000L,
                null);
    }

    KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        props.put("linger.ms", "5");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void send(
            KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
        producer.send(
                new ProducerRecord<>(
                        topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> byte[] encode(T record) {
        return WireFormat.AVRO.codec((Class<T>) record.getClass()).encode(record);
    }

    /**
     * Reads the committed records of a topic until {@code done} holds, then for three more seconds:
     * anything committed after the condition held would be a duplicate.
     */
    <T extends SpecificRecord> List<T> readUntil(
            String topic, Class<T> type, Predicate<List<T>> done) throws Exception {
        RecordCodec<T> codec = WireFormat.AVRO.codec(type);
        List<T> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = readCommitted(topic)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!done.test(records)) {
                assertThat(System.nanoTime())
                        .as("waiting for " + topic + ", have " + records.size() + " records")
                        .isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    records.add(codec.decode(record.value()));
                }
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(3))) {
                records.add(codec.decode(record.value()));
            }
        }
        return records;
    }

    /** Every committed record of a topic, in partition order. */
    <T extends SpecificRecord> List<T> readAll(String topic, Class<T> type) throws Exception {
        return readAll(topic, WireFormat.AVRO.codec(type));
    }

    /** Every committed record of a topic, in partition order, decoded with {@code codec}. */
    <T extends SpecificRecord> List<T> readAll(String topic, RecordCodec<T> codec)
            throws Exception {
        List<T> records = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : committedRecords(topic)) {
            records.add(codec.decode(record.value()));
        }
        return records;
    }

    /**
     * The offsets just past the last committed record of each partition of a topic, summed: what a
     * consumer group that has read every committed record has committed (transaction markers after
     * the last record are never read, so the end offset overstates it).
     */
    long offsetsPastLastRecord(String topic) throws Exception {
        Map<TopicPartition, Long> past = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : committedRecords(topic)) {
            past.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
        return past.values().stream().mapToLong(Long::longValue).sum();
    }

    private List<ConsumerRecord<byte[], byte[]>> committedRecords(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = readCommitted(topic)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream()
                    .anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    /** Records committed to a topic so far: the last stable offsets summed over partitions. */
    long committedCount(String topic) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            List<TopicPartition> partitions =
                    admin
                            .describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions()
                            .stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            Map<TopicPartition, OffsetSpec> latest =
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            return admin
                    .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get()
                    .values()
                    .stream()
                    .mapToLong(r -> r.offset())
                    .sum();
        }
    }

    /** The offsets a consumer group has committed on a topic, summed over its partitions. */
    long groupOffset(String groupId, String topic) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            return admin
                    .listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .entrySet()
                    .stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        }
    }

    /**
     * Waits until a consumer group has committed at least {@code offset} records of a topic in all.
     * The job commits source offsets only when a checkpoint completes, after everything before the
     * barrier has been processed: the records before it are then in state.
     */
    void awaitGroupOffset(String groupId, String topic, long offset) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (groupOffset(groupId, topic) < offset) {
            assertThat(System.nanoTime())
                    .as("waiting for " + groupId + " to commit " + offset + " records of " + topic)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Waits until the committed record count of each topic has not changed for {@code quiet}:
     * output caused by the last records (timers, the transaction of the next checkpoint) is in.
     */
    void awaitSettled(Duration quiet, String... topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        long[] counts = new long[topics.length];
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < quiet.toNanos()) {
            assertThat(System.nanoTime()).as("waiting for output to settle").isLessThan(deadline);
            Thread.sleep(250);
            for (int i = 0; i < topics.length; i++) {
                long count = committedCount(topics[i]);
                if (count != counts[i]) {
                    counts[i] = count;
                    stableSince = System.nanoTime();
                }
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> readCommitted(String topic) {
        Properties props = clientProperties();
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("max.poll.records", "5000");
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private Properties clientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}
