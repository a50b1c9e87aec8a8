package io.pulse.scoring.control;

import io.pulse.schema.control.ControlRecord;
import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.TestEvents;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlChunksTest {

    @Test
    void theShippedModelTravelsAsOneCompressedChunk() throws IOException {
        byte[] model = Files.readAllBytes(TestEvents.repoFile("config/models/churn-sim.json"));
        ControlArtifact artifact = ControlArtifact.of(ControlSlot.CHAMPION, "sim-2026.12-2", model);

        List<ControlRecord> records = ControlChunks.split(artifact, 1L, "analyst@host");

        assertThat(records).hasSize(1);
        assertThat(records.get(0).getBody().remaining()).isLessThan(model.length / 2);
        assertThat(ControlChunks.key(records.get(0))).isEqualTo("CHAMPION/0");
        ControlArtifact back = ControlChunks.assemble(records);
        assertThat(back.content()).isEqualTo(model);
        assertThat(back.sha256()).isEqualTo(artifact.sha256());
        assertThat(back.version()).isEqualTo("sim-2026.12-2");
    }

    @Test
    void aLargeArtifactIsCutIntoChunksThatAssembleInAnyOrder() {
        byte[] content = new byte[3 * ControlChunks.CHUNK_BYTES]; // random: gzip cannot shrink it
        new Random(7).nextBytes(content);
        ControlArtifact artifact = ControlArtifact.of(ControlSlot.CHALLENGER, "big-1", content);

        List<ControlRecord> records = new ArrayList<>(ControlChunks.split(artifact, 1L, "me"));

        assertThat(records).hasSize(4);
        assertThat(records).allSatisfy(r -> assertThat(r.getChunkCount()).isEqualTo(4));
        assertThat(records)
                .allSatisfy(
                        r ->
                                assertThat(r.getBody().remaining())
                                        .isLessThanOrEqualTo(ControlChunks.CHUNK_BYTES));
        assertThat(records).extracting(ControlChunks::key).contains("CHALLENGER/3");
        Collections.reverse(records);
        assertThat(ControlChunks.assemble(records).content()).isEqualTo(content);
    }

    @Test
    void anArtifactBeyondTheLimitIsRefusedByTheTool() {
        byte[] content = new byte[ControlChunks.MAX_CHUNKS * ControlChunks.CHUNK_BYTES + 1];
        new Random(7).nextBytes(content);
        ControlArtifact artifact = ControlArtifact.of(ControlSlot.CHAMPION, "huge-1", content);

        assertThatThrownBy(() -> ControlChunks.split(artifact, 1L, "me"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHAMPION huge-1")
                .hasMessageContaining("limit of 64 chunks");
    }

    @Test
    void aChunkWhoseContentDoesNotMatchItsDigestIsRefused() {
        ControlRecord record =
                ControlChunks.split(
                                ControlArtifact.of(
                                        ControlSlot.CONFIG, "v1", "version: v1".getBytes()),
                                1L,
                                "me")
                        .get(0);
        record.setSha256("00ff");

        assertThatThrownBy(() -> ControlChunks.assemble(List.of(record)))
                .hasMessageContaining("does not match its digest");

        record.setBody(ByteBuffer.wrap("not gzip".getBytes()));
        assertThatThrownBy(() -> ControlChunks.assemble(List.of(record)))
                .hasMessageContaining("not gzip");
    }

    @Test
    void malformedChunkNumbersAreNamed() {
        ControlRecord record =
                ControlChunks.split(
                                ControlArtifact.of(ControlSlot.CONFIG, "v1", new byte[] {1}),
                                1L,
                                "me")
                        .get(0);
        assertThat(ControlChunks.malformed(record)).isNull();

        record.setChunkIndex(1);
        assertThat(ControlChunks.malformed(record)).isEqualTo("chunkIndex 1 is outside 0..0");
        record.setChunkCount(65);
        assertThat(ControlChunks.malformed(record)).isEqualTo("chunkCount 65 is outside 1..64");
        record.setVersion(" ");
        assertThat(ControlChunks.malformed(record)).isEqualTo("the record has no version");
    }
}
