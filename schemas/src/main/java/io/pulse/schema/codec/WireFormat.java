package io.pulse.schema.codec;

import org.apache.avro.specific.SpecificRecord;

import java.util.Locale;
import java.util.function.Consumer;

/** How records are encoded on a Kafka topic. */
public enum WireFormat {
    /** Avro binary, the production format (no schema-registry header). */
    AVRO,
    /**
     * The plain JSON encoding of docs/specification.md, section 2: field names as in the Avro
     * schema.
     */
    JSON,
    /** Input only: JSON when the value starts with '{', Avro binary otherwise. */
    AUTO;

    public static WireFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown wire format '" + name + "', expected avro, json or auto");
        }
    }

    public <T extends SpecificRecord> RecordCodec<T> codec(Class<T> type) {
        return codec(type, UnknownJsonFields.IGNORE, name -> {});
    }

    /** A codec whose JSON decoding treats unknown fields as {@code unknownFields} says. */
    public <T extends SpecificRecord> RecordCodec<T> codec(
            Class<T> type, UnknownJsonFields unknownFields, Consumer<String> unknownFieldListener) {
        switch (this) {
            case AVRO:
                return new AvroBinaryCodec<>(type);
            case JSON:
                return new PlainJsonCodec<>(type, unknownFields, unknownFieldListener);
            default:
                return new AutoDetectingCodec<>(
                        new AvroBinaryCodec<>(type),
                        new PlainJsonCodec<>(type, unknownFields, unknownFieldListener));
        }
    }
}
