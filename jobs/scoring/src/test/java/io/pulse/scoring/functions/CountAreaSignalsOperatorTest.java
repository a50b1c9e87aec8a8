package io.pulse.scoring.functions;

import io.pulse.scoring.incidents.AreaHourCount;
import io.pulse.scoring.incidents.AreaSignal;
import io.pulse.scoring.incidents.AreaSignal.Kind;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subtask's count of area signals: each hour's count goes on ahead of the watermark that passes
 * the hour, the counts not yet sent survive a restart, and nothing is counted twice.
 */
class CountAreaSignalsOperatorTest {
    private static final long HOUR = 3_600_000L;
    private static final long T = 1_772_409_600_000L;

    private static void signal(
            OneInputStreamOperatorTestHarness<AreaSignal, AreaHourCount> harness,
            String area,
            Kind kind,
            long time)
            throws Exception {
        harness.processElement(new StreamRecord<>(new AreaSignal(area, kind, time), time));
    }

    @Test
    void anHoursCountGoesOnBeforeTheWatermarkThatPassesItAndSurvivesARestart() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness =
                new OneInputStreamOperatorTestHarness<>(new CountAreaSignalsOperator())) {
            harness.open();
            signal(harness, "north", Kind.ACTIVE, T + 10);
            signal(harness, "north", Kind.ACTIVE, T + 20);
            signal(harness, "north", Kind.DROPPED_CALL, T + 30);
            signal(harness, "south", Kind.ACTIVE, T + 40);
            signal(harness, "north", Kind.ACTIVE, T + HOUR + 5);
            harness.processWatermark(new Watermark(T + HOUR - 1));
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processWatermark(new Watermark(T + HOUR));
            // the earlier watermark, the hour's two counts, then the watermark that passed it
            List<Object> out = List.copyOf(harness.getOutput());
            assertThat(out).hasSize(4);
            assertThat(out.get(0)).isEqualTo(new Watermark(T + HOUR - 1));
            assertThat(out.get(3)).isEqualTo(new Watermark(T + HOUR));
            assertThat(harness.extractOutputValues())
                    .containsExactlyInAnyOrder(
                            new AreaHourCount("north", T, 2, 0, 1),
                            new AreaHourCount("south", T, 1, 0, 0));
            snapshot = harness.snapshot(1L, 1L);
        }
        try (var restored =
                new OneInputStreamOperatorTestHarness<>(new CountAreaSignalsOperator())) {
            restored.initializeState(snapshot);
            restored.open();
            signal(restored, "north", Kind.FAULT_REPORT, T + HOUR + 50);
            restored.processWatermark(new Watermark(T + 2 * HOUR));
            assertThat(restored.extractOutputValues())
                    .containsExactly(new AreaHourCount("north", T + HOUR, 1, 1, 0));
        }
    }
}
