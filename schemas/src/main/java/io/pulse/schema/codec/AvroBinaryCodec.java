package io.pulse.schema.codec;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Plain Avro binary encoding of one record type, without any header.
 *
 * <p>Decoding walks the bytes twice. Avro allocates a string's buffer from its length prefix before
 * it reads the string, so eight bytes of garbage claiming a 2 GB string make it allocate 2 GB: an
 * {@link OutOfMemoryError} is not an exception a caller can turn into a dead letter, it kills the
 * task, and the task replays the same record after every restart. The first walk only skips over
 * the values, which allocates nothing and fails with end-of-input as soon as a length points past
 * the bytes; the second reads the record, with every length known to fit.
 *
 * <p>A record that is not one of the current schema is tried against the schemas earlier releases
 * defined for the type ({@link ReleasedSchemas}), newest first, and resolved to the current one: a
 * producer that has not upgraded keeps working, the fields added since read as their defaults.
 */
public final class AvroBinaryCodec<T extends SpecificRecord> implements RecordCodec<T> {
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    private final Schema schema;
    private final List<Schema> released;
    private final List<SpecificDatumReader<T>> releasedReaders = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    public AvroBinaryCodec(Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        SpecificData data = fastReading(type);
        this.writer = new SpecificDatumWriter<>(schema, data);
        this.reader = new SpecificDatumReader<>(schema, schema, data);
        this.schema = schema;
        this.released = ReleasedSchemas.of(schema);
        for (Schema writerSchema : released) {
            releasedReaders.add(new SpecificDatumReader<>(writerSchema, schema, data));
        }
    }

    /**
     * A model of its own for {@code type} that reads with Avro's fast reader ({@code
     * FastReaderBuilder}: a reader compiled once per pair of schemas instead of the resolving
     * decoder's interpretation of every record, off by default in Avro 1.11); writing is the same.
     */
    private static SpecificData fastReading(Class<?> type) {
        SpecificData data = new SpecificData(type.getClassLoader());
        // the generated class's own (dates as LocalDate)
        SpecificData.getForClass(type).getConversions().forEach(data::addLogicalTypeConversion);
        data.setFastReaderEnabled(true);
        return data;
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
        try {
            return read(bytes, schema, reader);
        } catch (CodecException e) {
            for (int i = 0; i < released.size(); i++) {
                try {
                    return read(bytes, released.get(i), releasedReaders.get(i));
                } catch (CodecException notThatOne) {
                    // the next older one, or the current schema's error
                }
            }
            throw e;
        }
    }

    private T read(byte[] bytes, Schema writerSchema, SpecificDatumReader<T> datumReader)
            throws CodecException {
        T record;
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
            GenericDatumReader.skip(writerSchema, decoder);
            requireEnd();
            decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
            record = datumReader.read(null, decoder);
            requireEnd();
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Garbage makes Avro throw anything from EOFException to ArrayIndexOutOfBounds.
            throw new CodecException("not a readable Avro " + schema.getName() + ": " + e);
        }
        return record;
    }

    private void requireEnd() throws IOException, CodecException {
        if (!decoder.isEnd()) {
            throw new CodecException(
                    "not a " + schema.getName() + ": trailing bytes after the record");
        }
    }
}
