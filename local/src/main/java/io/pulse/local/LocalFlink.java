package io.pulse.local;

import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.PulseSettings;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.util.ParameterTool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the local run ({@link LocalRunner}) and the soak run ({@code io.pulse.local.soak.SoakRun})
 * share: the local Flink cluster's configuration and the job's settings for the embedded broker.
 */
public final class LocalFlink {

    private LocalFlink() {}

    /**
     * The local cluster: RocksDB with incremental checkpoints every {@code checkpointInterval} into
     * {@code checkpoints}, a few restarts, the web UI on {@code localhost:webPort} showing {@code
     * logFile}.
     */
    public static Configuration configuration(
            int parallelism,
            int webPort,
            Duration checkpointInterval,
            Path checkpoints,
            Path logFile) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        // RocksDB's block cache and write buffers come out of managed memory, split between the
        // slots.
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(5));
        conf.set(RestOptions.PORT, webPort);
        conf.set(RestOptions.ADDRESS, "localhost");
        // the log file in the web UI (Job Manager > Logs)
        conf.set(WebOptions.LOG_PATH, logFile.toString());
        // fresh numbers for whoever reads the metrics through the REST API
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(2));
        return conf;
    }

    /**
     * Adds Flink's Prometheus reporter (flink-metrics-prometheus) to {@code conf}: every metric of
     * the local cluster, the job's own {@code pulse} metrics among them, on {@code
     * http://localhost:port/metrics}, as a Kubernetes deployment exposes them to Prometheus.
     */
    public static Configuration withPrometheus(Configuration conf, int port) {
        conf.set(
                ConfigOptions.key("metrics.reporter.prom.factory.class")
                        .stringType()
                        .noDefaultValue(),
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.set(
                ConfigOptions.key("metrics.reporter.prom.port").stringType().noDefaultValue(),
                Integer.toString(port));
        return conf;
    }

    /**
     * The job's settings for the embedded broker: any input encoding (Avro from the simulator, JSON
     * from kcat), readable JSON output. {@code name} is the consumer group and the prefix of the
     * sinks' transactional ids.
     */
    public static PulseSettings settings(
            String bootstrapServers, Path configPath, PulseTopics topics, String name) {
        return settings(
                bootstrapServers, configPath, topics, name, WireFormat.AUTO, WireFormat.JSON);
    }

    /** The job's settings against the embedded broker, reading and writing the given formats. */
    public static PulseSettings settings(
            String bootstrapServers,
            Path configPath,
            PulseTopics topics,
            String name,
            WireFormat input,
            WireFormat output) {
        Map<String, String> args = new HashMap<>();
        args.put("bootstrap-servers", bootstrapServers);
        args.put("config", configPath.toString());
        args.put("events-topic", topics.events());
        args.put("profiles-topic", topics.profiles());
        args.put("scores-topic", topics.scores());
        args.put("alerts-topic", topics.alerts());
        args.put("dead-letters-topic", topics.deadLetters());
        args.put("incidents-topic", topics.incidents());
        args.put("account-alerts-topic", topics.accountAlerts());
        args.put("control-topic", topics.control());
        args.put("control-acks-topic", topics.controlAcks());
        args.put("group-id", name);
        args.put("input-format", input.name());
        args.put("output-format", output.name());
        args.put("transactional-id-prefix", name);
        args.put("transaction-timeout-ms", Long.toString(EmbeddedKafka.MAX_TRANSACTION_TIMEOUT_MS));
        // No PULSE_* environment variables: everything points at the embedded broker.
        return PulseSettings.from(ParameterTool.fromMap(args), Map.of());
    }
}
