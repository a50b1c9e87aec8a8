package io.pulse.scoring.kafka;

import io.pulse.schema.DeadLetter;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.Map;
import java.util.Objects;

/**
 * What the Kafka source emits for one record: the decoded value, or the dead letter saying why it
 * could not be used. A source cannot have side outputs, so both travel in one envelope until the
 * first operator splits them.
 */
public class Decoded<T> {
    /** The valid record, or null. */
    public T value;

    /** Why the record was rejected, or null. */
    public DeadLetter deadLetter;

    public Decoded() {}

    public static <T> Decoded<T> of(T value) {
        Decoded<T> decoded = new Decoded<>();
        decoded.value = value;
        return decoded;
    }

    public static <T> Decoded<T> rejected(DeadLetter deadLetter) {
        Decoded<T> decoded = new Decoded<>();
        decoded.deadLetter = deadLetter;
        return decoded;
    }

    /** Flink's POJO type for the envelope, with Avro serializers for both fields (no Kryo). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T extends SpecificRecord> TypeInformation<Decoded<T>> typeInfo(
            Class<T> valueType) {
        return (TypeInformation)
                Types.POJO(
                        Decoded.class,
                        Map.of(
                                "value",
                                TypeInformation.of(valueType),
                                "deadLetter",
                                TypeInformation.of(DeadLetter.class)));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Decoded)) {
            return false;
        }
        Decoded<?> other = (Decoded<?>) o;
        return Objects.equals(value, other.value) && Objects.equals(deadLetter, other.deadLetter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, deadLetter);
    }

    @Override
    public String toString() {
        return value != null ? "Decoded{" + value + "}" : "Decoded{deadLetter=" + deadLetter + "}";
    }
}
