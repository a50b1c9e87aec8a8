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
    AUTO,
    /**
     * Avro binary framed for a schema registry (a zero byte and the writer schema's 4-byte id
     * first), the writer's schema fetched from the registry: {@link RegistryFramedAvroCodec}.
     */
    REGISTRY;

    public static WireFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown wire format '" + name + "', expected avro, json, auto or registry");
        }
    }

    public <T extends SpecificRecord> RecordCodec<T> codec(Class<T> type) {
        return codec(type, UnknownJsonFields.IGNORE, name -> {}, null, null);
    }

    /**
     * A codec whose JSON decoding treats unknown fields as {@code unknownFields} says; REGISTRY
     * reads schemas from the registry at {@code registryUrl} and registers its own under {@code
     * subject}.
     */
    public <T extends SpecificRecord> RecordCodec<T> codec(
            Class<T> type,
            UnknownJsonFields unknownFields,
            Consumer<String> unknownFieldListener,
            String registryUrl,
            String subject) {
        switch (this) {
            case AVRO:
                return new AvroBinaryCodec<>(type);
            case JSON:
                return new PlainJsonCodec<>(type, unknownFields, unknownFieldListener);
            case REGISTRY:
                if (registryUrl == null) {
                    throw new IllegalArgumentException(
                            "the registry wire format needs a schema registry's URL");
                }
                return new RegistryFramedAvroCodec<>(
                        type, new SchemaRegistry(registryUrl), subject);
            default:
                return new AutoDetectingCodec<>(
                        new AvroBinaryCodec<>(type),
                        new PlainJsonCodec<>(type, unknownFields, unknownFieldListener));
        }
    }
}
