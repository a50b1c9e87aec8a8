package io.pulse.local.bench;

import io.pulse.schema.SubscriberEvent;

import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.IOException;

/**
 * The event records of an {@link InputFiles} part as Flink's file source reads them: one file a
 * split, the bytes a topic would carry for each record.
 */
final class FileRecordFormat implements StreamFormat<byte[]> {
    private static final long serialVersionUID = 1L;

    private final InputFiles.Format format;

    FileRecordFormat(InputFiles.Format format) {
        this.format = format;
    }

    @Override
    public Reader<byte[]> createReader(
            Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
            throws IOException {
        InputFiles.Records records = InputFiles.records(stream, format, SubscriberEvent.class);
        return new Reader<>() {
            @Override
            public byte[] read() throws IOException {
                return records.next();
            }

            @Override
            public void close() throws IOException {
                records.close();
            }
        };
    }

    @Override
    public Reader<byte[]> restoreReader(
            Configuration config,
            FSDataInputStream stream,
            long restoredOffset,
            long fileLen,
            long splitEnd) {
        throw new UnsupportedOperationException(
                "a benchmark run reads its input once and is never restored");
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<byte[]> getProducedType() {
        return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    }
}
