package io.pulse.local;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
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
 * A Flink MiniCluster the test holds on to, so it can ask the cluster what became of the job:
 * its status, the failure it recorded, and each task's attempt number, which is above zero for
 * a task that was ever restarted. A local environment's {@code executeAsync} only reports the
 * status, and a job that failed and recovered looks RUNNING again.
 */
final class ClusterUnderTest implements AutoCloseable {
    private final MiniCluster cluster;
    private final Configuration configuration;

    private ClusterUnderTest(MiniCluster cluster, Configuration configuration) {
        this.cluster = cluster;
        this.configuration = configuration;
    }

    /** One task manager with {@code slots} slots and the given configuration, on random ports. */
    static ClusterUnderTest start(Configuration configuration, int slots) throws Exception {
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .withRandomPorts()
                .build());
        cluster.start();
        return new ClusterUnderTest(cluster, configuration);
    }

    /** Builds a job with {@code build} in an environment with the cluster's configuration and submits it. */
    JobID submit(int parallelism, Consumer<StreamExecutionEnvironment> build) throws Exception {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(configuration);
        env.setParallelism(parallelism);
        build.accept(env);
        return cluster.submitJob(env.getStreamGraph().getJobGraph()).get(60, TimeUnit.SECONDS).getJobID();
    }

    /** Fails with the job's failure if the job is not running, or any task of it failed or was restarted. */
    void assertRunningAndNeverRestarted(JobID job) throws Exception {
        AccessExecutionGraph graph = cluster.getExecutionGraph(job).get(30, TimeUnit.SECONDS);
        ErrorInfo failure = graph.getFailureInfo();
        assertThat(failure).as(() -> "the job's failure: " + failure.getExceptionAsString()).isNull();
        assertThat(graph.getState()).as("job status").isEqualTo(JobStatus.RUNNING);
        assertThat(graph.getStatusTimestamp(JobStatus.RESTARTING)).as("time the job last restarted").isZero();
        List<String> restarted = new ArrayList<>();
        for (AccessExecutionVertex task : graph.getAllExecutionVertices()) {
            if (task.getCurrentExecutionAttempt().getAttemptNumber() != 0) {
                restarted.add(task.getTaskNameWithSubtaskIndex());
            }
        }
        assertThat(restarted).as("tasks restarted").isEmpty();
    }

    /** Cancels the job unless it already ended (then the failure asserted above is the news, not this). */
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
