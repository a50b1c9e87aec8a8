package io.pulse.ops;

import io.pulse.schema.control.ControlAck;
import io.pulse.schema.control.ControlOutcome;
import io.pulse.schema.control.ControlSlot;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** pulse-control list: the versions in force after the latest answer, and the answers' lines. */
class ControlAcksTest {
    static final long T0 = Instant.parse("2026-12-07T14:00:00Z").toEpochMilli();

    @Test
    void theVersionsInForceAreTheLatestAnswersByTheJobsTimeARefusalToo() {
        List<ControlAck> acks =
                List.of(
                        ack(ControlSlot.CHALLENGER, "sim-next", ControlOutcome.ACCEPTED, 20)
                                .setChampionVersion("sim-2026.12-3")
                                .setChallengerVersion("sim-next")
                                .build(),
                        ack(ControlSlot.CONFIG, "2026.12-2", ControlOutcome.REFUSED, 30)
                                .setChampionVersion("sim-2026.12-3")
                                .setChallengerVersion("sim-next")
                                .build(),
                        // an older answer read last, from another partition
                        ack(ControlSlot.CHAMPION, "sim-2026.12-3", ControlOutcome.ACCEPTED, 10)
                                .build());

        assertThat(VersionsInForce.of(acks).orElseThrow().describe())
                .isEqualTo("config 2026.12-1, champion sim-2026.12-3, challenger sim-next");
        assertThat(VersionsInForce.of(List.of())).isEmpty();
    }

    @Test
    void noChallengerIsNone() {
        ControlAck retired =
                ack(ControlSlot.CHALLENGER, "none", ControlOutcome.ACCEPTED, 0).build();

        assertThat(VersionsInForce.after(retired).challenger()).isEqualTo("none");
    }

    @Test
    void anAnswersLineHasTheTimeInUtcOutcomeSlotVersionPublisherAndReason() {
        assertThat(
                        ControlAcks.line(
                                ack(ControlSlot.CONFIG, "2026.12-2", ControlOutcome.REFUSED, 1500)
                                        .setReason("scores.churn-change: -1 is below 0")
                                        .build()))
                .isEqualTo(
                        "2026-12-07T14:00:01.500Z REFUSED CONFIG 2026.12-2 by alice@ops-1:"
                                + " scores.churn-change: -1 is below 0");
        assertThat(
                        ControlAcks.line(
                                ack(
                                                ControlSlot.CHAMPION,
                                                "sim-2026.12-3",
                                                ControlOutcome.ACCEPTED,
                                                0)
                                        .build()))
                .isEqualTo("2026-12-07T14:00:00Z ACCEPTED CHAMPION sim-2026.12-3 by alice@ops-1");
    }

    @Test
    void listPrintsTheVersionsInForceThenTheLastAnswersOldestFirst() {
        List<ControlAck> acks =
                List.of(
                        ack(ControlSlot.CONFIG, "2026.12-2", ControlOutcome.ACCEPTED, 0)
                                .setConfigVersion("2026.12-2")
                                .build(),
                        ack(ControlSlot.CHAMPION, "sim-2026.12-3", ControlOutcome.ACCEPTED, 1000)
                                .setConfigVersion("2026.12-2")
                                .build(),
                        ack(ControlSlot.CHAMPION, "sim-2026.12-3", ControlOutcome.ACCEPTED, 2000)
                                .setConfigVersion("2026.12-2")
                                .setReason("already in force")
                                .build());

        assertThat(ControlAcks.lines(acks, 20))
                .containsExactly(
                        "in force: config 2026.12-2, champion sim-2026.12-3, challenger none",
                        "3 answers:",
                        "2026-12-07T14:00:00Z ACCEPTED CONFIG 2026.12-2 by alice@ops-1",
                        "2026-12-07T14:00:01Z ACCEPTED CHAMPION sim-2026.12-3 by alice@ops-1",
                        "2026-12-07T14:00:02Z ACCEPTED CHAMPION sim-2026.12-3 by alice@ops-1:"
                                + " already in force");
        assertThat(ControlAcks.lines(acks, 1))
                .containsExactly(
                        "in force: config 2026.12-2, champion sim-2026.12-3, challenger none",
                        "the last 1 of 3 answers (--last N for more):",
                        "2026-12-07T14:00:02Z ACCEPTED CHAMPION sim-2026.12-3 by alice@ops-1:"
                                + " already in force");
    }

    @Test
    void anEmptyTopicSaysTheJobScoresWithItsStartFiles() {
        assertThat(ControlAcks.lines(List.of(), 20))
                .containsExactly(
                        "no version has been published yet; the job scores with the files it was"
                                + " started with");
    }

    /** An answer at T0 + {@code millis}, with the shipped versions in force. */
    static ControlAck.Builder ack(
            ControlSlot slot, String version, ControlOutcome outcome, long millis) {
        return ControlAck.newBuilder()
                .setSlot(slot)
                .setVersion(version)
                .setSha256("a".repeat(64))
                .setOutcome(outcome)
                .setReason(null)
                .setConfigVersion("2026.12-1")
                .setChampionVersion(
                        slot == ControlSlot.CHAMPION && outcome == ControlOutcome.ACCEPTED
                                ? version
                                : "sim-2026.12-2")
                .setChallengerVersion(null)
                .setPublishedBy("alice@ops-1")
                .setTime(T0 + millis);
    }
}
