package io.pulse.schema.codec;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Plain Avro binary encoding of one record type, without any header. */
public final class AvroBinaryCodec<T extends SpecificRecord> implements RecordCodec<T> {
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    public AvroBinaryCodec(Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema);
        this.reader = new SpecificDatumReader<>(schema);
    }

    @Override
    public byte[] encode(T record) {
        out.reset();
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public T decode(byte[] bytes) throws CodecException {
        if (bytes == null || bytes.length == 0) {
            throw new CodecException("empty value");
        }
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        T record;
        try {
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new CodecException("not a " + reader.getSchema().getName() + ": trailing bytes after the record");
            }
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Garbage makes Avro throw anything from EOFException to ArrayIndexOutOfBounds.
            throw new CodecException("not a readable Avro " + reader.getSchema().getName() + ": " + e);
        }
        return record;
    }
}
