package io.pulse.local.bench;

import io.pulse.local.soak.JobProbe;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.validation.DeadLetters;

import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.View;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One run of a {@link BenchmarkPipelines benchmark pipeline} over event records, on a cluster of
 * its own. Throughput is timed from the first timed record the source chain takes to the last
 * ({@link RecordClock}): without the job's start-up and final checkpoint. At that moment the scorer
 * is at most the records in the network buffers behind, a few thousand.
 *
 * <p>A FULL run also measures the state at the end: its source is held open after the last record
 * until the scorer has taken every record, a checkpoint has completed (flushing RocksDB's
 * memtables) and RocksDB's size metrics have been read; then the job ends.
 */
final class PipelineRun {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STALLED = Duration.ofSeconds(60);

    private final ScoringConfig config;
    private final ModelArtifact models;
    private final String stateBackend;
    private final Duration checkpointInterval;

    PipelineRun(
            ScoringConfig config,
            ModelArtifact models,
            String stateBackend,
            Duration checkpointInterval) {
        this.config = config;
        this.models = models;
        this.stateBackend = stateBackend;
        this.checkpointInterval = checkpointInterval;
    }

    /**
     * What one run measured.
     *
     * @param events the timed events: after the {@code leadingEvents} that only prepare the run
     * @param leadingSeconds how long the leading events took (from the source's view)
     * @param rocksDb RocksDB's own size metrics at the end (FULL on RocksDB only, else null)
     * @param diskBytes the run's checkpoints and RocksDB files on disk at the end (FULL only, else
     *     -1)
     * @param setAside the events the scorer set aside, by reason: dead letters LATE, FLOOD and
     *     TERMINATED, and DUPLICATE (a repeated event id; FULL only, else empty)
     */
    record Result(
            String pipeline,
            long leadingEvents,
            double leadingSeconds,
            long events,
            double seconds,
            double eventsPerSecond,
            double cpuSeconds,
            double eventsPerCpuSecond,
            CheckpointSizes checkpoints,
            RocksDbSizes rocksDb,
            long diskBytes,
            Map<String, Long> setAside) {}

    /** A run over records in memory. */
    Result run(BenchmarkPipelines pipeline, EventRecords records, List<SubscriberProfile> profiles)
            throws Exception {
        String runId = UUID.randomUUID().toString();
        boolean held = pipeline == BenchmarkPipelines.FULL;
        HeldSequenceSource indexes =
                held
                        ? HeldSequenceSource.held(records.size(), runId)
                        : HeldSequenceSource.ending(records.size(), runId);
        try {
            return run(
                    pipeline,
                    new BenchmarkPipelines.HeldRecords(records, indexes),
                    profiles,
                    new Count(records.size(), records.timedFrom(), records.size(), false),
                    !held,
                    () -> HeldSequenceSource.release(runId));
        } finally {
            HeldSequenceSource.forget(runId);
        }
    }

    /** A run over an {@code --input}'s files, every record of them timed. */
    Result run(
            BenchmarkPipelines pipeline,
            InputFiles files,
            InputSummary summary,
            List<SubscriberProfile> profiles)
            throws Exception {
        return run(
                pipeline,
                new BenchmarkPipelines.FileEvents(files, summary.records()),
                profiles,
                new Count(summary.records(), 0, summary.events(), true),
                false,
                () -> {});
    }

    /**
     * @param records the records the source emits
     * @param timedFrom the first one timed
     * @param events those of them that reach the scorer: not the dead letters
     * @param reported whether the source reports the records it has taken ({@link
     *     RecordClock#taken}), so that a source that stops short of them is noticed
     */
    private record Count(long records, long timedFrom, long events, boolean reported) {}

