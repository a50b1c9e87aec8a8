package io.pulse.local.bench;

import io.pulse.local.FlinkRest;
import io.pulse.local.soak.JobProbe;
import io.pulse.scoring.PulseJob;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.state.rocksdb.RocksDBNativeMetricOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local Flink cluster of one benchmark run: one task manager with one slot (parallelism 1, one
 * core's work), the chosen state backend with incremental checkpoints, RocksDB's size metrics, no
 * restarts. Checkpoints and RocksDB's working files go to a directory of the run's own, deleted
 * when the cluster closes: a run over ten million subscribers leaves gigabytes there.
 */
final class BenchCluster implements AutoCloseable {
    /**
     * How often the REST API asks the task manager for fresh metrics; the runs poll about as often.
     */
    static final Duration METRICS_INTERVAL = Duration.ofMillis(200);

    /**
     * Managed memory of the one slot, where RocksDB's block cache and memtables live: what one slot
     * of the chart's production values gets (TaskManagers of 16 GiB with two slots and managed
     * fraction 0.5: 15,104 MiB of Flink memory after JVM overhead and metaspace, half of it
     * managed, split between the two slots), so that the benchmark measures one production core.
     */
    static final MemorySize MANAGED_MEMORY = MemorySize.parse("3776m");

    private static final int CHECKPOINT_ATTEMPTS = 20;
    private static final Duration CHECKPOINT_RETRY = Duration.ofMillis(500);

    private final Path directory;
    private final Configuration configuration;
    private final MiniCluster cluster;
    private final FlinkRest rest;

    private BenchCluster(
            Path directory, Configuration configuration, MiniCluster cluster, FlinkRest rest) {
        this.directory = directory;
        this.configuration = configuration;
        this.cluster = cluster;
        this.rest = rest;
        OpenResources.opened(this);
    }

    static BenchCluster start(String stateBackend, Duration checkpointInterval) throws Exception {
        Path directory = Files.createTempDirectory("pulse-bench-");
        Configuration conf = configuration(stateBackend, checkpointInterval, directory);
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(1)
                                .build());
        try {
            cluster.start();
            return new BenchCluster(
                    directory,
                    conf,
                    cluster,
                    new FlinkRest(cluster.getRestAddress().get().toString()));
        } catch (Exception e) {
            cluster.close();
            FileUtils.deleteDirectoryQuietly(directory.toFile());
            throw e;
        }
    }

    static Configuration configuration(
            String stateBackend, Duration checkpointInterval, Path directory) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                directory.resolve("checkpoints").toUri().toString());
        conf.set(CoreOptions.TMP_DIRS, directory.resolve("tmp").toString());
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        // RocksDB's block cache and write buffers come out of managed memory
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, METRICS_INTERVAL);
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 10_000);
        // Read only when asked for (at the end of a run), so they cost nothing meanwhile.
        conf.set(RocksDBNativeMetricOptions.ESTIMATE_LIVE_DATA_SIZE, true);
        conf.set(RocksDBNativeMetricOptions.MONITOR_TOTAL_SST_FILES_SIZE, true);
        conf.set(RocksDBNativeMetricOptions.MONITOR_LIVE_SST_FILES_SIZE, true);
        conf.set(RocksDBNativeMetricOptions.MONITOR_SIZE_ALL_MEM_TABLES, true);
        return conf;
    }

    /** An environment for a job on this cluster, with the job's fixed settings. */
    StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(configuration);
        PulseJob.applyInvariants(env);
        return env;
    }

    JobID submit(StreamExecutionEnvironment env) throws Exception {
        return cluster.submitJob(env.getStreamGraph()).get().getJobID();
    }

    JobProbe probe(JobID job) {
        return new JobProbe(rest, job.toString());
    }

    /** Throws if the job has ended (failed, or finished before it should have). */
    void checkRunning(JobID job) throws Exception {
        JobStatus status = cluster.getJobStatus(job).get();
        if (status.isGloballyTerminalState()) {
            JobResult result = cluster.requestJobResult(job).get();
            throw new IllegalStateException(
                    "the job ended (" + status + ")",
                    result.getSerializedThrowable().map(t -> (Throwable) t).orElse(null));
        }
    }

    /**
     * Takes a checkpoint now and waits for it to complete. A checkpoint triggered while a bounded
     * source's tasks are finishing is declined as "tasks not ready": it is triggered again.
     */
    void checkpoint(JobID job) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                cluster.triggerCheckpoint(job, CheckpointType.CONFIGURED).get(5, TimeUnit.MINUTES);
                return;
            } catch (ExecutionException e) {
                if (attempt == CHECKPOINT_ATTEMPTS || !tasksNotReady(e)) {
                    throw e;
                }
                Thread.sleep(CHECKPOINT_RETRY.toMillis());
            }
        }
    }

    private static boolean tasksNotReady(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CheckpointException c
                    && c.getCheckpointFailureReason()
                            == CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING) {
                return true;
            }
        }
        return false;
    }

    /** Waits for the job to end; throws if it failed. */
    AccessExecutionGraph awaitEnd(JobID job) throws Exception {
        JobResult result = cluster.requestJobResult(job).get();
        if (!result.isSuccess()
                && result.getApplicationStatus()
                        != org.apache.flink.runtime.clusterframework.ApplicationStatus.CANCELED) {
            throw new IllegalStateException(
                    "the job failed", result.getSerializedThrowable().orElseThrow());
        }
        return cluster.getArchivedExecutionGraph(job).get();
    }

    AccessExecutionGraph cancel(JobID job) throws Exception {
        cluster.cancelJob(job).get();
        return awaitEnd(job);
    }

    /** Bytes in the run's directory now: checkpoints and RocksDB's working files. */
    long diskBytes() {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(
                            file -> {
                                try {
                                    return Files.size(file);
                                } catch (IOException vanished) {
                                    return 0;
                                }
                            })
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws Exception {
        OpenResources.closed(this);
        try {
            cluster.close();
        } finally {
            FileUtils.deleteDirectoryQuietly(directory.toFile());
        }
    }
}
