package io.pulse.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured, as written to {@code bench-<time>.json}. A part that did
 * not run, or failed, is null; {@code failures} says why a part failed, {@code warnings} what makes
 * a number less telling than it looks.
 */
record BenchResult(
        String startedAt,
        double runSeconds,
        MachineInfo machine,
        Settings settings,
        InputSummary input,
        FloorFull floorFull,
        KafkaThroughput.Result kafka,
        State state,
        AlertLatency.Result latency,
        IncidentLatency.Result incidents,
        Scale scale,
        List<Target> targets,
        List<String> warnings,
        Map<String, String> failures) {

    /** The settings every part ran with (parallelism 1 and incremental checkpoints throughout). */
    record Settings(
            List<String> parts,
            int parallelism,
            boolean incrementalCheckpoints,
            long managedMemoryBytes,
            String stateBackend,
            long checkpointIntervalMs,
            long seed,
            int subscribers,
            int days,
            int kafkaPartitions,
            int stateSubscribers,
            int stateDays,
            Integer rate,
            int latencySubscribers,
            String latencyPopulation,
            int latencyHistoryDays,
            long latencyDurationMs,
            long latencyWarmUpMs,
            long latencyCheckpointIntervalMs,
            int incidentsSubscribers,
            double incidentsOutagesPerMonth,
            int incidentsHistoryDays,
            int incidentsDays,
            int incidentsRate,
            List<Integer> scaleSizes,
            long scaleEvents,
            String config,
            String input) {}

    /**
     * The floor and full pipelines on one pre-generated stream, or on the user's own ({@code
     * --input}: {@code avroBytes} are then its files' bytes).
     */
    record FloorFull(
            int subscribers,
            int days,
            long events,
            long avroBytes,
            PipelineRun.Result floor,
            PipelineRun.Result full,
            double fullToFloor) {}

    /** The full pipeline over a long history, and its state per subscriber at the end. */
    record State(
            int subscribers,
            int days,
            long events,
            PipelineRun.Result full,
            PerSubscriber perSubscriber) {}

    /**
     * State per subscriber, in bytes. The RocksDB figures are null on the heap state backend.
     *
     * @param largestCheckpoint full size of the largest checkpoint
     * @param lastCheckpoint full size of the checkpoint taken after the last event
     * @param rocksDbLiveData RocksDB's estimate of its live data, after that checkpoint
     * @param rocksDbSstFiles RocksDB's SST files, obsolete versions included, after that checkpoint
     */
    record PerSubscriber(
            double largestCheckpoint,
            double lastCheckpoint,
            Double rocksDbLiveData,
            Double rocksDbSstFiles) {

        static PerSubscriber of(PipelineRun.Result full, int subscribers) {
            RocksDbSizes rocksDb = full.rocksDb();
            return new PerSubscriber(
                    full.checkpoints().largestBytes() / (double) subscribers,
                    full.checkpoints().lastBytes() / (double) subscribers,
                    rocksDb == null ? null : rocksDb.liveDataBytes() / (double) subscribers,
                    rocksDb == null ? null : rocksDb.totalSstBytes() / (double) subscribers);
        }
    }

    /**
     * One population of the scale curve.
     *
     * @param eventsPerSubscriber the most events a subscriber has, its first one included
     * @param events all events, the untimed first one of every subscriber included
     */
    record ScalePoint(
            int subscribers,
            long eventsPerSubscriber,
            int days,
            long events,
            PipelineRun.Result floor,
            PipelineRun.Result full,
            double fullToFloor,
            PerSubscriber statePerSubscriber) {}

    /**
     * The scale curve.
     *
     * @param largestToSmallest full events/s at the largest population over full events/s at the
     *     smallest
     */
    record Scale(List<ScalePoint> points, Double largestToSmallest) {

        static Scale of(List<ScalePoint> points) {
            Double ratio =
                    points.size() < 2
                            ? null
                            : points.get(points.size() - 1).full().eventsPerSecond()
                                    / points.get(0).full().eventsPerSecond();
            return new Scale(List.copyOf(points), ratio);
        }

        ScalePoint at(int subscribers) {
            return points.stream()
                    .filter(p -> p.subscribers() == subscribers)
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * A target of issue 6 and whether this run met it.
     *
     * @param measured null when this run did not measure it
     * @param unit events/s, bytes or ratio
     * @param status met, not met, or not measured (with why)
     */
    record Target(String name, String goal, Double measured, String unit, String status) {
        static final String MET = "met";
        static final String NOT_MET = "not met";

        static Target atLeast(
                String name,
                String goal,
                Double measured,
                String unit,
                double threshold,
                String notMeasured) {
            return new Target(
                    name,
                    goal,
                    measured,
                    unit,
                    measured == null ? notMeasured : measured >= threshold ? MET : NOT_MET);
        }

        static Target below(
                String name,
                String goal,
                Double measured,
                String unit,
                double threshold,
                String notMeasured) {
            return new Target(
                    name,
                    goal,
                    measured,
                    unit,
                    measured == null ? notMeasured : measured < threshold ? MET : NOT_MET);
        }
    }

    static final double FULL_EVENTS_PER_CPU_SECOND = 100_000;
    static final double FULL_TO_FLOOR = 1.0 / 3;
    static final double STATE_BYTES_AFTER_90_DAYS = 2048;
    static final int STATE_DAYS = 90;
    static final double SCALE_RATIO = 0.7;
    static final int SCALE_SMALL = 10_000;
    static final int SCALE_LARGE = 10_000_000;
    static final double ALERT_P99_MS = 250;

    /** What makes this run's numbers less telling than they look. */
    static List<String> warnings(AlertLatency.Result latency, IncidentLatency.Result incidents) {
        List<String> warnings = new ArrayList<>();
        if (incidents != null && incidents.caughtUpSeconds() > AlertLatency.KEPT_UP_SECONDS) {
            warnings.add(
                    String.format(
                            java.util.Locale.ROOT,
                            "incidents: the job did not keep up with %,d events/s: it took the last"
                                    + " event %.1f s after the feed stopped; try a lower --incidents-rate",
                            incidents.eventsPerSecond(),
                            incidents.caughtUpSeconds()));
        }
        if (latency != null && latency.caughtUpSeconds() > AlertLatency.KEPT_UP_SECONDS) {
            warnings.add(
                    String.format(
                            java.util.Locale.ROOT,
                            "latency: the job did not keep up with %,d events/s: it took "
                                    + "the last event %.1f s after the feed stopped, so the latencies include that much queueing; "
                                    + "try a lower --rate or a longer --latency-checkpoint-interval",
                            latency.eventsPerSecond(),
                            latency.caughtUpSeconds()));
        }
        if (latency != null && latency.sentPerSecond() < 0.97 * latency.eventsPerSecond()) {
            warnings.add(
                    String.format(
                            java.util.Locale.ROOT,
                            "latency: the feed sent %,.0f events/s, less than the %,d "
                                    + "asked for",
                            latency.sentPerSecond(),
                            latency.eventsPerSecond()));
        }
        return warnings;
    }

    /**
     * The targets (issue 6, as the owner decided them in issue 23), judged on what this run
     * measured: every one of them in a run of all parts.
     */
    static List<Target> targets(
            Settings settings,
            FloorFull floorFull,
            State state,
            AlertLatency.Result latency,
            Scale scale) {
        List<Target> targets = new ArrayList<>();
        boolean rocksDb = settings.stateBackend().equals("rocksdb");
        String notRun =
                settings.input() != null
                        ? "not measured: --input is not the benchmark's stream"
                        : "not measured: part not run";
        FloorFull benchmarkStream = settings.input() == null ? floorFull : null;
        String heap = "not measured: heap state backend";
        targets.add(
                Target.atLeast(
                        "full pipeline events per CPU-second, RocksDB",
                        "at least 100,000",
                        benchmarkStream != null && rocksDb
                                ? benchmarkStream.full().eventsPerCpuSecond()
                                : null,
                        "events/s",
                        FULL_EVENTS_PER_CPU_SECOND,
                        benchmarkStream == null ? notRun : heap));
        targets.add(
                Target.atLeast(
                        "full / floor",
                        "at least 0.33",
                        benchmarkStream != null && rocksDb ? benchmarkStream.fullToFloor() : null,
                        "ratio",
                        FULL_TO_FLOOR,
                        benchmarkStream == null ? notRun : heap));
        boolean ninetyDays = state != null && state.days() >= STATE_DAYS && rocksDb;
        targets.add(
                Target.below(
                        "state per subscriber after 90 days (RocksDB live data)",
                        "under 2 KiB",
                        ninetyDays ? state.perSubscriber().rocksDbLiveData() : null,
                        "bytes",
                        STATE_BYTES_AFTER_90_DAYS,
                        state == null
                                ? notRun
                                : !rocksDb ? heap : "not measured: fewer than 90 days"));
        ScalePoint small = scale == null ? null : scale.at(SCALE_SMALL);
        ScalePoint large = scale == null ? null : scale.at(SCALE_LARGE);
        boolean both = small != null && large != null && rocksDb;
        targets.add(
                Target.atLeast(
                        "full events/s at 10 million subscribers / at 10 thousand",
                        "at least 0.7",
                        both
                                ? large.full().eventsPerSecond() / small.full().eventsPerSecond()
                                : null,
                        "ratio",
                        SCALE_RATIO,
                        scale == null
                                ? notRun
                                : !rocksDb ? heap : "not measured: needs 10k and 10m in --scale"));
        Percentiles inLog = latency == null ? null : latency.readUncommitted().latencyMs();
        targets.add(
                Target.below(
                        "p99 event to alert at half load, in the log",
                        "under 250 ms",
                        inLog == null ? null : (double) inLog.p99(),
                        "ms",
                        ALERT_P99_MS,
                        latency == null ? notRun : "not measured: no alert timed"));
        return targets;
    }
}
