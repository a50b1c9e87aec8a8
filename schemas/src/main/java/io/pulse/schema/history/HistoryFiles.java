package io.pulse.schema.history;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.CodecException;
import io.pulse.schema.codec.PlainJsonCodec;

import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An event history on disk, as the simulator writes it and the model tools read it: a directory
 * with the profiles and the events, each either as JSON lines ({@code profiles.jsonl}, {@code
 * events.jsonl}: one record per line in the plain JSON encoding the job accepts on its topics) or
 * as Avro container files ({@code profiles.avro}, {@code events.avro}: the schemas of {@code
 * schemas/}, deflate-compressed). Events are in event-time order, as the job would read them; an
 * operator's export in either format can be read the same way.
 */
public final class HistoryFiles {
    public static final String PROFILES = "profiles";
    public static final String EVENTS = "events";

    /** How the records are stored. */
    public enum Format {
        JSON(".jsonl"),
        AVRO(".avro");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String fileName(String name) {
            return name + extension;
        }
    }

    private HistoryFiles() {}

    /**
     * Writes a new history into {@code directory}, creating it; profiles first, then events in time
     * order.
     */
    public static Writer create(Path directory, Format format) {
        try {
            Files.createDirectories(directory);
            return new Writer(directory, format);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The format of the history in {@code directory}, from the events file it holds. */
    public static Format formatOf(Path directory) {
        for (Format format : Format.values()) {
            if (Files.isRegularFile(directory.resolve(format.fileName(EVENTS)))) {
                return format;
            }
        }
        throw new IllegalArgumentException(
                directory
                        + " holds no event history: expected "
                        + Format.JSON.fileName(EVENTS)
                        + " or "
                        + Format.AVRO.fileName(EVENTS));
    }

    /** Every profile of the history; empty if it has none. */
    public static List<SubscriberProfile> readProfiles(Path directory) {
        Format format = formatOf(directory);
        Path file = directory.resolve(format.fileName(PROFILES));
        List<SubscriberProfile> profiles = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return profiles;
        }
        try (Records<SubscriberProfile> records = open(file, format, SubscriberProfile.class)) {
            while (records.hasNext()) {
                profiles.add(records.next());
            }
        }
        return profiles;
    }

    /** The events of the history, read one at a time; close it when done. */
    public static Records<SubscriberEvent> readEvents(Path directory) {
        Format format = formatOf(directory);
        return open(directory.resolve(format.fileName(EVENTS)), format, SubscriberEvent.class);
    }

    /** How many events the history holds, counted without decoding them. */
    public static long countEvents(Path directory) {
        Format format = formatOf(directory);
        Path file = directory.resolve(format.fileName(EVENTS));
        try {
            if (format == Format.JSON) {
                try (BufferedReader reader =
                        Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    return reader.lines().filter(line -> !line.isBlank()).count();
                }
            }
            long count = 0;
            try (DataFileStream<Object> stream =
                    new DataFileStream<>(Files.newInputStream(file), new GenericDatumReader<>())) {
                while (stream.hasNext()) {
                    count += stream.getBlockCount();
                    stream.nextBlock();
                }
            }
            return count;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot count the events of " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T extends SpecificRecord> Records<T> open(
            Path file, Format format, Class<T> type) {
        try {
            return format == Format.JSON
                    ? new JsonRecords<>(file, type)
                    : new AvroRecords<>(file, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records read one by one. A record that cannot be read fails with the file and the line or
     * block.
     */
    public interface Records<T> extends Iterator<T>, AutoCloseable {
        @Override
        void close();
    }

    private static final class JsonRecords<T extends SpecificRecord> implements Records<T> {
        private final Path file;
        private final BufferedReader reader;
        private final PlainJsonCodec<T> codec;
        private String line;
        private int number;

        JsonRecords(Path file, Class<T> type) throws IOException {
            this.file = file;
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            this.codec = new PlainJsonCodec<>(type);
        }

        @Override
        public boolean hasNext() {
            try {
                while (line == null) {
                    String read = reader.readLine();
                    if (read == null) {
                        return false;
                    }
                    number++;
                    if (!read.isBlank()) {
                        line = read;
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String text = line;
            line = null;
            try {
                return codec.decode(text.getBytes(StandardCharsets.UTF_8));
            } catch (CodecException e) {
                throw new IllegalArgumentException(
                        file + " line " + number + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class AvroRecords<T extends SpecificRecord> implements Records<T> {
        private final Path file;
        private final DataFileStream<T> stream;
        private long number;

        AvroRecords(Path file, Class<T> type) throws IOException {
            this.file = file;
            InputStream in = Files.newInputStream(file);
            try {
                this.stream = new DataFileStream<>(in, new SpecificDatumReader<>(type));
            } catch (IOException e) {
                in.close();
                throw new IOException(
                        "not an Avro container file of "
                                + type.getSimpleName()
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }

        @Override
        public boolean hasNext() {
            try {
                return stream.hasNext();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        file + " after record " + number + ": " + e.getMessage(), e);
            }
        }

        @Override
        public T next() {
            number++;
            try {
                return stream.next();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        file + " record " + number + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes one history; not thread-safe. */
    public static final class Writer implements AutoCloseable {
        private final Sink<SubscriberProfile> profiles;
        private final Sink<SubscriberEvent> events;

        private Writer(Path directory, Format format) throws IOException {
            this.profiles =
                    sink(
                            directory.resolve(format.fileName(PROFILES)),
                            format,
                            SubscriberProfile.class);
            this.events =
                    sink(directory.resolve(format.fileName(EVENTS)), format, SubscriberEvent.class);
        }

        public void profile(SubscriberProfile profile) {
            profiles.write(profile);
        }

        public void event(SubscriberEvent event) {
            events.write(event);
        }

        @Override
        public void close() {
            profiles.close();
            events.close();
        }

        private static <T extends SpecificRecord> Sink<T> sink(
                Path file, Format format, Class<T> type) throws IOException {
            if (format == Format.JSON) {
                BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                PlainJsonCodec<T> codec = new PlainJsonCodec<>(type);
                return new Sink<>(
                        record -> {
                            out.write(codec.toJson(record));
                            out.newLine();
                        },
                        out::close);
            }
            DataFileWriter<T> out = new DataFileWriter<>(new SpecificDatumWriter<>(type));
            out.setCodec(CodecFactory.deflateCodec(3));
            out.create(SpecificData.get().getSchema(type), file.toFile());
            return new Sink<>(out::append, out::close);
        }
    }

    private interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Where one file's records go, with I/O errors unchecked. */
    private record Sink<T>(IoConsumer<T> writer, IoAction closer) {
        void write(T record) {
            try {
                writer.accept(record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                closer.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
