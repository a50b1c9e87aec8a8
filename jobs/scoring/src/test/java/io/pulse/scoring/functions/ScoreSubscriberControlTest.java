package io.pulse.scoring.functions;

import io.pulse.schema.Alert;
import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.control.ControlAck;
import io.pulse.schema.control.ControlOutcome;
import io.pulse.schema.control.ControlRecord;
import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.control.ControlArtifact;
import io.pulse.scoring.control.ControlChunks;
import io.pulse.scoring.control.LiveVersions;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.complaint;
import static io.pulse.scoring.TestEvents.everyScoreConfig;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.shippedConfigText;
import static io.pulse.scoring.TestEvents.shippedModels;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scoring operator's control input on Flink's test harness: a published version is applied from
 * the next record on and answered once, a version in chunks only when whole (a checkpoint between
 * its chunks included), a challenger scores in shadow and never alerts, and a malformed or corrupt
 * version is refused with the reason.
 */
class ScoreSubscriberControlTest {
    private static final String SUB = "sub-1";

    private static LiveVersions atStart() {
        return LiveVersions.atStart(everyScoreConfig(), shippedModels());
    }

    private static List<ControlRecord> published(ControlArtifact artifact) {
        return ControlChunks.split(artifact, 1L, "analyst@ops");
    }

