package io.pulse.local.bench;

import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;

/**
 * The completed checkpoints of a run. With incremental checkpoints a checkpoint's full size is all
 * the state it refers to, its checkpointed size what it added.
 *
 * @param completed how many completed
 * @param largestBytes the largest full size: the state with the most history in it
 * @param lastBytes the full size of the last one: the state at the end of the run
 * @param lastCheckpointedBytes what the last one added
 */
record CheckpointSizes(
        long completed, long largestBytes, long lastBytes, long lastCheckpointedBytes) {

    static final CheckpointSizes NONE = new CheckpointSizes(0, 0, 0, 0);

    static CheckpointSizes of(AccessExecutionGraph graph) {
        CheckpointStatsSnapshot stats = graph.getCheckpointStatsSnapshot();
        if (stats == null) {
            return NONE;
        }
        long largest = 0;
        CompletedCheckpointStats last = null;
        for (AbstractCheckpointStats checkpoint : stats.getHistory().getCheckpoints()) {
            if (checkpoint instanceof CompletedCheckpointStats completed) {
                largest = Math.max(largest, completed.getStateSize());
                if (last == null || completed.getCheckpointId() > last.getCheckpointId()) {
                    last = completed;
                }
            }
        }
        return new CheckpointSizes(
                stats.getCounts().getNumberOfCompletedCheckpoints(),
                largest,
                last == null ? 0 : last.getStateSize(),
                last == null ? 0 : last.getCheckpointedSize());
    }
}
