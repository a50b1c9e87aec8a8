package io.pulse.local.replay;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.flink.util.function.SerializableSupplier;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a stream to one local file, a line per record, for a replay on a local cluster at
 * parallelism 1: the file is complete when the job has finished. (Collecting two streams to the
 * client can lose the end of one when the local cluster shuts down after the job.)
 */
final class LineFileSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final SerializableSupplier<SerializableFunction<T, String>> encoder;

    /** {@code encoder} makes each writer its own encoding function (codecs keep buffers). */
    LineFileSink(Path file, SerializableSupplier<SerializableFunction<T, String>> encoder) {
        this.file = file.toString();
        this.encoder = encoder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException(
                    "a line file sink writes one file: run it at parallelism 1");
        }
        Path path = Path.of(file);
        Files.createDirectories(path.toAbsolutePath().getParent());
        BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        SerializableFunction<T, String> encode = encoder.get();
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) throws IOException {
                writer.write(encode.apply(element));
                writer.newLine();
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                writer.flush();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }
}
