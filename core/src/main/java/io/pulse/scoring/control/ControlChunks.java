package io.pulse.scoring.control;

import io.pulse.schema.control.ControlRecord;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How an artifact travels on the control topic: gzip-compressed, then cut into chunks of {@value
 * #CHUNK_BYTES} bytes, each a {@link ControlRecord} keyed {@code <slot>/<chunk>}, well under
 * Kafka's default record limit of 1 MiB. The shipped model file (741 KB) is one chunk of 245 KB;
 * the limit is {@value #MAX_CHUNKS} chunks, 32 MiB compressed.
 *
 * <p>Keys per chunk index keep a compacted topic's latest chunk of every index: a later version
 * with fewer chunks leaves an earlier version's last chunks behind, which never complete and are
 * ignored.
 */
public final class ControlChunks {
    public static final int CHUNK_BYTES = 512 * 1024;
    public static final int MAX_CHUNKS = 64;

    private ControlChunks() {}

    /** The records that publish {@code artifact}, in order. */
    public static List<ControlRecord> split(
            ControlArtifact artifact, long publishedAt, String publishedBy) {
        byte[] compressed = gzip(artifact.content());
        int count = Math.max(1, (compressed.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        if (count > MAX_CHUNKS) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "%s is %,d bytes compressed: more than the control topic's limit of %d chunks of %,d bytes",
                            artifact.describe(),
                            compressed.length,
                            MAX_CHUNKS,
                            CHUNK_BYTES));
        }
        List<ControlRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * CHUNK_BYTES;
            int to = Math.min(compressed.length, from + CHUNK_BYTES);
            records.add(
                    ControlRecord.newBuilder()
                            .setSlot(artifact.slot())
                            .setVersion(artifact.version())
                            .setSha256(artifact.sha256())
                            .setChunkIndex(i)
                            .setChunkCount(count)
                            .setBody(ByteBuffer.wrap(compressed, from, to - from).slice())
                            .setPublishedAt(publishedAt)
                            .setPublishedBy(publishedBy)
                            .build());
        }
        return records;
    }

    /** The record's key on the control topic. */
    public static String key(ControlRecord record) {
        return record.getSlot() + "/" + record.getChunkIndex();
    }

    /** Why a record cannot be one of its version's chunks, or null when it can. */
    public static String malformed(ControlRecord record) {
        if (record.getVersion().isBlank()) {
            return "the record has no version";
        }
        if (record.getChunkCount() < 1 || record.getChunkCount() > MAX_CHUNKS) {
            return String.format(
                    Locale.ROOT,
                    "chunkCount %d is outside 1..%d",
                    record.getChunkCount(),
                    MAX_CHUNKS);
        }
        if (record.getChunkIndex() < 0 || record.getChunkIndex() >= record.getChunkCount()) {
            return String.format(
                    Locale.ROOT,
                    "chunkIndex %d is outside 0..%d",
                    record.getChunkIndex(),
                    record.getChunkCount() - 1);
        }
        return null;
    }

    /**
     * The artifact the chunks of one version make, every index once; fails with the reason when the
     * content is not gzip or does not match its digest.
     */
    public static ControlArtifact assemble(List<ControlRecord> chunks) {
        List<ControlRecord> ordered = new ArrayList<>(chunks);
        ordered.sort(Comparator.comparingInt(ControlRecord::getChunkIndex));
        ControlRecord first = ordered.get(0);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        for (ControlRecord chunk : ordered) {
            ByteBuffer body = chunk.getBody().duplicate();
            byte[] bytes = new byte[body.remaining()];
            body.get(bytes);
            compressed.writeBytes(bytes);
        }
        byte[] content;
        try {
            content = gunzip(compressed.toByteArray());
        } catch (IOException e) {
            throw new IllegalArgumentException("its content is not gzip: " + e.getMessage(), e);
        }
        ControlArtifact artifact = ControlArtifact.of(first.getSlot(), first.getVersion(), content);
        if (!artifact.sha256().equals(first.getSha256())) {
            throw new IllegalArgumentException(
                    "its content does not match its digest: sha256 "
                            + artifact.sha256()
                            + ", the record says "
                            + first.getSha256());
        }
        return artifact;
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }
}
