package io.pulse.schema.codec;

import org.apache.avro.specific.SpecificRecord;

/**
 * Reads either encoding: a JSON object starts with '{' (after optional whitespace), which as the
 * first byte of Avro binary would be a negative string length, so the two never overlap. Writes
 * Avro binary.
 */
final class AutoDetectingCodec<T extends SpecificRecord> implements RecordCodec<T> {
    private final RecordCodec<T> avro;
    private final RecordCodec<T> json;

    AutoDetectingCodec(RecordCodec<T> avro, RecordCodec<T> json) {
        this.avro = avro;
        this.json = json;
    }

    @Override
    public byte[] encode(T record) {
        return avro.encode(record);
    }

    @Override
    public T decode(byte[] bytes) throws CodecException {
        return looksLikeJson(bytes) ? json.decode(bytes) : avro.decode(bytes);
    }

    private static boolean looksLikeJson(byte[] bytes) {
        if (bytes == null) {
            return false;
        }
        for (byte b : bytes) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }
}
