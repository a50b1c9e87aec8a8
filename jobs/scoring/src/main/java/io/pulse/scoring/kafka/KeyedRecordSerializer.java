package io.pulse.scoring.kafka;

import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.UnknownJsonFields;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.privacy.Pseudonymisation;
import io.pulse.scoring.privacy.SubscriberPseudonyms;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

import javax.annotation.Nullable;

/**
 * Writes a record to one topic in the configured wire format, keyed by a field of the record; with
 * a {@link Pseudonymisation}, the record and its key carry the subscriber's pseudonym instead of
 * its id.
 */
public final class KeyedRecordSerializer<T extends SpecificRecord>
        implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Class<T> type;
    private final WireFormat format;
    @Nullable private final String schemaRegistryUrl;
    private final SerializableFunction<T, byte[]> key;
    @Nullable private final Pseudonymisation<T> pseudonymisation;
    private transient RecordCodec<T> codec;
    private transient SubscriberPseudonyms pseudonyms;

    public KeyedRecordSerializer(
            String topic,
            Class<T> type,
            WireFormat format,
            SerializableFunction<T, byte[]> key,
            @Nullable Pseudonymisation<T> pseudonymisation) {
        this(topic, type, format, null, key, pseudonymisation);
    }

    /**
     * With the URL of the schema registry that the REGISTRY format registers the type's schema in,
     * under the subject {@code <topic>-value}.
     */
    public KeyedRecordSerializer(
            String topic,
            Class<T> type,
            WireFormat format,
            @Nullable String schemaRegistryUrl,
            SerializableFunction<T, byte[]> key,
            @Nullable Pseudonymisation<T> pseudonymisation) {
        this.topic = topic;
        this.type = type;
        this.format = format;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.key = key;
        this.pseudonymisation = pseudonymisation;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec =
                format.codec(
                        type,
                        UnknownJsonFields.IGNORE,
                        name -> {},
                        schemaRegistryUrl,
                        topic + "-value");
        if (pseudonymisation != null) {
            pseudonyms = pseudonymisation.pseudonyms();
        }
    }

    @Nullable
    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T record, KafkaSinkContext context, Long timestamp) {
        T element = pseudonyms != null ? pseudonymisation.apply(record, pseudonyms) : record;
        return new ProducerRecord<>(
                topic, null, timestamp, key.apply(element), codec.encode(element));
    }
}
