package io.pulse.local.bench;

import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.schema.codec.WireFormat;
import io.pulse.schema.history.HistoryFiles;

import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A user's own traffic for {@code bin/pulse-bench --input}: event records in one file or a folder
 * of part files, and optionally a profiles file, each as JSON lines (the JSON encoding of README
 * "Topics", one record a line: {@code .jsonl} or {@code .json}) or as Avro container files of the
 * schemas in {@code schemas/} ({@code .avro}). A folder's parts are its files, hidden ones and
 * those starting with {@code _} (markers such as {@code _SUCCESS}) left out, read in the order of
 * their names, which for an export's parts is the order of time; a folder written by {@code
 * bin/pulse-simulate} ({@code events.*} and {@code profiles.*}) is read as its events and profiles.
 *
 * <p>Each record is handed on as the bytes a topic would carry for it (a JSON line as it is; an
 * Avro record, read with the file's schema, encoded as the topic's Avro binary), so that the job's
 * own deserializer decodes and validates it.
 */
final class InputFiles implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a file's records are stored. */
    enum Format {
        JSON_LINES(WireFormat.JSON, "JSON lines"),
        AVRO(WireFormat.AVRO, "Avro container files");

        final WireFormat wire;
        final String description;

        Format(WireFormat wire, String description) {
            this.wire = wire;
            this.description = description;
        }

        /** The format of a file by its name's ending, or null if it has none of them. */
        static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".jsonl") || name.endsWith(".json")) {
                return JSON_LINES;
            }
            return name.endsWith(".avro") ? AVRO : null;
        }
    }

    /** The records of one file, as a topic would carry them. */
    interface Records extends Closeable {
        /** The next record, or null at the end of the file. */
        byte[] next() throws IOException;
    }

    private final String path;
    private final List<String> events;
    private final Format format;
    private final String profiles;

    private InputFiles(String path, List<String> events, Format format, String profiles) {
        this.path = path;
        this.events = events;
        this.format = format;
        this.profiles = profiles;
    }

    /**
     * The input at {@code path}, with the profiles of {@code profiles} (null: none, or the folder's
     * own if it is a simulator's history).
     *
     * @throws IllegalArgumentException naming what cannot be read: a missing path, an empty folder,
     *     a file of no known format, parts of two formats
     */
    static InputFiles of(Path path, Path profiles) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file or folder: " + path);
        }
        List<Path> parts;
        if (Files.isDirectory(path)) {
            Path history = historyFile(path, HistoryFiles.EVENTS);
            if (history != null) {
                parts = List.of(history);
                if (profiles == null) {
                    profiles = historyFile(path, HistoryFiles.PROFILES);
                }
            } else {
                parts = parts(path);
            }
        } else {
            parts = List.of(path);
        }
        Format format = null;
        for (Path part : parts) {
            Format of = Format.of(part);
            if (of == null) {
                throw new IllegalArgumentException(
                        part + ": not a known format (.jsonl or .json: JSON lines; .avro: Avro)");
            }
            if (format != null && of != format) {
                throw new IllegalArgumentException(
                        path + " holds parts of two formats: JSON lines and Avro");
            }
            format = of;
        }
        if (profiles != null) {
            if (!Files.isRegularFile(profiles)) {
                throw new IllegalArgumentException("no such profiles file: " + profiles);
            }
            if (Format.of(profiles) == null) {
                throw new IllegalArgumentException(
                        profiles
                                + ": not a known format (.jsonl or .json: JSON lines; .avro: Avro)");
            }
        }
        return new InputFiles(
                path.toString(),
                parts.stream().map(p -> p.toAbsolutePath().toString()).toList(),
                format,
                profiles == null ? null : profiles.toAbsolutePath().toString());
    }

    private static Path historyFile(Path folder, String name) {
        for (HistoryFiles.Format format : HistoryFiles.Format.values()) {
            Path file = folder.resolve(format.fileName(name));
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static List<Path> parts(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> parts =
                    files.filter(Files::isRegularFile)
                            .filter(
                                    f -> {
                                        String name = f.getFileName().toString();
                                        return !name.startsWith(".") && !name.startsWith("_");
                                    })
                            .sorted()
                            .toList();
            if (parts.isEmpty()) {
                throw new IllegalArgumentException(folder + " holds no part files");
            }
            return parts;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The input as given on the command line. */
    String path() {
        return path;
    }

    /** The event files, in reading order. */
    List<String> events() {
        return events;
    }

    Format format() {
        return format;
    }

    /** The profiles file, or null. */
    String profiles() {
        return profiles;
    }

    /** The profiles file's format; null without one. */
    Format profilesFormat() {
        return profiles == null ? null : Format.of(Path.of(profiles));
    }

    /** The records of type {@code type} stored in {@code format} in {@code in}. */
    static <T extends SpecificRecord> Records records(InputStream in, Format format, Class<T> type)
            throws IOException {
        return format == Format.JSON_LINES ? jsonLines(in) : avro(in, type);
    }

    /** The record the job's Kafka source would hand its deserializer, at {@code offset}. */
    static ConsumerRecord<byte[], byte[]> consumerRecord(String file, long offset, byte[] value) {
        return new ConsumerRecord<>(file, 0, offset, null, value);
    }

    private static Records jsonLines(InputStream in) {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        return new Records() {
            @Override
            public byte[] next() throws IOException {
                String line;
                do {
                    line = reader.readLine();
                } while (line != null && line.isBlank());
                return line == null ? null : line.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    private static <T extends SpecificRecord> Records avro(InputStream in, Class<T> type)
            throws IOException {
        DataFileStream<T> stream;
        try {
            stream = new DataFileStream<>(in, new SpecificDatumReader<>(type));
        } catch (IOException e) {
            in.close();
            throw new IOException(
                    "not an Avro container file of " + type.getSimpleName() + ": " + e.getMessage(),
                    e);
        }
        AvroBinaryCodec<T> codec = new AvroBinaryCodec<>(type);
        return new Records() {
            private T reuse;

            @Override
            public byte[] next() throws IOException {
                if (!stream.hasNext()) {
                    return null;
                }
                reuse = stream.next(reuse);
                return codec.encode(reuse);
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }
}
