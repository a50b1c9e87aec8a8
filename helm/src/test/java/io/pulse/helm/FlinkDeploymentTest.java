package io.pulse.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the chart deploys for the Flink Kubernetes Operator, with the default values and with
 * values-production.yaml: an application-mode job that upgrades through savepoints, keeps its state
 * in RocksDB with incremental checkpoints on the configured durable store, survives a JobManager
 * loss through Kubernetes HA, and is started with the arguments the job reads.
 */
class FlinkDeploymentTest {

    @TempDir Path dir;

    @Test
    void theChartPassesHelmLintStrict() {
        LintResult lint = new Helm(RenderedChart.chartDir()).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @Test
    void theJobRunsInApplicationModeFromTheImageAndUpgradesThroughASavepoint() {
        for (RenderedChart chart : List.of(RenderedChart.defaults(), RenderedChart.production())) {
            JsonNode spec = chart.flinkDeployment().path("spec");
            assertThat(chart.flinkDeployment().path("apiVersion").asText())
                    .isEqualTo("flink.apache.org/v1beta1");
            assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
            assertThat(spec.path("job").path("jarURI").asText())
                    .isEqualTo("local:///opt/flink/usrlib/pulse-scoring.jar");
            assertThat(spec.path("job").path("entryClass").asText())
                    .isEqualTo("io.pulse.scoring.PulseJob");
            assertThat(spec.path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
            assertThat(spec.path("job").path("state").asText()).isEqualTo("running");
            assertThat(spec.path("job").has("allowNonRestoredState")).isFalse();
        }
    }

    @Test
    void stateIsInRocksDbWithIncrementalRetainedCheckpointsOnTheDurableStoreFromValues() {
        RenderedChart chart =
                RenderedChart.render(
                        List.of(),
                        Map.of("flink.storage.baseDir", "s3://state-bucket/team/pulse/"));
        assertThat(chart.flinkConf("state.backend.type")).isEqualTo("rocksdb");
        assertThat(chart.flinkConf("execution.checkpointing.incremental")).isEqualTo("true");
        assertThat(chart.flinkConf("execution.checkpointing.interval")).isEqualTo("10s");
        assertThat(chart.flinkConf("execution.checkpointing.dir"))
                .isEqualTo("s3://state-bucket/team/pulse/checkpoints");
        assertThat(chart.flinkConf("execution.checkpointing.savepoint-dir"))
                .isEqualTo("s3://state-bucket/team/pulse/savepoints");
        assertThat(chart.flinkConf("execution.checkpointing.externalized-checkpoint-retention"))
                .isEqualTo("RETAIN_ON_CANCELLATION");
        assertThat(chart.flinkConf("restart-strategy.type")).isEqualTo("exponential-delay");

        RenderedChart production = RenderedChart.production();
        assertThat(production.flinkConf("execution.checkpointing.dir"))
                .isEqualTo("s3://acme-pulse-flink-state/production/pulse/checkpoints");
        assertThat(production.flinkConf("execution.checkpointing.interval")).isEqualTo("30s");
        assertThat(production.flinkConf("execution.checkpointing.num-retained")).isEqualTo("5");
    }

    @Test
    void kubernetesHighAvailabilityKeepsItsMetadataOnTheDurableStore() {
        RenderedChart production = RenderedChart.production();
        assertThat(production.flinkConf("high-availability.type")).isEqualTo("kubernetes");
        assertThat(production.flinkConf("high-availability.storageDir"))
                .isEqualTo("s3://acme-pulse-flink-state/production/pulse/ha");
        assertThat(
                        production
                                .flinkDeployment()
                                .path("spec")
                                .path("jobManager")
                                .path("replicas")
                                .asInt())
                .isEqualTo(2);
    }

    @Test
    void maxParallelismIsLeftToTheJobWhichFixesItAt720() {
        for (RenderedChart chart : List.of(RenderedChart.defaults(), RenderedChart.production())) {
            assertThat(chart.flinkConf("pipeline.max-parallelism")).isNull();
        }
        Path values =
                RenderedChart.valuesFile(
                        dir,
                        """
                flink:
                  extraConfiguration:
                    pipeline.max-parallelism: "128"
                """);
        assertThatThrownBy(() -> RenderedChart.render(List.of(values), Map.of()))
                .hasMessageContaining("pipeline.max-parallelism is fixed at 720 by the job");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("job.parallelism", "721")))
                .hasMessageContaining("job.parallelism must be at most 720");
    }