    private static ControlArtifact config(String version, String line, String replacement) {
        String text =
                shippedConfigText()
                        .replace("churn-change: 0.001", "churn-change: 0")
                        .replace("version: \"2026.12-1\"", "version: \"" + version + "\"");
        assertThat(text).contains(line);
        return ControlArtifact.of(
                ControlSlot.CONFIG,
                version,
                text.replace(line, replacement).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The shipped model under another version, made large with random text in a field the job does
     * not read, so that it travels in several chunks.
     */
    private static ControlArtifact largeModel(ControlSlot slot, String version) throws IOException {
        String text = Files.readString(TestEvents.repoFile("config/models/churn-sim.json"));
        byte[] noise = new byte[1_200_000];
        new Random(3).nextBytes(noise);
        String padded =
                text.replace("\"version\" : \"sim-2026.12-2\"", "\"version\" : \"" + version + "\"")
                        .replaceFirst(
                                "\"file\" : \"[^\"]*\"",
                                "\"file\" : \"" + Base64.getEncoder().encodeToString(noise) + "\"");
        return ControlArtifact.of(slot, version, padded.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ControlAck> answers(ScoringHarness harness) {
        List<ControlAck> acks = new ArrayList<>();
        if (harness.getSideOutput(SideOutputs.CONTROL_ACKS) != null) {
            harness.getSideOutput(SideOutputs.CONTROL_ACKS).forEach(r -> acks.add(r.getValue()));
        }
        return acks;
    }

    private static List<Alert> alerts(ScoringHarness harness) {
        List<Alert> alerts = new ArrayList<>();
        if (harness.getSideOutput(SideOutputs.ALERTS) != null) {
            harness.getSideOutput(SideOutputs.ALERTS).forEach(r -> alerts.add(r.getValue()));
        }
        return alerts;
    }

    private static ScoreUpdate lastScore(ScoringHarness harness) {
        List<ScoreUpdate> scores = harness.extractOutputValues();
        return scores.get(scores.size() - 1);
    }

    @Test
    void aPublishedConfigurationScoresFromTheNextEventOnAndIsAnsweredOnce() throws Exception {
        try (ScoringHarness harness = new ScoringHarness(atStart())) {
            harness.open();
            harness.event(outgoingCall("e1", SUB, at(0, 9), CallScope.LOCAL, 60));
            assertThat(lastScore(harness).getConfigVersion()).isEqualTo("2026.12-1");
            double before = lastScore(harness).getSatisfaction();

            for (ControlRecord record :
                    published(
                            config(
                                    "live-2",
                                    "baseline: {MASS: 75, BUSINESS: 75, KEY_ACCOUNT: 80}",
                                    "baseline: {MASS: 60, BUSINESS: 60, KEY_ACCOUNT: 80}"))) {
                harness.control(record);
            }
            harness.event(outgoingCall("e2", SUB, at(0, 10), CallScope.LOCAL, 60));

            ScoreUpdate after = lastScore(harness);
            assertThat(after.getConfigVersion()).isEqualTo("live-2");
            assertThat(after.getSatisfaction()).isLessThan(before);
            assertThat(answers(harness))
                    .singleElement()
                    .satisfies(
                            ack -> {
                                assertThat(ack.getOutcome()).isEqualTo(ControlOutcome.ACCEPTED);
                                assertThat(ack.getVersion()).isEqualTo("live-2");
                                assertThat(ack.getConfigVersion()).isEqualTo("live-2");
                                assertThat(ack.getPublishedBy()).isEqualTo("analyst@ops");
                            });
        }
    }

    @Test
    void onlyTheFirstSubtaskAnswersButEverySubtaskApplies() throws Exception {
        String onSecond = "sub-0";
        for (int i = 1;
                KeyGroupRangeAssignment.assignKeyToParallelOperator(onSecond, 720, 2) != 1;
                i++) {
            onSecond = "sub-" + i;
        }
        try (ScoringHarness second = new ScoringHarness(atStart(), 720, 2, 1)) {
            second.open();
            published(config("live-2", "churn-change: 0", "churn-change: 0.0"))
                    .forEach(r -> control(second, r));
            second.event(outgoingCall("e1", onSecond, at(0, 9), CallScope.LOCAL, 60));

            assertThat(lastScore(second).getConfigVersion()).isEqualTo("live-2");
            assertThat(answers(second)).isEmpty();
        }
    }

    @Test
    void aVersionInChunksIsAppliedWhenWholeAcrossACheckpoint() throws Exception {
        List<ControlRecord> chunks = published(largeModel(ControlSlot.CHAMPION, "sim-large"));
        assertThat(chunks).hasSizeGreaterThan(1);
        OperatorSubtaskState snapshot;
        try (ScoringHarness harness = new ScoringHarness(atStart())) {
            harness.open();
            chunks.subList(0, chunks.size() - 1).forEach(r -> control(harness, r));
            harness.event(outgoingCall("e1", SUB, at(0, 9), CallScope.LOCAL, 60));
            assertThat(lastScore(harness).getModelVersion()).isEqualTo("sim-2026.12-2");
            assertThat(answers(harness)).isEmpty();
            snapshot = harness.snapshot(1L, 1L);
        }
        try (ScoringHarness restored = new ScoringHarness(atStart())) {
            restored.initializeState(snapshot);
            restored.open();
            restored.control(chunks.get(chunks.size() - 1));
            restored.event(outgoingCall("e2", SUB, at(0, 10), CallScope.LOCAL, 60));

            assertThat(lastScore(restored).getModelVersion()).isEqualTo("sim-large");
            assertThat(answers(restored))
                    .extracting(ControlAck::getOutcome)
                    .containsExactly(ControlOutcome.ACCEPTED);
            snapshot = restored.snapshot(2L, 2L);
        }
        // and the applied version is what the next restart comes back on
        try (ScoringHarness again = new ScoringHarness(atStart())) {
            again.initializeState(snapshot);
            again.open();
            again.event(outgoingCall("e3", SUB, at(0, 11), CallScope.LOCAL, 60));
            assertThat(lastScore(again).getModelVersion()).isEqualTo("sim-large");
        }
    }

    @Test
    void aChallengerScoresInShadowAndChangesNoAlert() throws Exception {
        List<SubscriberEvent> events = new ArrayList<>();
        for (int day = 0; day < 12; day++) {
            events.add(outgoingCall("c" + day, SUB, at(day, 9), CallScope.LOCAL, 60));
            events.add(complaint("k" + day, SUB, at(day, 10), ComplaintCategory.NETWORK, 2));
        }
        try (ScoringHarness champion = new ScoringHarness(atStart());
                ScoringHarness shadowed = new ScoringHarness(atStart())) {
            champion.open();
            shadowed.open();
            published(largeModel(ControlSlot.CHALLENGER, "sim-next"))
                    .forEach(r -> control(shadowed, r));
            for (SubscriberEvent e : events) {
                champion.event(e);
                shadowed.event(e);
            }
            Watermark silence = new Watermark(at(11, 10) + 10 * DAY);
            champion.processBothWatermarks(silence);
            shadowed.processBothWatermarks(silence);

            List<ScoreUpdate> withChallenger = shadowed.extractOutputValues();
            assertThat(withChallenger)
                    .isNotEmpty()
                    .allSatisfy(
                            s -> {
                                assertThat(s.getChallenger().getModelVersion())
                                        .isEqualTo("sim-next");
                                // the same trees under another name: the same probability
                                assertThat(s.getChallenger().getChurnProbability())
                                        .isEqualTo(s.getChurnProbability());
                            });
            assertThat(withChallenger)
                    .extracting(s -> ScoreUpdate.newBuilder(s).setChallenger(null).build())
                    .isEqualTo(champion.extractOutputValues());
            assertThat(alerts(champion)).isNotEmpty();
            assertThat(alerts(shadowed)).isEqualTo(alerts(champion));
            assertThat(champion.extractOutputValues())
                    .allSatisfy(s -> assertThat(s.getChallenger()).isNull());
        }
    }

    @Test
    void aMalformedOrCorruptVersionIsRefusedWithItsReasonAndChangesNothing() throws Exception {
        try (ScoringHarness harness = new ScoringHarness(atStart())) {
            harness.open();
            ControlRecord outOfRange =
                    published(config("live-2", "churn-change: 0", "churn-change: 0.0")).get(0);
            outOfRange.setChunkIndex(3);
            harness.control(outOfRange);
            ControlRecord corrupt =
                    published(config("live-3", "churn-change: 0", "churn-change: 0.0")).get(0);
            corrupt.setSha256("00");
            harness.control(corrupt);
            harness.event(outgoingCall("e1", SUB, at(0, 9), CallScope.LOCAL, 60));

            assertThat(answers(harness))
                    .extracting(a -> a.getOutcome() + " " + a.getVersion() + ": " + a.getReason())
                    .containsExactly(
                            "REFUSED live-2: chunkIndex 3 is outside 0..0",
                            "REFUSED live-3: its content does not match its digest: sha256 "
                                    + ControlArtifact.of(
                                                    ControlSlot.CONFIG,
                                                    "live-3",
                                                    config(
                                                                    "live-3",
                                                                    "churn-change: 0",
                                                                    "churn-change: 0.0")
                                                            .content())
                                            .sha256()
                                    + ", the record says 00");
            assertThat(lastScore(harness).getConfigVersion()).isEqualTo("2026.12-1");
        }
    }

    private static void control(ScoringHarness harness, ControlRecord record) {
        try {
            harness.control(record);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
