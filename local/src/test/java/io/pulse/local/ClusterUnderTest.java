package io.pulse.local;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ErrorInfo;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Flink MiniCluster the test holds on to, so it can ask the cluster what became of the job: its
 * status, the failure it recorded, and each task's attempt number, which is above zero for a task
 * that was ever restarted. A local environment's {@code executeAsync} only reports the status, and
 * a job that failed and recovered looks RUNNING again. It can also take its task manager away, and
 * cancel a job keeping its latest checkpoint to start it again from.
 */
final class ClusterUnderTest implements AutoCloseable {
    private final MiniCluster cluster;
    private final Configuration configuration;
    private int taskManager;

    private ClusterUnderTest(MiniCluster cluster, Configuration configuration) {
        this.cluster = cluster;
        this.configuration = configuration;
    }

    /** One task manager with {@code slots} slots and the given configuration, on random ports. */
    static ClusterUnderTest start(Configuration configuration, int slots) throws Exception {
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(configuration)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .withRandomPorts()
                                .build());
        cluster.start();
        return new ClusterUnderTest(cluster, configuration);
    }

    /**
     * Builds a job with {@code build} in an environment with the cluster's configuration and
     * submits it.
     */
    JobID submit(int parallelism, Consumer<StreamExecutionEnvironment> build) throws Exception {
        return submit(parallelism, null, build);
    }

    /**
     * The same, the job starting from the checkpoint or savepoint at {@code restoreFrom} (null:
     * empty).
     */
    JobID submit(int parallelism, String restoreFrom, Consumer<StreamExecutionEnvironment> build)
            throws Exception {
        Configuration jobConfiguration = new Configuration(configuration);
        if (restoreFrom != null) {
            jobConfiguration.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(jobConfiguration);
        env.setParallelism(parallelism);
        build.accept(env);
        return cluster.submitJob(env.getStreamGraph().getJobGraph())
                .get(60, TimeUnit.SECONDS)
                .getJobID();
    }

    JobStatus status(JobID job) throws Exception {
        return cluster.getJobStatus(job).get(60, TimeUnit.SECONDS);
    }

    void awaitRunning(JobID job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (status(job) != JobStatus.RUNNING) {
            assertThat(System.nanoTime()).as("waiting for the job to run").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Kills the task manager, starts a new one, and waits until the job has restored its state from
     * its latest checkpoint (the job needs a restart strategy for that).
     */
    void loseTaskManager(JobID job) throws Exception {
        long restoredBefore = restoredCheckpoint(job);
        cluster.terminateTaskManager(taskManager).get(60, TimeUnit.SECONDS);
        cluster.startTaskManager();
        // the cluster numbers task managers in the order they were started
        taskManager++;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (restoredCheckpoint(job) <= restoredBefore || status(job) != JobStatus.RUNNING) {
            assertThat(System.nanoTime()).as("waiting for the job to restore").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The id of the checkpoint the job last restored from, 0 if none. */
    long restoredCheckpoint(JobID job) throws Exception {
        RestoredCheckpointStats restored =
                cluster.getExecutionGraph(job)
                        .get(60, TimeUnit.SECONDS)
                        .getCheckpointStatsSnapshot()
                        .getLatestRestoredCheckpoint();
        return restored == null ? 0 : restored.getCheckpointId();
    }

    /**
     * Cancels the job and returns its latest completed checkpoint, retained for a restart (with
     * {@code execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION}).
     */
    String cancelKeepingLatestCheckpoint(JobID job) throws Exception {
        cluster.cancelJob(job).get(60, TimeUnit.SECONDS);
        cluster.requestJobResult(job).get(60, TimeUnit.SECONDS);
        CompletedCheckpointStats latest =
                cluster.getArchivedExecutionGraph(job)
                        .get(60, TimeUnit.SECONDS)
                        .getCheckpointStatsSnapshot()
                        .getHistory()
                        .getLatestCompletedCheckpoint();
        assertThat(latest).as("a completed checkpoint to restart from").isNotNull();
        return latest.getExternalPath();
    }

    /**
     * Fails with the job's failure if the job is not running, or any task of it failed or was
     * restarted.
     */
    void assertRunningAndNeverRestarted(JobID job) throws Exception {
        AccessExecutionGraph graph = cluster.getExecutionGraph(job).get(30, TimeUnit.SECONDS);
        ErrorInfo failure = graph.getFailureInfo();
        assertThat(failure)
                .as(() -> "the job's failure: " + failure.getExceptionAsString())
                .isNull();
        assertThat(graph.getState()).as("job status").isEqualTo(JobStatus.RUNNING);
        assertThat(graph.getStatusTimestamp(JobStatus.RESTARTING))
                .as("time the job last restarted")
                .isZero();
        List<String> restarted = new ArrayList<>();
        for (AccessExecutionVertex task : graph.getAllExecutionVertices()) {
            if (task.getCurrentExecutionAttempt().getAttemptNumber() != 0) {
                restarted.add(task.getTaskNameWithSubtaskIndex());
            }
        }
        assertThat(restarted).as("tasks restarted").isEmpty();
    }

    /**
     * Cancels the job unless it already ended (then the failure asserted above is the news, not
     * this).
     */
    void cancel(JobID job) throws Exception {
        if (!cluster.getJobStatus(job).get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
            cluster.cancelJob(job).get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
