package io.pulse.schema.codec;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Avro binary framed for a schema registry, as the widely used registry serializers write it: a
 * zero magic byte, the writer schema's 4-byte id (big-endian), then the Avro body. A record is read
 * with its writer's schema, fetched from the registry by id, resolved against Pulse's schema of the
 * type, so producers may evolve their schema compatibly (fields added with defaults, removed,
 * reordered). Written records carry the id of Pulse's schema, registered under {@code subject} on
 * first use. Like {@link AvroBinaryCodec}, the bytes are walked once without allocating before they
 * are read.
 */
public final class RegistryFramedAvroCodec<T extends SpecificRecord> implements RecordCodec<T> {
    static final byte MAGIC = 0;
    private static final int HEADER = 5;

    private final SchemaRegistry registry;
    private final String subject;
    private final Schema schema;
    private final AvroBinaryCodec<T> unframed;
    private final Map<Integer, SpecificDatumReader<T>> readers = new HashMap<>();
    private BinaryDecoder decoder;
    private int ownId = -1;

    public RegistryFramedAvroCodec(Class<T> type, SchemaRegistry registry, String subject) {
        this.registry = registry;
        this.subject = subject;
        this.schema = SpecificData.get().getSchema(type);
        this.unframed = new AvroBinaryCodec<>(type);
    }

    @Override
    public byte[] encode(T record) {
        if (ownId < 0) {
            ownId = registry.register(subject, schema);
        }
        byte[] body = unframed.encode(record);
        return ByteBuffer.allocate(HEADER + body.length).put(MAGIC).putInt(ownId).put(body).array();
    }

    @Override
    public T decode(byte[] bytes) throws CodecException {
        if (bytes == null || bytes.length < HEADER) {
            throw new CodecException(
                    "too short for a schema-registry frame (magic byte, 4-byte id)");
        }
        if (bytes[0] != MAGIC) {
            throw new CodecException(
                    "not framed for a schema registry: the first byte is " + bytes[0] + ", not 0");
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SpecificDatumReader<T> reader = readers.get(id);
        if (reader == null) {
            reader = new SpecificDatumReader<>(registry.schema(id), schema);
            readers.put(id, reader);
        }
        try {
            decoder =
                    DecoderFactory.get()
                            .binaryDecoder(bytes, HEADER, bytes.length - HEADER, decoder);
            GenericDatumReader.skip(reader.getSchema(), decoder);
            requireEnd(id);
            decoder =
                    DecoderFactory.get()
                            .binaryDecoder(bytes, HEADER, bytes.length - HEADER, decoder);
            T record = reader.read(null, decoder);
            requireEnd(id);
            return record;
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CodecException(
                    "not a readable Avro "
                            + schema.getName()
                            + " of schema id "
                            + id
                            + " (as Pulse's schema): "
                            + e);
        }
    }

    private void requireEnd(int id) throws IOException, CodecException {
        if (!decoder.isEnd()) {
            throw new CodecException(
                    "bytes left after the Avro " + schema.getName() + " of schema id " + id);
        }
    }
}
