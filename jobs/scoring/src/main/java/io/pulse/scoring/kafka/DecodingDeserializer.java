package io.pulse.scoring.kafka;

import io.pulse.schema.DeadLetter;
import io.pulse.schema.codec.CodecException;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.UnknownJsonFields;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.validation.DeadLetters;
import io.pulse.scoring.validation.RecordValidator;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import javax.annotation.Nullable;

import java.util.function.Consumer;

/**
 * Decodes and validates Kafka records without ever throwing: a record that cannot be read or breaks
 * a rule becomes a dead letter carrying the reason and the original bytes (a record framed for a
 * schema registry with an id the registry does not know, too). A throwing deserializer would fail
 * the job and replay the same record forever; only a registry that cannot be reached fails the
 * task, which restarts and reads the record again: the record is not at fault.
 */
public final class DecodingDeserializer<T extends SpecificRecord>
        implements KafkaRecordDeserializationSchema<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final WireFormat format;
    private final RecordValidator<T> validator;
    private final UnknownJsonFields unknownFields;
    @Nullable private final String schemaRegistryUrl;
    private transient Consumer<String> unknownFieldListener;
    private transient RecordCodec<T> codec;

    /**
     * A deserializer that ignores JSON fields the schema does not have, counting them once opened.
     */
    public DecodingDeserializer(Class<T> type, WireFormat format, RecordValidator<T> validator) {
        this(type, format, validator, UnknownJsonFields.IGNORE);
    }

    public DecodingDeserializer(
            Class<T> type,
            WireFormat format,
            RecordValidator<T> validator,
            UnknownJsonFields unknownFields) {
        this(type, format, validator, unknownFields, null);
    }

    /** With the URL of the schema registry that the REGISTRY format reads writer schemas from. */
    public DecodingDeserializer(
            Class<T> type,
            WireFormat format,
            RecordValidator<T> validator,
            UnknownJsonFields unknownFields,
            @Nullable String schemaRegistryUrl) {
        this.type = type;
        this.format = format;
        this.validator = validator;
        this.unknownFields = unknownFields;
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        unknownFieldListener =
                new UnknownJsonFieldMetrics(context.getMetricGroup(), type.getSimpleName());
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
        long now = System.currentTimeMillis();
        T value;
        try {
            value = codec().decode(record.value());
        } catch (CodecException e) {
            out.collect(
                    Decoded.rejected(
                            deadLetter(DeadLetters.UNREADABLE, e.getMessage(), record, now)));
            return;
        }
        String problem = validator.problem(value, now);
        if (problem != null) {
            out.collect(Decoded.rejected(deadLetter(DeadLetters.INVALID, problem, record, now)));
            return;
        }
        out.collect(Decoded.of(value));
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return Decoded.typeInfo(type);
    }

    /** Made on first use in each task: codecs keep buffers and are not serializable. */
    private RecordCodec<T> codec() {
        if (codec == null) {
            Consumer<String> listener =
                    unknownFieldListener == null ? name -> {} : unknownFieldListener;
            codec = format.codec(type, unknownFields, listener, schemaRegistryUrl, null);
        }
        return codec;
    }

    private static DeadLetter deadLetter(
            String reason, String detail, ConsumerRecord<byte[], byte[]> record, long now) {
        return DeadLetters.of(
                reason,
                detail,
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.key(),
                record.value(),
                now);
    }
}
