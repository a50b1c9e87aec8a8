package io.pulse.scoring;

import io.pulse.scoring.config.ConfigException;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.model.ModelFileException;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.util.ParameterTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static io.pulse.scoring.TestEvents.repoFile;
import static io.pulse.scoring.TestEvents.shippedConfigText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job's entry point refuses a bad configuration before it builds anything: the operator sees
 * the problem in the submission's error, and no job ever scores with defaults. And the job graph
 * carries the uids savepoints bind to and the names operators see in the web UI.
 */
class PulseJobTest {

    @TempDir Path dir;

    @Test
    void aMissingKeyStopsTheJobAtStart() throws IOException {
        Path config = write(shippedConfigText().replace("  band: {precision: 0.5}\n", ""));
        assertThatThrownBy(() -> start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessage(config + ": missing key 'churn.band'");
    }

    @Test
    void aWeightOutOfRangeStopsTheJobAtStart() throws IOException {
        Path config = write(shippedConfigText().replace("{weight: 0.92,", "{weight: -0.92,"));
        assertThatThrownBy(() -> start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "churn.consumption.services.long-distance-minutes.weight is -0.92, must be between");
    }

    @Test
    void anUnknownAnomalyMeasureStopsTheJobAtStart() throws IOException {
        Path config = dir.resolve("scoring.yaml");
        Files.writeString(
                config,
                shippedConfigText()
                        .replace(
                                "model-file: models/churn-sim.json",
                                "model-file: " + repoFile("config/models/churn-sim.json"))
                        .replace("      data-mb: 1000\n", "      data-gb: 1\n")
                        .replace("      data-mb: 4\n", "      data-gb: 4\n"));
        assertThatThrownBy(() -> start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown anomaly measure 'data-gb'");
    }

    @Test
    void lowDaysBeyondTheDaysJudgedStopTheJobAtStart() throws IOException {
        Path config = dir.resolve("scoring.yaml");
        Files.writeString(
                config,
                shippedConfigText()
                        .replace(
                                "model-file: models/churn-sim.json",
                                "model-file: " + repoFile("config/models/churn-sim.json"))
                        .replace("    low-days: 12\n", "    low-days: 20\n"));
        assertThatThrownBy(() -> start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "alerts.usage-drop.low-days must be between 7 and 14 (the sealed days judged), not 20");
    }

    @Test
    void anUnreadableModelFileStopsTheJobAtStart() throws IOException {
        Files.write(dir.resolve("garbage.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01});
        Path config = dir.resolve("scoring.yaml");
        Files.writeString(
                config,
                shippedConfigText()
                        .replace("model-file: models/churn-sim.json", "model-file: garbage.json"));
        assertThatThrownBy(() -> start(config))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(
                        "cannot read churn model file " + dir.resolve("garbage.json"));
    }

    @Test
    void aKafkaSecretWrittenOutStopsTheJobAtStartWithoutShowingIt() {
        assertThatThrownBy(
                        () ->
                                PulseJob.main(
                                        new String[] {
                                            "--bootstrap-servers",
                                            "localhost:1",
                                            "--kafka.ssl.truststore.password",
                                            "changeit-7"
                                        }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssl.truststore.password")
                .hasMessageNotContaining("changeit-7");
    }

    @Test
    void aPseudonymisedOutputWithoutItsKeyStopsTheJobAtStart() throws IOException {
        ScoringConfig config =
                ScoringConfig.load(
                        write(
                                shippedConfigText()
                                        .replace(
                                                "alerts-subscriber-id: PLAIN",
                                                "alerts-subscriber-id: PSEUDONYM")));
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        PulseSettings settings =
                PulseSettings.from(
                        ParameterTool.fromArgs(new String[] {"--bootstrap-servers", "localhost:1"}),
                        Map.of());
        assertThatThrownBy(() -> PulseJob.build(env, settings, config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outputs.*-subscriber-id: PSEUDONYM")
                .hasMessageContaining("--pseudonym-key");
    }

    @Test
    void aConfigurationThatCannotBeReadStopsTheJobAtStart() {
        assertThatThrownBy(() -> start(dir.resolve("missing.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.yaml");
    }

    @Test
    void noBrokerAddressStopsTheJobAtStart() {
        assertThatThrownBy(
                        () ->
                                PulseJob.main(
                                        new String[] {
                                            "--config", repoFile("config/scoring.yaml").toString()
                                        }))
                .hasMessage(
                        "missing --bootstrap-servers (or environment variable PULSE_BOOTSTRAP_SERVERS)");
    }

    /** A configuration in the temporary directory, its model file still the shipped one. */
    @Test
    void everyOperatorHasItsFixedUidAndAReadableName() {
        StreamExecutionEnvironment env = builtJob();

        Map<String, String> nameByUid = new TreeMap<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            assertThat(node.getTransformationUID())
                    .as("uid of " + node.getOperatorName())
                    .isNotNull();
            nameByUid.put(node.getTransformationUID(), node.getOperatorName());
        }
        assertThat(nameByUid)
                .containsEntry(OperatorIds.EVENTS_SOURCE, "Source: Subscriber events")
                .containsEntry(OperatorIds.PROFILES_SOURCE, "Source: Subscriber profiles")
                .containsEntry(OperatorIds.SPLIT_EVENTS, "Route unreadable events to dead letters")
                .containsEntry(
                        OperatorIds.SPLIT_PROFILES, "Route unreadable profiles to dead letters")
                .containsEntry(OperatorIds.SCORE_SUBSCRIBERS, "Score subscribers");
        assertThat(nameByUid.keySet())
                .anyMatch(uid -> uid.startsWith(OperatorIds.SCORES_SINK))
                .anyMatch(uid -> uid.startsWith(OperatorIds.ALERTS_SINK))
                .anyMatch(uid -> uid.startsWith(OperatorIds.DEAD_LETTERS_SINK));
        assertThat(env.getConfig().getMaxParallelism()).isEqualTo(PulseJob.MAX_PARALLELISM);
    }

    @Test
    void noRecordKeyOrStateIsSerializedByKryo() {
        StreamExecutionEnvironment env = builtJob();

        StreamGraph graph = env.getStreamGraph();
        List<TypeSerializer<?>> serializers = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            serializers.addAll(Arrays.asList(node.getTypeSerializersIn()));
            serializers.add(node.getTypeSerializerOut());
            serializers.add(node.getStateKeySerializer());
        }
        serializers.removeIf(Objects::isNull);
        assertThat(serializers).hasSizeGreaterThan(10).noneMatch(s -> s instanceof KryoSerializer);
        // any type that would need Kryo is refused outright, at the latest when the job starts
        assertThatThrownBy(
                        () ->
                                new GenericTypeInfo<>(Object.class)
                                        .createSerializer(env.getConfig().getSerializerConfig()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Generic types have been disabled");
    }

    @Test
    void chainedOperatorsShareRecordsAndRocksDbGetsTheJobsDefaultsUnlessTheDeploymentSetsThem() {
        Configuration deployment = new Configuration();
        deployment.set(RocksDBConfigurableOptions.USE_DYNAMIC_LEVEL_SIZE, false);
        StreamExecutionEnvironment env = builtJob(deployment);

        assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
        assertThat(env.getConfiguration().get(RocksDBConfigurableOptions.USE_BLOOM_FILTER))
                .isTrue();
        assertThat(env.getConfiguration().get(RocksDBConfigurableOptions.USE_DYNAMIC_LEVEL_SIZE))
                .isFalse();
        assertThat(
                        builtJob()
                                .getConfiguration()
                                .get(RocksDBConfigurableOptions.USE_DYNAMIC_LEVEL_SIZE))
                .isTrue();
    }

    /** The whole job, sources to sinks, with the shipped configuration. */
    private static StreamExecutionEnvironment builtJob() {
        return builtJob(new Configuration());
    }

    private static StreamExecutionEnvironment builtJob(Configuration deployment) {
        Configuration conf = new Configuration(deployment);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        PulseSettings settings =
                PulseSettings.from(
                        ParameterTool.fromArgs(new String[] {"--bootstrap-servers", "localhost:1"}),
                        Map.of());
        PulseJob.build(env, settings, TestEvents.shippedConfig());
        return env;
    }

    private Path write(String yaml) throws IOException {
        Path config = dir.resolve("scoring.yaml");
        Files.writeString(
                config,
                yaml.replace(
                        "model-file: models/churn-sim.json",
                        "model-file: " + repoFile("config/models/churn-sim.json")));
        return config;
    }

    private static void start(Path config) throws Exception {
        PulseJob.main(
                new String[] {"--bootstrap-servers", "localhost:1", "--config", config.toString()});
    }
}
