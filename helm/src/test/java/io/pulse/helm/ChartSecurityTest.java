package io.pulse.helm;

import io.pulse.kafka.KafkaClientSettings;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the chart does for security: credentials reach the pods only from Kubernetes Secrets, never
 * as text in the chart's output; every container runs as non-root on a read-only root file system
 * without privileges; the JobManager's REST port is fenced by a NetworkPolicy and the web UI is not
 * exposed outside the cluster unless asked for.
 */
class ChartSecurityTest {

    private static final Pattern CREDENTIAL_NAME =
            Pattern.compile("(?i).*(password|secret|username|access_key|token).*");

    @TempDir Path dir;

    @Test
    void kafkaCredentialsComeOnlyFromTheSecretThroughEnvironmentVariables() {
        RenderedChart production = RenderedChart.production();
        JsonNode container = production.containers().get(0);
        assertThat(envFromSecret(container, "PULSE_KAFKA_SASL_USERNAME"))
                .isEqualTo("pulse-kafka/username");
        assertThat(envFromSecret(container, "PULSE_KAFKA_SASL_PASSWORD"))
                .isEqualTo("pulse-kafka/password");
        // the login refers to the variables through Kafka's EnvVarConfigProvider, allowed to read
        // those two only
        assertThat(production.jobArg("--kafka.config.providers")).isEqualTo("env,dir");
        assertThat(production.jobArg("--kafka.config.providers.env.class"))
                .isEqualTo("org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        assertThat(production.jobArg("--kafka.config.providers.env.param.allowlist.pattern"))
                .isEqualTo("^PULSE_KAFKA_SASL_(USERNAME|PASSWORD)$");
        assertThat(production.jobArg("--kafka.sasl.jaas.config"))
                .isEqualTo(
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"${env:PULSE_KAFKA_SASL_USERNAME}\" password=\"${env:PULSE_KAFKA_SASL_PASSWORD}\";");
        assertThat(envFromSecret(container, "AWS_ACCESS_KEY_ID"))
                .isEqualTo("pulse-s3/access-key-id");
        assertThat(envFromSecret(container, "AWS_SECRET_ACCESS_KEY"))
                .isEqualTo("pulse-s3/secret-access-key");
    }

    @Test
    void theTrustStoreAndItsPasswordComeFromAMountedSecret() {
        RenderedChart production = RenderedChart.production();
        assertThat(production.jobArg("--kafka.ssl.truststore.location"))
                .isEqualTo("/etc/pulse/kafka-tls/truststore.p12");
        assertThat(production.jobArg("--kafka.ssl.truststore.password"))
                .isEqualTo("${dir:/etc/pulse/kafka-tls:truststore.password}");
        assertThat(production.jobArg("--kafka.config.providers.dir.param.allowed.paths"))
                .isEqualTo("/etc/pulse/kafka-tls");
        assertThat(production.jobArg("--kafka.ssl.keystore.location"))
                .as("no client certificate asked for")
                .isNull();
        for (JsonNode spec : production.podSpecs()) {
            assertThat(spec.path("volumes").findValues("secretName"))
                    .extracting(JsonNode::asText)
                    .contains("pulse-kafka-tls");
        }
        assertThat(production.containers().get(0).path("volumeMounts"))
                .anySatisfy(
                        m -> {
                            assertThat(m.path("mountPath").asText())
                                    .isEqualTo("/etc/pulse/kafka-tls");
                            assertThat(m.path("readOnly").asBoolean()).isTrue();
                        });
    }

    @Test
    void mutualTlsWithoutSaslConnectsWithSslAndTheClientKeyStore() {
        RenderedChart mtls =
                RenderedChart.render(
                        List.of(),
                        Map.of(
                                "kafka.tls.secretName",
                                "pulse-kafka-tls",
                                "kafka.tls.clientCertificate",
                                "true"));
        assertThat(mtls.jobArg("--kafka.security.protocol")).isEqualTo("SSL");
        assertThat(mtls.jobArg("--kafka.config.providers")).isEqualTo("dir");
        assertThat(mtls.jobArg("--kafka.ssl.keystore.location"))
                .isEqualTo("/etc/pulse/kafka-tls/keystore.p12");
        assertThat(mtls.jobArg("--kafka.ssl.keystore.password"))
                .isEqualTo("${dir:/etc/pulse/kafka-tls:keystore.password}");
        assertThat(mtls.jobArg("--kafka.sasl.jaas.config")).isNull();
    }

    @Test
    void thePseudonymKeyComesFromItsSecretByReference() {
        RenderedChart chart =
                RenderedChart.render(
                        List.of(RenderedChart.repoFile("helm/pulse/values-production.yaml")),
                        Map.of("pseudonyms.secretName", "pulse-pseudonyms"));
        assertThat(envFromSecret(chart.containers().get(0), "PULSE_PSEUDONYM_SECRET"))
                .isEqualTo("pulse-pseudonyms/key");
        assertThat(chart.jobArg("--pseudonym-key")).isEqualTo("${env:PULSE_PSEUDONYM_SECRET}");
        assertThat(RenderedChart.defaults().jobArg("--pseudonym-key")).isNull();
    }

    @Test
    void theJobAcceptsTheKafkaArgumentsTheChartRenders() {
        for (RenderedChart chart :
                List.of(
                        RenderedChart.defaults(),
                        RenderedChart.production(),
                        RenderedChart.render(
                                List.of(),
                                Map.of(
                                        "kafka.tls.secretName",
                                        "t",
                                        "kafka.tls.clientCertificate",
                                        "true")))) {
            Map<String, String> options = new HashMap<>();
            List<String> args = chart.jobArgs();
            for (int i = 0; i + 1 < args.size(); i += 2) {
                assertThat(args.get(i)).startsWith("--");
                options.put(args.get(i).substring(2), args.get(i + 1));
            }
            // refuses a secret written out, and a reference to a provider that is not declared
            KafkaClientSettings settings = KafkaClientSettings.fromOptions(options, Map.of(), null);
            String providers = settings.properties().get("config.providers");
            settings.properties().values().stream()
                    .flatMap(
                            value ->
                                    Pattern.compile("\\$\\{(\\w+):")
                                            .matcher(value)
                                            .results()
                                            .map(m -> m.group(1)))
                    .forEach(
                            alias ->
                                    assertThat(providers.split(","))
                                            .as("declared config providers")
                                            .contains(alias));
        }
    }

    @Test
    void noCredentialIsRenderedAsText() {
        for (RenderedChart chart : List.of(RenderedChart.defaults(), RenderedChart.production())) {
            assertThat(chart.ofKind("Secret")).isEmpty();
            for (JsonNode container : chart.containers()) {
                for (JsonNode env : container.path("env")) {
                    if (CREDENTIAL_NAME.matcher(env.path("name").asText()).matches()) {
                        assertThat(env.has("value"))
                                .as("env %s has a literal value", env.path("name").asText())
                                .isFalse();
                        assertThat(env.path("valueFrom").has("secretKeyRef"))
                                .as("env %s", env)
                                .isTrue();
                    }
                }
            }
            // the SASL login names its user and password only as ${env:...} references
            assertThat(chart.text).doesNotContainPattern("(?i)password=\"(?!\\$\\{env:)");
            assertThat(chart.text).doesNotContainPattern("(?i)username=\"(?!\\$\\{env:)");
            List<String> flinkKeys = new ArrayList<>();
            chart.flinkDeployment()
                    .path("spec")
                    .path("flinkConfiguration")
                    .fieldNames()
                    .forEachRemaining(flinkKeys::add);
            assertThat(flinkKeys)
                    .noneMatch(
                            k ->
                                    k.contains("access-key")
                                            || k.contains("secret-key")
                                            || k.contains("password"));
        }
    }

    @Test
    void aKafkaPropertyThatLooksLikeACredentialIsRefused() {
        Path values =
                RenderedChart.valuesFile(
                        dir,
                        """
                kafka:
                  properties:
                    sasl.jaas.config: org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";
                """);
        assertThatThrownBy(() -> RenderedChart.render(List.of(values), Map.of()))
                .hasMessageContaining("kafka.properties.sasl.jaas.config looks like a credential");
        Path truststore =
                RenderedChart.valuesFile(
                        dir,
                        """
                kafka:
                  properties:
                    ssl.truststore.password: changeit
                """);
        assertThatThrownBy(() -> RenderedChart.render(List.of(truststore), Map.of()))
                .hasMessageContaining(
                        "kafka.properties.ssl.truststore.password looks like a credential");
    }

    @Test
    void everyContainerRunsAsNonRootOnAReadOnlyRootWithoutPrivileges() {
        for (RenderedChart chart : List.of(RenderedChart.defaults(), RenderedChart.production())) {
            assertThat(chart.containers()).isNotEmpty();
            for (JsonNode spec : chart.podSpecs()) {
                assertThat(spec.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
                assertThat(spec.path("securityContext").path("runAsUser").asInt()).isEqualTo(9999);
            }
            for (JsonNode container : chart.containers()) {
                JsonNode security = container.path("securityContext");
                assertThat(security.path("runAsNonRoot").asBoolean()).as("%s", container).isTrue();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
                assertThat(security.path("capabilities").path("drop"))
                        .extracting(JsonNode::asText)
                        .containsExactly("ALL");
                assertThat(security.path("capabilities").has("add")).isFalse();
                assertThat(security.has("privileged")).isFalse();
            }
        }
    }

    @Test
    void flinkWritesOnlyToItsEmptyDirsAndReadsTheConfigurationReadOnly() {
        JsonNode container = RenderedChart.defaults().containers().get(0);
        assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
        List<String> mounts = new ArrayList<>();
        container
                .path("volumeMounts")
                .forEach(
                        m ->
                                mounts.add(
                                        m.path("mountPath").asText()
                                                + (m.path("readOnly").asBoolean() ? " ro" : "")));
        assertThat(mounts)
                .containsExactlyInAnyOrder("/tmp", "/opt/flink/log", "/opt/pulse/config ro");
        JsonNode volumes = RenderedChart.defaults().podSpecs().get(0).path("volumes");
        for (JsonNode volume : volumes) {
            if (!volume.path("name").asText().equals("scoring-config")) {
                assertThat(volume.has("emptyDir")).as("%s", volume).isTrue();
            }
        }
    }

    @Test
    void theJobManagerRestPortIsFencedByDefault() {
        JsonNode policy = RenderedChart.defaults().one("NetworkPolicy");
        JsonNode spec = policy.path("spec");
        assertThat(spec.path("podSelector").path("matchLabels").path("component").asText())
                .isEqualTo("jobmanager");
        assertThat(spec.path("podSelector").path("matchLabels").path("app").asText())
                .isEqualTo("pulse");
        assertThat(spec.path("policyTypes"))
                .extracting(JsonNode::asText)
                .containsExactly("Ingress");
        JsonNode restRule = ruleFor(spec, 8081);
        // the operator only, from its namespace, with no rule open to everyone
        assertThat(restRule.path("from")).hasSize(1);
        JsonNode operator = restRule.path("from").get(0);
        assertThat(
                        operator.path("namespaceSelector")
                                .path("matchLabels")
                                .path("kubernetes.io/metadata.name")
                                .asText())
                .isEqualTo("flink-operator");
        assertThat(
                        operator.path("podSelector")
                                .path("matchLabels")
                                .path("app.kubernetes.io/name")
                                .asText())
                .isEqualTo("flink-kubernetes-operator");
        JsonNode rpcRule = ruleFor(spec, 6123);
        assertThat(
                        rpcRule.path("from")
                                .get(0)
                                .path("podSelector")
                                .path("matchLabels")
                                .path("app")
                                .asText())
                .isEqualTo("pulse");
        for (JsonNode rule : spec.path("ingress")) {
            assertThat(rule.has("from"))
                    .as("a rule without 'from' admits everyone: %s", rule)
                    .isTrue();
        }

        assertThat(
                        RenderedChart.render(List.of(), Map.of("networkPolicy.enabled", "false"))
                                .ofKind("NetworkPolicy"))
                .isEmpty();
    }

    @Test
    void theWebUiIsNotExposedOutsideTheClusterUnlessAskedFor() {
        for (RenderedChart chart : List.of(RenderedChart.defaults(), RenderedChart.production())) {
            assertThat(chart.ofKind("Ingress")).isEmpty();
            assertThat(chart.flinkDeployment().path("spec").has("ingress")).isFalse();
            assertThat(chart.flinkConf("kubernetes.rest-service.exposed.type"))
                    .isEqualTo("ClusterIP");
        }
        RenderedChart withIngress =
                RenderedChart.render(
                        List.of(),
                        Map.of(
                                "ingress.enabled",
                                "true",
                                "ingress.className",
                                "nginx",
                                "ingress.template",
                                "flink.example.com/{{name}}(/|$)(.*)"));
        JsonNode ingress = withIngress.flinkDeployment().path("spec").path("ingress");
        assertThat(ingress.path("className").asText()).isEqualTo("nginx");
        assertThat(ingress.path("template").asText())
                .isEqualTo("flink.example.com/{{name}}(/|$)(.*)");
    }

    private static JsonNode ruleFor(JsonNode policySpec, int port) {
        for (JsonNode rule : policySpec.path("ingress")) {
            for (JsonNode p : rule.path("ports")) {
                if (p.path("port").asInt() == port) {
                    return rule;
                }
            }
        }
        throw new AssertionError("no ingress rule for port " + port + " in " + policySpec);
    }

    /** "secret/key" of the environment variable's secretKeyRef; fails if it has none. */
    private static String envFromSecret(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(name)) {
                JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                assertThat(ref.isMissingNode())
                        .as("%s has no secretKeyRef: %s", name, env)
                        .isFalse();
                assertThat(env.has("value")).isFalse();
                return ref.path("name").asText() + "/" + ref.path("key").asText();
            }
        }
        throw new AssertionError("no environment variable " + name + " in " + container);
    }
}
