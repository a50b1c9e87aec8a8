package io.pulse.local.bench;

import io.pulse.scoring.PulseJob;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.model.ModelArtifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The throughput benchmark: the full scoring job and the floor pipeline (read, decode, key,
 * discard) on the same pre-generated realistic stream, one after the other on a local
 * MiniCluster with RocksDB and incremental checkpoints, at parallelism 1. Reports events per
 * second of each, their ratio, events per CPU-second, and the full checkpointed state per
 * subscriber (the largest checkpoint of the run); writes the result as JSON for comparing runs.
 *
 * <pre>
 * bin/pulse-bench [--subscribers 5000] [--days 30] [--checkpoint-interval 10s]
 * </pre>
 */
public final class Benchmark {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Benchmark() {}

    /** What one pipeline did. */
    record Run(String pipeline, long events, double seconds, double eventsPerSecond, double cpuSeconds,
            double eventsPerCpuSecond, long stateBytes, long checkpointedBytes, int checkpoints) {}

    public static void main(String[] argv) throws Exception {
        ParameterTool args = ParameterTool.fromArgs(argv);
        if (args.has("help") || args.has("h")) {
            System.out.println("Usage: bin/pulse-bench [--subscribers 5000] [--days 30] [--seed 42] "
                    + "[--checkpoint-interval 10s] [--state-backend rocksdb|hashmap] [--config config/scoring.yaml] "
                    + "[--output target/bench]");
            return;
        }
        int subscribers = args.getInt("subscribers", 5000);
        int days = args.getInt("days", 30);
        Duration checkpointInterval = Duration.parse("PT" + args.get("checkpoint-interval", "10s").toUpperCase());
        Path output = Path.of(args.get("output", "target/bench"));
        // hashmap (heap) only to see what RocksDB and serialization cost; the targets are for rocksdb
        String stateBackend = args.get("state-backend", "rocksdb");
        ScoringConfig config = ScoringConfig.load(Path.of(args.get("config", "config/scoring.yaml")));
        ModelArtifact models = PulseJob.loadChurnModels(config);

        long start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days + 2L)).toEpochMilli();
        long began = System.nanoTime();
        EncodedEvents events = EncodedEvents.generate(subscribers, days, args.getLong("seed", 42), start);
        System.out.printf("Generated %,d events of %,d subscribers over %d days (%.1f MB of Avro) in %.1f s%n",
                events.size(), subscribers, days, events.bytes() / 1e6, (System.nanoTime() - began) / 1e9);

        List<Run> runs = new ArrayList<>();
        for (BenchmarkPipelines pipeline : BenchmarkPipelines.values()) {
            Run run = run(pipeline, events, config, models, stateBackend, checkpointInterval,
                    Files.createTempDirectory("pulse-bench-"));
            System.out.printf("%-5s %,10.0f events/s  %,10.0f events per CPU-second  state %,d B (%,.0f B per subscriber)%n",
                    run.pipeline(), run.eventsPerSecond(), run.eventsPerCpuSecond(), run.stateBytes(),
                    run.stateBytes() / (double) subscribers);
            runs.add(run);
        }
        double ratio = runs.get(1).eventsPerSecond() / runs.get(0).eventsPerSecond();
        System.out.printf("full / floor: %.2f%n", ratio);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("startedAt", Instant.now().toString());
        result.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "maxHeapBytes", Runtime.getRuntime().maxMemory(), "java", System.getProperty("java.version")));
        result.put("settings", Map.of("subscribers", subscribers, "days", days, "events", events.size(),
                "parallelism", 1, "stateBackend", stateBackend, "incrementalCheckpoints", true,
                "checkpointIntervalSeconds", checkpointInterval.toSeconds()));
        result.put("runs", runs);
        result.put("fullToFloorRatio", ratio);
        result.put("statePerSubscriberBytes", runs.get(1).stateBytes() / (double) subscribers);
        Files.createDirectories(output);
        Path file = output.resolve("bench-" + STAMP.format(Instant.now()) + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
        System.out.println("Result: " + file.toAbsolutePath());
    }

    private static Run run(BenchmarkPipelines pipeline, EncodedEvents events, ScoringConfig config, ModelArtifact models,
            String stateBackend, Duration checkpointInterval, Path checkpoints) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(RestOptions.BIND_PORT, "0");
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build())) {
            cluster.start();
            StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
            PulseJob.applyInvariants(env);
            pipeline.build(env, events, config, models);
            long cpuBefore = processCpuNanos();
            JobID job = cluster.submitJob(env.getStreamGraph()).get().getJobID();
            JobResult result = cluster.requestJobResult(job).get();
            long cpuNanos = processCpuNanos() - cpuBefore;
            if (!result.isSuccess()) {
                throw new IllegalStateException(pipeline + " failed", result.getSerializedThrowable().orElseThrow());
            }
            CheckpointStatsSnapshot stats = cluster.getArchivedExecutionGraph(job).get().getCheckpointStatsSnapshot();
            // the largest checkpoint of the run: the state with the most history in it
            CompletedCheckpointStats largest = null;
            for (AbstractCheckpointStats checkpoint : stats.getHistory().getCheckpoints()) {
                if (checkpoint instanceof CompletedCheckpointStats completed
                        && (largest == null || completed.getStateSize() > largest.getStateSize())) {
                    largest = completed;
                }
            }
            int checkpointCount = (int) stats.getCounts().getNumberOfCompletedCheckpoints();
            double seconds = (EncodedEvents.lastNanos - EncodedEvents.firstNanos) / 1e9;
            return new Run(pipeline.name().toLowerCase(), events.size(), seconds, events.size() / seconds,
                    cpuNanos / 1e9, events.size() / (cpuNanos / 1e9),
                    largest == null ? 0 : largest.getStateSize(), largest == null ? 0 : largest.getCheckpointedSize(),
                    checkpointCount);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