    @Test
    void anUpgradeModeThatDropsStateIsRefused() {
        assertThatThrownBy(
                        () ->
                                RenderedChart.render(
                                        List.of(), Map.of("job.upgradeMode", "stateless")))
                .hasMessageContaining("would drop all subscriber state");
    }

    @Test
    void parallelismSlotsAndResourcesComeFromValues() {
        RenderedChart production = RenderedChart.production();
        JsonNode spec = production.flinkDeployment().path("spec");
        assertThat(spec.path("job").path("parallelism").asInt()).isEqualTo(8);
        assertThat(production.flinkConf("taskmanager.numberOfTaskSlots")).isEqualTo("2");
        assertThat(spec.path("jobManager").path("resource").path("memory").asText())
                .isEqualTo("4096m");
        assertThat(spec.path("taskManager").path("resource").path("cpu").asDouble()).isEqualTo(2.0);
        assertThat(spec.path("taskManager").path("resource").path("memory").asText())
                .isEqualTo("16384m");
        assertThat(spec.path("image").asText())
                .isEqualTo("registry.example.com/pulse/pulse-scoring:0.1.0");

        RenderedChart defaults = RenderedChart.defaults();
        assertThat(defaults.flinkDeployment().path("spec").path("job").path("parallelism").asInt())
                .isEqualTo(2);
        assertThat(defaults.flinkDeployment().path("spec").path("image").asText())
                .isEqualTo("pulse-scoring:0.1.0-SNAPSHOT");
    }

