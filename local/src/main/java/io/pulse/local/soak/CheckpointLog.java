package io.pulse.local.soak;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every checkpoint of the run, gathered from repeated reads of {@code /jobs/:id/checkpoints}: its
 * history holds only the latest few, so each read adds the finished ones it has not seen.
 */
final class CheckpointLog {

    /** One finished checkpoint; sizes in bytes, durations in milliseconds. */
    record Checkpoint(
            long id,
            String status,
            long triggerTimestamp,
            long endToEndDurationMs,
            long checkpointedSize,
            long stateSize,
            long processedData) {
        boolean completed() {
            return status.equals("COMPLETED");
        }
    }

    /**
     * The run's checkpoints: counts as Flink reports them; durations and sizes over the completed
     * ones; {@code failed} since the load started; {@code checkpointedBytes} is what each
     * (incremental) checkpoint added, {@code stateBytes} the full state it stands for.
     */
    record Stats(
            long completed,
            long failed,
            Summary durationMs,
            Summary checkpointedBytes,
            Summary stateBytes,
            long latestCheckpointedBytes,
            long latestStateBytes,
            long latestDurationMs) {}

    private final TreeMap<Long, Checkpoint> finished = new TreeMap<>();
    private long completedCount;
    private long failedCount;
    private long failedBeforeLoad;

    void update(JsonNode checkpoints) {
        completedCount =
                Math.max(completedCount, checkpoints.path("counts").path("completed").asLong());
        failedCount = Math.max(failedCount, checkpoints.path("counts").path("failed").asLong());
        for (JsonNode c : checkpoints.path("history")) {
            String status = c.path("status").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                finished.put(
                        c.path("id").asLong(),
                        new Checkpoint(
                                c.path("id").asLong(),
                                status,
                                c.path("trigger_timestamp").asLong(),
                                c.path("end_to_end_duration").asLong(),
                                c.path("checkpointed_size").asLong(),
                                c.path("state_size").asLong(),
                                c.path("processed_data").asLong()));
            }
        }
    }

    /**
     * Leaves out of {@link Stats#failed()} the failures so far: at start-up, the first trigger can
     * come before every task runs, and fails for that reason only.
     */
    void startOfLoad() {
        failedBeforeLoad = failedCount;
    }

    List<Checkpoint> all() {
        return List.copyOf(finished.values());
    }

    Optional<Checkpoint> latestCompleted() {
        return finished.descendingMap().values().stream().filter(Checkpoint::completed).findFirst();
    }

    /** Whether a checkpoint triggered after {@code wallMillis} has completed. */
    boolean completedTriggeredAfter(long wallMillis) {
        return finished.values().stream()
                .anyMatch(c -> c.completed() && c.triggerTimestamp() > wallMillis);
    }

    Stats stats() {
        List<Checkpoint> completed =
                finished.values().stream().filter(Checkpoint::completed).toList();
        Optional<Checkpoint> latest = latestCompleted();
        return new Stats(
                Math.max(completedCount, completed.size()),
                Math.max(failedCount - failedBeforeLoad, finished.size() - completed.size()),
                Summary.of(completed.stream().map(Checkpoint::endToEndDurationMs).toList()),
                Summary.of(completed.stream().map(Checkpoint::checkpointedSize).toList()),
                Summary.of(completed.stream().map(Checkpoint::stateSize).toList()),
                latest.map(Checkpoint::checkpointedSize).orElse(0L),
                latest.map(Checkpoint::stateSize).orElse(0L),
                latest.map(Checkpoint::endToEndDurationMs).orElse(0L));
    }
}
