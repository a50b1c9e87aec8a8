package io.pulse.ops;

import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.schema.control.ControlAck;
import io.pulse.schema.control.ControlOutcome;
import io.pulse.schema.control.ControlRecord;
import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.control.ControlArtifact;
import io.pulse.scoring.control.ControlChunks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static io.pulse.ops.ControlAcksTest.ack;
import static org.assertj.core.api.Assertions.assertThat;

/** Which acknowledgement answers a publication, and the line and exit code of each answer. */
class ControlAnswerTest {
    static final ControlArtifact CONFIG_2 = artifact(ControlSlot.CONFIG, "2026.12-2", "one");

    @Test
    void onlyAnAckOfTheSameSlotVersionAndContentAnswersAPublication() {
        ControlArtifact sameVersionOtherContent =
                artifact(ControlSlot.CONFIG, "2026.12-2", "another");
        ControlAck otherContent = answer(sameVersionOtherContent, ControlOutcome.REFUSED, 0);
        ControlAck otherVersion =
                answer(
                        artifact(ControlSlot.CONFIG, "2026.12-3", "one"),
                        ControlOutcome.ACCEPTED,
                        1);
        ControlAck otherSlot =
                answer(
                        artifact(ControlSlot.CHAMPION, "2026.12-2", "one"),
                        ControlOutcome.ACCEPTED,
                        2);
        ControlAck ours = answer(CONFIG_2, ControlOutcome.ACCEPTED, 3);

        assertThat(ControlAnswer.answers(ours, CONFIG_2)).isTrue();
        assertThat(List.of(otherContent, otherVersion, otherSlot))
                .noneMatch(ack -> ControlAnswer.answers(ack, CONFIG_2));
        assertThat(
                        ControlAnswer.find(
                                List.of(otherContent, otherVersion, otherSlot, ours), CONFIG_2))
                .contains(ours);
        assertThat(ControlAnswer.find(List.of(otherContent, otherVersion), CONFIG_2)).isEmpty();
    }

    @Test
    void anAcceptedAnswerIsExitCodeZeroWithTheVersionsInForce() {
        ControlArtifact champion = artifact(ControlSlot.CHAMPION, "sim-2026.12-3", "model");
        ControlAnswer answer = of(champion, answer(champion, ControlOutcome.ACCEPTED, 0));

        assertThat(answer.exitCode()).isZero();
        assertThat(answer.line())
                .isEqualTo(
                        "ACCEPTED CHAMPION sim-2026.12-3 (config 2026.12-1, champion sim-2026.12-3,"
                                + " challenger none)");
    }

    @Test
    void aVersionAlreadyInForceIsAcceptedSayingSo() {
        ControlArtifact champion = artifact(ControlSlot.CHAMPION, "sim-2026.12-3", "model");
        ControlAck ack = answer(champion, ControlOutcome.ACCEPTED, 0);
        ack.setReason("already in force");

        assertThat(of(champion, ack).exitCode()).isZero();
        assertThat(of(champion, ack).line())
                .startsWith("ACCEPTED CHAMPION sim-2026.12-3: already in force (config 2026.12-1,");
    }

    @Test
    void aRefusalIsExitCodeOneWithTheJobsReason() {
        ControlAck ack = answer(CONFIG_2, ControlOutcome.REFUSED, 0);
        ack.setReason("changes state.retention-days, which the job reads only at start");

        assertThat(of(CONFIG_2, ack).exitCode()).isEqualTo(1);
        assertThat(of(CONFIG_2, ack).line())
                .isEqualTo(
                        "REFUSED CONFIG 2026.12-2: changes state.retention-days, which the job reads"
                                + " only at start");
    }

    @Test
    void noAnswerIsExitCodeTwoSayingTheJobMayNotBeRunningOrCheckpointing() {
        ControlAnswer none = new ControlAnswer(CONFIG_2, null, Duration.ofSeconds(90));

        assertThat(none.answered()).isFalse();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.line())
                .startsWith("NO ANSWER to CONFIG 2026.12-2 within 1m30s:")
                .contains("the job may not be running or checkpointing");
    }

    @Test
    void aFullChunkFitsTheProducersRequestSize() {
        byte[] incompressible = new byte[ControlChunks.CHUNK_BYTES + 1000];
        new Random(7).nextBytes(incompressible);
        List<ControlRecord> records =
                ControlChunks.split(
                        ControlArtifact.of(ControlSlot.CHAMPION, "big", incompressible),
                        0,
                        "x".repeat(200));

        assertThat(records).hasSize(2);
        byte[] first = new AvroBinaryCodec<>(ControlRecord.class).encode(records.get(0));
        assertThat(first.length)
                .isGreaterThan(ControlChunks.CHUNK_BYTES)
                .isLessThan(ControlClient.MAX_REQUEST_BYTES - 1024);
    }

    private static ControlAnswer of(ControlArtifact artifact, ControlAck ack) {
        return new ControlAnswer(artifact, ack, Duration.ofMinutes(2));
    }

    static ControlArtifact artifact(ControlSlot slot, String version, String content) {
        return ControlArtifact.of(slot, version, content.getBytes(StandardCharsets.UTF_8));
    }

    static ControlAck answer(ControlArtifact artifact, ControlOutcome outcome, long millis) {
        return ack(artifact.slot(), artifact.version(), outcome, millis)
                .setSha256(artifact.sha256())
                .build();
    }
}
