package io.pulse.scoring.functions;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.validation.DeadLetters;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.complaint;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.shippedConfig;
import static io.pulse.scoring.TestEvents.shippedModels;
import static io.pulse.scoring.TestEvents.sms;
import static io.pulse.scoring.TestEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

class ScoreSubscriberFunctionTest {
    private ScoringHarness harness;

    private static ScoringHarness newHarness() throws Exception {
        return new ScoringHarness(LiveVersions.atStart(shippedConfig(), shippedModels()));
    }

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void event(SubscriberEvent e) throws Exception {
        harness.event(e);
    }

    private List<Alert> alerts() {
        var output = harness.getSideOutput(SideOutputs.ALERTS);
        return output == null
                ? List.of()
                : output.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void scoresEveryEventThatChangesTheScoreAndKeepsOneTimerPerSubscriber() throws Exception {
        event(outgoingCall("a1", "sub-a", at(0, 9), CallScope.LOCAL, 600));
        event(outgoingCall("b1", "sub-b", at(0, 9), CallScope.LOCAL, 60));
        // a complaint lowers satisfaction: a new score; its re-sent copy counts once
        event(complaint("a2", "sub-a", at(0, 10), ComplaintCategory.NETWORK, 2));
        event(complaint("a2", "sub-a", at(0, 10), ComplaintCategory.NETWORK, 2));

        assertThat(harness.extractOutputValues())
                .extracting(ScoreUpdate::getSubscriberId)
                .containsExactly("sub-a", "sub-b", "sub-a");
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
    }

    @Test
    void raisesZeroActivityWhenTheWatermarkPassesTheSilenceAndResolvesIt() throws Exception {
        harness.profile(profile("sub-k", Segment.KEY_ACCOUNT, DAY_0));
        event(outgoingCall("k1", "sub-k", at(0, 9), CallScope.LOCAL, 60));
        event(outgoingCall("m1", "sub-m", at(0, 9), CallScope.LOCAL, 60));

        harness.processBothWatermarks(new Watermark(at(0, 9) + 3 * DAY - 1));
        assertThat(alerts()).isEmpty();
        harness.processBothWatermarks(new Watermark(at(0, 9) + 3 * DAY));
        assertThat(alerts())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getSubscriberId()).isEqualTo("sub-k");
                            assertThat(a.getType()).isEqualTo(AlertType.ZERO_ACTIVITY);
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
                            assertThat(a.getAssignee()).isEqualTo("am-7");
                        });

        event(sms("k2", "sub-k", at(4, 10)));
        assertThat(alerts())
                .extracting(Alert::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);

        harness.processBothWatermarks(new Watermark(at(0, 9) + 7 * DAY));
        assertThat(alerts())
                .extracting(Alert::getSubscriberId)
                .containsExactly("sub-k", "sub-k", "sub-m");
    }

    @Test
    void sendsLateEventsToTheDeadLetterOutput() throws Exception {
        event(outgoingCall("a1", "sub-a", at(5, 9), CallScope.LOCAL, 60));
        event(outgoingCall("a0", "sub-a", at(1, 9), CallScope.LOCAL, 60));
        assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS))
                .singleElement()
                .satisfies(
                        r -> {
                            DeadLetter deadLetter = r.getValue();
                            assertThat(deadLetter.getReason()).isEqualTo(DeadLetters.LATE);
                            assertThat(deadLetter.getSourceTopic()).isEqualTo("subscriber-events");
                        });
    }

    /**
     * A ported-out line's state goes 48 h after its termination, but the termination is remembered
     * for the retention horizon: a later event is a TERMINATED dead letter and raises nothing,
     * instead of starting the line again as ACTIVE. A STATUS_CHANGE to ACTIVE brings it back.
     */
    @Test
    void remembersATerminationAfterRemovingTheStateAndRefusesTheLinesLaterEvents()
            throws Exception {
        event(outgoingCall("a1", "sub-a", at(0, 9), CallScope.LOCAL, 60));
        event(status("a2", "sub-a", at(1, 9), SubscriberStatus.TERMINATED));
        harness.processBothWatermarks(new Watermark(at(4, 0)));
        int scores = harness.extractOutputValues().size();
        int alerts = alerts().size();

        event(outgoingCall("a3", "sub-a", at(10, 9), CallScope.LOCAL, 60));
        harness.processBothWatermarks(new Watermark(at(30, 0)));
        assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getValue().getReason()).isEqualTo(DeadLetters.TERMINATED);
                            assertThat(r.getValue().getDetail())
                                    .startsWith(
                                            "VOICE_CALL after the line was terminated on 2026-03-03");
                        });
        assertThat(harness.extractOutputValues()).hasSize(scores);
        assertThat(alerts()).as("no silence alert for a ported-out line").hasSize(alerts);

        event(status("a4", "sub-a", at(31, 9), SubscriberStatus.ACTIVE));
        assertThat(harness.extractOutputValues()).as("the line is back").hasSize(scores + 1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void forgetsATerminationAfterTheRetentionHorizon() throws Exception {
        event(outgoingCall("a1", "sub-a", at(0, 9), CallScope.LOCAL, 60));
        event(status("a2", "sub-a", at(1, 9), SubscriberStatus.TERMINATED));
        harness.processBothWatermarks(new Watermark(at(1, 9) + 92 * DAY));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void removesAllStateOfAnIdleSubscriberAfterItsLifetime() throws Exception {
        profileOf("sub-a", DAY_0);
        event(outgoingCall("a1", "sub-a", at(0, 9), CallScope.LOCAL, 60));
        assertThat(harness.numEventTimeTimers())
                .as("the subscriber's own timer replaces the profile's")
                .isEqualTo(1);
        event(outgoingCall("a2", "sub-a", at(1, 9), CallScope.LOCAL, 60));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processBothWatermarks(new Watermark(at(1, 9) + 120 * DAY));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void profileOf(String subscriber, long updatedAt) throws Exception {
        harness.profile(profile(subscriber, Segment.MASS, updatedAt));
    }

    /** A profile whose subscriber sends no event leaves with the idle TTL (120 days) too. */
    @Test
    void removesAProfileWithoutEventsAfterTheIdleTtlFromItsLatestUpdate() throws Exception {
        profileOf("sub-p", DAY_0);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        profileOf("sub-p", DAY_0 + 50 * DAY);
        assertThat(harness.numEventTimeTimers()).as("the later profile moves it").isEqualTo(1);
        harness.processBothWatermarks(new Watermark(DAY_0 + 120 * DAY));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processBothWatermarks(new Watermark(DAY_0 + 170 * DAY - 1));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processBothWatermarks(new Watermark(DAY_0 + 170 * DAY));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    /**
     * A profile sent for a line whose state was removed after termination: the entry still leaves,
     * and the termination is still remembered until the horizon.
     */
    @Test
    void aProfileAfterATerminatedLineWasRemovedLeavesAndTheTerminationHolds() throws Exception {
        event(outgoingCall("a1", "sub-a", at(0, 9), CallScope.LOCAL, 60));
        event(status("a2", "sub-a", at(1, 9), SubscriberStatus.TERMINATED));
        harness.processBothWatermarks(new Watermark(at(4, 0)));
        profileOf("sub-a", at(5, 0));
        event(outgoingCall("a3", "sub-a", at(10, 9), CallScope.LOCAL, 60));
        assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.getValue().getReason())
                                        .isEqualTo(DeadLetters.TERMINATED));
        harness.processBothWatermarks(new Watermark(at(5, 0) + 120 * DAY));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theEndOfEventTimeRaisesNothingAndKeepsTheState() throws Exception {
        event(outgoingCall("c1", "sub-1", at(0, 9), CallScope.LOCAL, 60));
        long entries = harness.numKeyedStateEntries();
        // a drained stop or the end of a bounded input: the watermark jumps to the end of time
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        assertThat(alerts()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(entries);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void restoresStateAndTimersFromASnapshot() throws Exception {
        event(outgoingCall("a1", "sub-a", at(0, 9), CallScope.LOCAL, 600));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        event(outgoingCall("a1", "sub-a", at(0, 9), CallScope.LOCAL, 600)); // re-sent after restore
        assertThat(harness.extractOutputValues()).as("a duplicate changes nothing").isEmpty();
        harness.processBothWatermarks(new Watermark(at(0, 9) + 7 * DAY));
        assertThat(alerts()).extracting(Alert::getType).containsExactly(AlertType.ZERO_ACTIVITY);
    }
}
