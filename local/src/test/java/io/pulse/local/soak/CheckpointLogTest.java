package io.pulse.local.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode checkpoints(int completed, int failed, String... history)
            throws Exception {
        return JSON.readTree(
                "{\"counts\":{\"completed\":"
                        + completed
                        + ",\"failed\":"
                        + failed
                        + "},\"history\":["
                        + String.join(",", history)
                        + "]}");
    }

    private static String checkpoint(
            int id, String status, long trigger, long duration, long size, long state) {
        return String.format(
                "{\"id\":%d,\"status\":\"%s\",\"trigger_timestamp\":%d,\"end_to_end_duration\":%d,"
                        + "\"checkpointed_size\":%d,\"state_size\":%d,\"processed_data\":0}",
                id, status, trigger, duration, size, state);
    }

    @Test
    void gathersCheckpointsAcrossReadsOfTheShortHistory() throws Exception {
        CheckpointLog log = new CheckpointLog();
        log.update(
                checkpoints(
                        2,
                        0,
                        checkpoint(2, "COMPLETED", 2000, 300, 20, 50),
                        checkpoint(1, "COMPLETED", 1000, 100, 40, 40)));
        log.update(
                checkpoints(
                        3,
                        0,
                        checkpoint(4, "IN_PROGRESS", 4000, 0, 0, 0),
                        checkpoint(3, "COMPLETED", 3000, 200, 10, 60),
                        checkpoint(2, "COMPLETED", 2000, 300, 20, 50)));

        CheckpointLog.Stats stats = log.stats();
        assertThat(log.all()).extracting(CheckpointLog.Checkpoint::id).containsExactly(1L, 2L, 3L);
        assertThat(stats.completed()).isEqualTo(3);
        assertThat(stats.durationMs().min()).isEqualTo(100);
        assertThat(stats.durationMs().p50()).isEqualTo(200);
        assertThat(stats.durationMs().max()).isEqualTo(300);
        assertThat(stats.latestCheckpointedBytes()).isEqualTo(10);
        assertThat(stats.latestStateBytes()).isEqualTo(60);
        assertThat(stats.checkpointedBytes().max()).isEqualTo(40);
        assertThat(stats.stateBytes().max()).isEqualTo(60);
        assertThat(log.completedTriggeredAfter(2500)).isTrue();
        assertThat(log.completedTriggeredAfter(3500)).isFalse();
    }

    @Test
    void failuresBeforeTheLoadAreLeftOut() throws Exception {
        CheckpointLog log = new CheckpointLog();
        log.update(checkpoints(0, 1));
        log.startOfLoad();
        assertThat(log.stats().failed()).isZero();

        log.update(
                checkpoints(
                        1,
                        2,
                        checkpoint(2, "FAILED", 2000, 50, 0, 0),
                        checkpoint(1, "COMPLETED", 1000, 100, 40, 40)));
        assertThat(log.stats().failed()).isEqualTo(1);
        assertThat(log.latestCompleted().orElseThrow().id()).isEqualTo(1);
    }
}