    /**
     * @param ends whether the input ends by itself; else the job is cancelled once measured
     * @param release lets a held input end, once measured
     */
    private Result run(
            BenchmarkPipelines pipeline,
            BenchmarkPipelines.Events events,
            List<SubscriberProfile> profiles,
            Count count,
            boolean ends,
            Runnable release)
            throws Exception {
        boolean measureState = pipeline == BenchmarkPipelines.FULL;
        try (BenchCluster cluster = BenchCluster.start(stateBackend, checkpointInterval)) {
            var env = cluster.environment();
            pipeline.build(env, new BenchmarkPipelines.Input(events, profiles), config, models);
            RecordClock.reset();
            JobID job = cluster.submit(env);
            RocksDbSizes rocksDb = null;
            long diskBytes = -1;
            Map<String, Long> setAside = Map.of();
            AccessExecutionGraph graph;
            try {
                if (count.reported()) {
                    awaitLastRecord(cluster, job, count.records());
                }
                if (measureState) {
                    JobProbe probe = cluster.probe(job);
                    awaitScored(cluster, job, probe, count.events() + profiles.size());
                    cluster.checkpoint(job);
                    if (stateBackend.equals("rocksdb")) {
                        rocksDb = readRocksDb(probe);
                    }
                    diskBytes = cluster.diskBytes();
                    setAside = readSetAside(probe);
                }
                // The full pipeline is cancelled once measured: ending its input would move event
                // time to the end of time and fire every subscriber's timer at once, which at 10
                // million subscribers holds the final checkpoint past its timeout.
                graph = ends ? null : cluster.cancel(job);
            } finally {
                release.run();
            }
            if (graph == null) {
                graph = cluster.awaitEnd(job);
            }
            long timed = count.records() - count.timedFrom();
            double seconds = RecordClock.seconds();
            double cpuSeconds = RecordClock.cpuSeconds();
            return new Result(
                    pipeline.name().toLowerCase(),
                    count.timedFrom(),
                    RecordClock.leadingSeconds(),
                    timed,
                    seconds,
                    timed / seconds,
                    cpuSeconds,
                    timed / cpuSeconds,
                    CheckpointSizes.of(graph),
                    rocksDb,
                    diskBytes,
                    setAside);
        }
    }

    /** The scorer's counters of what it set aside, once the metrics have been fetched again. */
    private static Map<String, Long> readSetAside(JobProbe probe) throws Exception {
        probe.refreshMetrics(BenchCluster.METRICS_INTERVAL.multipliedBy(3));
        Map<String, Long> setAside = new TreeMap<>();
        for (String reason : List.of(DeadLetters.LATE, DeadLetters.FLOOD, DeadLetters.TERMINATED)) {
            setAside.put(
                    reason,
                    probe.sum(
                            BenchmarkPipelines.SCORER,
                            "pulse.dead_letters.reason." + reason + ".total"));
        }
        setAside.put(
                "DUPLICATE", probe.sum(BenchmarkPipelines.SCORER, "pulse.duplicate_events_total"));
        return setAside;
    }

    /**
     * Waits until the source has taken the last record; fails if it takes none for {@link
     * #STALLED}: the files hold fewer records than were counted (changed since?).
     */
    private static void awaitLastRecord(BenchCluster cluster, JobID job, long records)
            throws Exception {
        long seen = -1;
        long since = System.nanoTime();
        while (!RecordClock.done()) {
            cluster.checkRunning(job);
            long taken = RecordClock.taken();
            if (taken != seen) {
                seen = taken;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > STALLED.toNanos()) {
                throw new IllegalStateException(
                        String.format(
                                "the source took about %,d of the %,d records counted and no more"
                                        + " for %d s: have the input's files changed?",
                                taken, records, STALLED.toSeconds()));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Waits until the source has taken the last record and the scorer every one of them. */
    private static void awaitScored(BenchCluster cluster, JobID job, JobProbe probe, long records)
            throws Exception {
        while (true) {
            cluster.checkRunning(job);
            if (RecordClock.done()) {
                try {
                    if (probe.sum(BenchmarkPipelines.SCORER, "numRecordsIn") >= records) {
                        return;
                    }
                } catch (IOException notYet) {
                    // the metric appears once the task runs
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static RocksDbSizes readRocksDb(JobProbe probe) throws Exception {
        // RocksDB's metrics are views that the task manager updates every few seconds: wait for an
        // update after the checkpoint, then for the REST API to fetch it.
        Thread.sleep(TimeUnit.SECONDS.toMillis(View.UPDATE_INTERVAL_SECONDS + 1));
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            probe.refreshMetrics(BenchCluster.METRICS_INTERVAL.multipliedBy(3));
            try {
                return RocksDbSizes.read(probe, BenchmarkPipelines.SCORER);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("could not read RocksDB's size metrics", last);
    }
}
