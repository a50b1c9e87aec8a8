package io.pulse.scoring.functions;

import io.pulse.schema.AlertStatus;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.Route;
import io.pulse.scoring.incidents.AreaHourCount;
import io.pulse.scoring.incidents.AreaSignal;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.pulse.scoring.TestEvents.everyScoreConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The area watch on Flink's test harness and RocksDB: hours closed by event time alone (an area
 * silent for hours still has them judged), an outage opening one incident that a restart in the
 * middle does not repeat, and the end of the input closing nothing.
 */
class WatchAreaFunctionTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long T0 = 1_772_409_600_000L; // Monday 2026-03-02T00:00Z
    private static final int SUBSCRIBERS = 150;

    private static KeyedOneInputStreamOperatorTestHarness<String, AreaHourCount, NetworkIncident>
            harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AreaHourCount, NetworkIncident> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new WatchAreaFunction(everyScoreConfig())),
                        AreaHourCount::area,
                        Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }

    /**
     * Hours of the area, counted by two subtasks: each subscriber active by day with chance 0.6;
     * none if {@code down}, and then no count arrives at all.
     */
    private static void hours(
            KeyedOneInputStreamOperatorTestHarness<String, AreaHourCount, NetworkIncident> harness,
            long from,
            long until,
            Random random,
            boolean down)
            throws Exception {
        for (long hour = from; hour < until; hour += HOUR) {
            int hourOfDay = (int) (Math.floorMod(hour, DAY) / HOUR);
            double chance = hourOfDay >= 8 && hourOfDay < 22 ? 0.6 : 0.1;
            // two scoring subtasks' counts of the hour, as they arrive
            for (int subtask = 0; subtask < 2; subtask++) {
                int active = 0;
                for (int s = subtask; s < SUBSCRIBERS; s += 2) {
                    active += !down && random.nextDouble() < chance ? 1 : 0;
                }
                if (active > 0) {
                    harness.processElement(
                            new StreamRecord<>(
                                    new AreaHourCount("north", hour, active, 0, 0), hour));
                }
            }
            harness.processWatermark(new Watermark(hour + HOUR));
        }
    }

    @Test
    void anOutageOpensOneIncidentThatARestartDoesNotRepeatAndItsEndResolvesIt() throws Exception {
        assertThat(TypeInformation.of(AreaSignal.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(AreaHourCount.class)).isInstanceOf(PojoTypeInfo.class);
        Random random = new Random(9);
        long outage = T0 + 14 * DAY + 10 * HOUR;
        OperatorSubtaskState snapshot;
        List<NetworkIncident> before;
        try (var first = harness()) {
            first.open();
            hours(first, T0, outage, random, false);
            assertThat(first.extractOutputValues()).isEmpty();
            // the whole area down: nothing arrives, the hours are judged all the same
            hours(first, outage, outage + 3 * HOUR, random, true);
            before = first.extractOutputValues();
            snapshot = first.snapshot(1L, 1L);
        }
        assertThat(before)
                .extracting(NetworkIncident::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.UPDATED);
        assertThat(before.get(0).getRoute()).isEqualTo(Route.NETWORK_OPERATIONS);
        assertThat(before.get(0).getActive()).isZero();
        assertThat(before.get(0).getAffectedSubscribers())
                .isEqualTo(before.get(0).getUsualActive());
        assertThat(before.get(0).getEpisodeStart()).isEqualTo(outage);

        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            hours(restored, outage + 3 * HOUR, outage + 8 * HOUR, random, false);
            List<NetworkIncident> after = restored.extractOutputValues();
            assertThat(after)
                    .extracting(NetworkIncident::getStatus)
                    .containsExactly(AlertStatus.RESOLVED);
            assertThat(after.get(0).getIncidentId()).isEqualTo(before.get(0).getIncidentId());

            restored.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(restored.extractOutputValues()).hasSize(1);
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }
}
