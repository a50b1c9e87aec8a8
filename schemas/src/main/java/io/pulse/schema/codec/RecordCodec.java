package io.pulse.schema.codec;

import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type in one wire format. Instances keep reusable buffers and are
 * not thread-safe: use one per thread (in Flink: one per operator instance, made in open).
 */
public interface RecordCodec<T extends SpecificRecord> {

    byte[] encode(T record);

    T decode(byte[] bytes) throws CodecException;
}