    @Test
    void theJobGetsItsKafkaTopicsIdsAndConfigurationAsArguments() {
        RenderedChart production = RenderedChart.production();
        assertThat(production.jobArg("--bootstrap-servers"))
                .startsWith("kafka-0.kafka.example.internal:9093,");
        assertThat(production.jobArg("--events-topic")).isEqualTo("subscriber-events");
        assertThat(production.jobArg("--profiles-topic")).isEqualTo("subscriber-profiles");
        assertThat(production.jobArg("--scores-topic")).isEqualTo("subscriber-scores");
        assertThat(production.jobArg("--alerts-topic")).isEqualTo("subscriber-alerts");
        assertThat(production.jobArg("--dead-letters-topic")).isEqualTo("subscriber-dead-letters");
        assertThat(production.jobArg("--incidents-topic")).isEqualTo("network-incidents");
        assertThat(production.jobArg("--control-topic")).isEqualTo("pulse-control");
        assertThat(production.jobArg("--control-acks-topic")).isEqualTo("pulse-control-acks");
        assertThat(production.jobArg("--group-id")).isEqualTo("pulse-scoring-production");
        assertThat(production.jobArg("--transactional-id-prefix"))
                .isEqualTo("pulse-scoring-production");
        assertThat(production.jobArg("--transaction-timeout-ms")).isEqualTo("3600000");
        assertThat(production.jobArg("--config")).isEqualTo("/opt/pulse/config/scoring.yaml");
        assertThat(production.jobArg("--kafka.ssl.endpoint.identification.algorithm"))
                .isEqualTo("https");
        assertThat(production.jobArg("--kafka.security.protocol")).isEqualTo("SASL_SSL");
        assertThat(production.jobArg("--kafka.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        // every option is followed by its value: the job's ParameterTool pairs them up
        List<String> args = production.jobArgs();
        for (int i = 0; i < args.size(); i += 2) {
            assertThat(args.get(i)).startsWith("--");
            assertThat(args.get(i + 1)).doesNotStartWith("--");
        }
    }

    @Test
    void theControlTopicsAreArgumentsWithTheJobsDefaultsUnlessSet() {
        RenderedChart defaults = RenderedChart.defaults();
        assertThat(defaults.jobArg("--control-topic")).isEqualTo("pulse-control");
        assertThat(defaults.jobArg("--control-acks-topic")).isEqualTo("pulse-control-acks");

        RenderedChart set =
                RenderedChart.render(
                        List.of(),
                        Map.of(
                                "kafka.topics.control", "scoring-eu-control",
                                "kafka.topics.controlAcks", "scoring-eu-control-acks"));
        assertThat(set.jobArg("--control-topic")).isEqualTo("scoring-eu-control");
        assertThat(set.jobArg("--control-acks-topic")).isEqualTo("scoring-eu-control-acks");
    }

    @Test
    void theIncidentsTopicIsAnArgumentWithTheJobsDefaultUnlessSet() {
        assertThat(RenderedChart.defaults().jobArg("--incidents-topic"))
                .isEqualTo("network-incidents");

        RenderedChart set =
                RenderedChart.render(
                        List.of(), Map.of("kafka.topics.incidents", "scoring-eu-incidents"));
        assertThat(set.jobArg("--incidents-topic")).isEqualTo("scoring-eu-incidents");
    }

    @Test
    void theAccountAlertsTopicIsAnArgumentWithTheJobsDefaultUnlessSet() {
        assertThat(RenderedChart.defaults().jobArg("--account-alerts-topic"))
                .isEqualTo("account-alerts");

        RenderedChart set =
                RenderedChart.render(
                        List.of(), Map.of("kafka.topics.accountAlerts", "scoring-eu-accounts"));
        assertThat(set.jobArg("--account-alerts-topic")).isEqualTo("scoring-eu-accounts");
    }

    @Test
    void theRegistryFormatGetsItsSchemaRegistry() {
        assertThat(RenderedChart.production().jobArgs()).doesNotContain("--schema-registry-url");
        RenderedChart framed =
                RenderedChart.render(
                        List.of(),
                        Map.of(
                                "kafka.bootstrapServers", "kafka:9092",
                                "kafka.inputFormat", "registry",
                                "kafka.outputFormat", "registry",
                                "kafka.schemaRegistryUrl", "http://schema-registry:8081"));
        assertThat(framed.jobArg("--input-format")).isEqualTo("registry");
        assertThat(framed.jobArg("--output-format")).isEqualTo("registry");
        assertThat(framed.jobArg("--schema-registry-url")).isEqualTo("http://schema-registry:8081");
    }

    @Test
    void aManualSavepointAndARedeployFromASavepointAreValues() {
        RenderedChart chart =
                RenderedChart.render(
                        List.of(),
                        Map.of(
                                // a nonce from date +%s: Helm turns large numbers into floats
                                // (1.76e+09) unless the chart prevents it
                                "job.savepointTriggerNonce", "1764190000",
                                "job.initialSavepointPath",
                                        "s3://pulse-flink/pulse/savepoints/savepoint-1a2b3c",
                                "job.savepointRedeployNonce", "1"));
        JsonNode job = chart.flinkDeployment().path("spec").path("job");
        assertThat(job.path("savepointTriggerNonce").isIntegralNumber()).isTrue();
        assertThat(job.path("savepointTriggerNonce").asLong()).isEqualTo(1764190000L);
        assertThat(job.path("initialSavepointPath").asText())
                .isEqualTo("s3://pulse-flink/pulse/savepoints/savepoint-1a2b3c");
        assertThat(job.path("savepointRedeployNonce").asInt()).isEqualTo(1);
        assertThat(
                        RenderedChart.defaults()
                                .flinkDeployment()
                                .path("spec")
                                .path("job")
                                .has("initialSavepointPath"))
                .isFalse();
    }

    @Test
    void flinkReportsToPrometheusOnANamedPortThePodMonitorScrapes() {
        RenderedChart defaults = RenderedChart.defaults();
        assertThat(defaults.flinkConf("metrics.reporter.prom.factory.class"))
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(defaults.flinkConf("metrics.reporter.prom.port")).isEqualTo("9249");
        assertThat(defaults.ofKind("PodMonitor")).isEmpty();

        RenderedChart production = RenderedChart.production();
        JsonNode podMonitor = production.one("PodMonitor");
        assertThat(podMonitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(podMonitor.path("metadata").path("labels").path("release").asText())
                .isEqualTo("kube-prometheus-stack");
        assertThat(
                        podMonitor
                                .path("spec")
                                .path("selector")
                                .path("matchLabels")
                                .path("app")
                                .asText())
                .isEqualTo("pulse");
        assertThat(podMonitor.path("spec").path("podMetricsEndpoints").get(0).path("port").asText())
                .isEqualTo("metrics");
        JsonNode port = production.containers().get(0).path("ports").get(0);
        assertThat(port.path("name").asText()).isEqualTo("metrics");
        assertThat(port.path("containerPort").asInt()).isEqualTo(9249);
    }
}
