package io.pulse.model.history;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.CodecException;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A history read from the job's own topics: every record from the beginning of each partition up to
 * the end it had when reading started, decoded as the job decodes them (Avro or JSON, detected per
 * record) and checked with the job's validators. No consumer group is joined and no offset is
 * committed, so the job's own consumption is not touched. Records of one subscriber come in the
 * order of their partition, which is the order the job reads them in.
 */
public final class KafkaHistory implements History {
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaClientSettings kafka;
    private final String eventsTopic;
    private final String profilesTopic;
    private final Admitted admitted = new Admitted();

    public KafkaHistory(KafkaClientSettings kafka, String eventsTopic, String profilesTopic) {
        this.kafka = kafka;
        this.eventsTopic = eventsTopic;
        this.profilesTopic = profilesTopic;
    }

    @Override
    public String description() {
        return "Kafka topics "
                + eventsTopic
                + " and "
                + profilesTopic
                + " at "
                + kafka.bootstrapServers();
    }

    @Override
    public List<SubscriberProfile> profiles() {
        List<SubscriberProfile> profiles = new ArrayList<>();
        read(
                profilesTopic,
                SubscriberProfile.class,
                p -> {
                    if (admitted.profile(p)) {
                        profiles.add(p);
                    }
                });
        return profiles;
    }

    @Override
    public void forEachEvent(Consumer<SubscriberEvent> action) {
        read(
                eventsTopic,
                SubscriberEvent.class,
                e -> {
                    if (admitted.event(e)) {
                        action.accept(e);
                    }
                });
    }

    @Override
    public Map<String, Long> rejected() {
        return admitted.rejected();
    }

    private <T extends SpecificRecord> void read(String topic, Class<T> type, Consumer<T> action) {
        RecordCodec<T> codec = WireFormat.AUTO.codec(type);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException(
                        "topic " + topic + " does not exist at " + kafka.bootstrapServers());
            }
            List<TopicPartition> partitions =
                    infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!reachedEnd(consumer, partitions, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset()
                            >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        action.accept(codec.decode(record.value()));
                    } catch (CodecException e) {
                        admitted.unreadable(e.getMessage());
                    }
                }
            }
        }
    }

    private static boolean reachedEnd(
            KafkaConsumer<?, ?> consumer,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private Properties config() {
        Properties config = new Properties();
        config.putAll(kafka.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "pulse-model-history");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return config;
    }
}
