package io.pulse.model.history;

import io.pulse.schema.CallScope;
import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.engine.EventAdmission;
import io.pulse.scoring.features.Feature;
import io.pulse.scoring.usage.Days;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.profile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hand-made history: {@code stays} calls every day for 60 days, {@code leaves} calls every day
 * and is terminated on day 40, {@code late} starts on day 20. Cut-offs after a 7-day warm-up, every
 * 7 days: days 7, 14, ..., 56.
 */
class SnapshotReplayTest {
    private static final long DAY = Days.MILLIS_PER_DAY;

    private List<Snapshot> replay(List<SubscriberEvent> extra) {
        SnapshotReplay replay =
                new SnapshotReplay(
                        TestEvents.shippedConfig(),
                        List.of(
                                profile("stays", Segment.MASS, DAY_0),
                                profile("leaves", Segment.MASS, DAY_0)),
                        7,
                        7);
        for (int day = 0; day < 60; day++) {
            replay.accept(outgoingCall("s" + day, "stays", at(day, 9), CallScope.LOCAL, 60));
            if (day < 40) {
                replay.accept(outgoingCall("l" + day, "leaves", at(day, 9), CallScope.LOCAL, 60));
            }
            if (day == 40) {
                replay.accept(
                        SubscriberEvent.newBuilder(
                                        outgoingCall(
                                                "end", "leaves", at(40, 12), CallScope.LOCAL, 1))
                                .setType(EventType.STATUS_CHANGE)
                                .setDirection(null)
                                .setCallScope(null)
                                .setDurationSec(null)
                                .setStatus(SubscriberStatus.TERMINATED)
                                .build());
            }
            if (day >= 20) {
                replay.accept(outgoingCall("n" + day, "late", at(day, 9), CallScope.LOCAL, 60));
            }
            for (SubscriberEvent e : extra) {
                if (Days.epochDay(e.getEventTime()) == Days.epochDay(at(day, 0))) {
                    replay.accept(e);
                }
            }
        }
        return replay.finish();
    }

    @Test
    void everySubscriberIsSnapshottedAtEveryCutOffFromItsFirstEventUntilItLeaves() {
        List<Snapshot> snapshots = replay(List.of());

        assertThat(cutoffDays(snapshots, "stays"))
                .containsExactly(7L, 14L, 21L, 28L, 35L, 42L, 49L, 56L);
        // terminated on day 40: the cut-off on day 42 finds it gone
        assertThat(cutoffDays(snapshots, "leaves")).containsExactly(7L, 14L, 21L, 28L, 35L);
        // first seen on day 20
        assertThat(cutoffDays(snapshots, "late")).containsExactly(21L, 28L, 35L, 42L, 49L, 56L);
    }

    @Test
    void aSnapshotsFeaturesAreTheJobsAtTheCutOffAndItsLabelTheTerminationWithinTheHorizon() {
        List<Snapshot> snapshots = replay(List.of());
        Snapshot stays14 = snapshot(snapshots, "stays", 14);
        // days 0..13 before the cut-off at day 14, 00:00: 14 calls of a minute
        assertThat(stays14.features()[Feature.VOICE_MINUTES_30D.ordinal()]).isEqualTo(14);
        assertThat(stays14.features()[Feature.CALLS_30D.ordinal()]).isEqualTo(14);
        // last call on day 13 at 09:00: 0 days before day 14 at 00:00
        assertThat(stays14.features()[Feature.DAYS_SINCE_OUTGOING.ordinal()]).isZero();
        assertThat(stays14.features()[Feature.OBSERVED_DAYS.ordinal()]).isEqualTo(14);

        long horizon = 30 * DAY;
        Snapshot leaves7 = snapshot(snapshots, "leaves", 7);
        Snapshot leaves14 = snapshot(snapshots, "leaves", 14);
        Snapshot leaves35 = snapshot(snapshots, "leaves", 35);
        assertThat(leaves7.terminatedAt()).isEqualTo(at(40, 12));
        // day 40 is 33 days after day 7, 26 after day 14
        assertThat(leaves7.leavesWithin(horizon)).isFalse();
        assertThat(leaves14.leavesWithin(horizon)).isTrue();
        assertThat(leaves35.leavesWithin(horizon)).isTrue();
        assertThat(stays14.leavesWithin(horizon)).isFalse();
        assertThat(stays14.terminatedAt()).isZero();
    }

    @Test
    void reSentAndTooLateEventsCountAsTheJobCountsThem() {
        SnapshotReplay replay = new SnapshotReplay(TestEvents.shippedConfig(), List.of(), 7, 7);
        for (int day = 0; day < 15; day++) {
            replay.accept(outgoingCall("s" + day, "s", at(day, 9), CallScope.LOCAL, 60));
            if (day == 3) {
                replay.accept(
                        outgoingCall(
                                "s3", "s", at(3, 9), CallScope.LOCAL, 60)); // re-sent: counts once
            }
            if (day == 11) {
                replay.accept(
                        outgoingCall(
                                "a", "s", at(10, 8), CallScope.LOCAL, 300)); // a day late: counts
            }
            if (day == 12) {
                replay.accept(
                        outgoingCall(
                                "b", "s", at(5, 8), CallScope.LOCAL, 600)); // a week late: refused
            }
        }
        List<Snapshot> snapshots = replay.finish();

        assertThat(snapshot(snapshots, "s", 14).features()[Feature.VOICE_MINUTES_30D.ordinal()])
                .isEqualTo(14 + 5);
        assertThat(replay.verdicts())
                .containsEntry(EventAdmission.Verdict.DUPLICATE, 1L)
                .containsEntry(EventAdmission.Verdict.LATE, 1L)
                .containsEntry(EventAdmission.Verdict.ADMITTED, 16L);
    }

    private static List<Long> cutoffDays(List<Snapshot> snapshots, String id) {
        return snapshots.stream()
                .filter(s -> s.subscriberId().equals(id))
                .map(s -> (s.cutoff() - DAY_0) / DAY)
                .toList();
    }

    private static Snapshot snapshot(List<Snapshot> snapshots, String id, long day) {
        return snapshots.stream()
                .filter(s -> s.subscriberId().equals(id) && s.cutoff() == DAY_0 + day * DAY)
                .findFirst()
                .orElseThrow();
    }
}
