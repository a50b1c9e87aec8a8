package io.pulse.scoring.kafka;

import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

import javax.annotation.Nullable;

/** Writes a record to one topic in the configured wire format, keyed by a field of the record. */
public final class KeyedRecordSerializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Class<T> type;
    private final WireFormat format;
    private final SerializableFunction<T, byte[]> key;
    private transient RecordCodec<T> codec;

    public KeyedRecordSerializer(String topic, Class<T> type, WireFormat format, SerializableFunction<T, byte[]> key) {
        this.topic = topic;
        this.type = type;
        this.format = format;
        this.key = key;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = format.codec(type);
    }

    @Nullable
    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, key.apply(element), codec.encode(element));
    }
}
