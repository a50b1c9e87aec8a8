package io.pulse.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered FlinkDeployment against the operator's own CRD schema (Flink Kubernetes Operator
 * 1.13.0, test resource crd/), made strict: every object the schema describes field by field
 * accepts no other field. The API server would silently prune an unknown field (a misspelt
 * upgradeMode, say) and the operator would run with its default; here the build fails instead.
 */
class FlinkDeploymentSchemaTest {

    private static JsonSchema spec;

    @BeforeAll
    static void loadTheCrd() throws IOException {
        JsonNode crd;
        try (InputStream in =
                FlinkDeploymentSchemaTest.class.getResourceAsStream(
                        "/crd/flinkdeployments.flink.apache.org-v1.yml")) {
            crd = RenderedChart.YAML.readTree(in);
        }
        JsonNode version = null;
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals("v1beta1")) {
                version = v;
            }
        }
        assertThat(version).as("v1beta1 in the CRD").isNotNull();
        JsonNode specSchema =
                version.path("schema")
                        .path("openAPIV3Schema")
                        .path("properties")
                        .path("spec")
                        .deepCopy();
        closeObjects(specSchema);
        spec = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(specSchema);
    }

    @Test
    void theDefaultFlinkDeploymentMatchesTheOperatorsCrd() {
        assertThat(violations(RenderedChart.defaults().flinkDeployment())).isEmpty();
    }

    @Test
    void theProductionFlinkDeploymentMatchesTheOperatorsCrd() {
        assertThat(violations(RenderedChart.production().flinkDeployment())).isEmpty();
    }

    @Test
    void aFlinkDeploymentWithEveryOptionalPartMatchesTheOperatorsCrd() {
        RenderedChart everything =
                RenderedChart.render(
                        List.of(RenderedChart.chartDir().resolve("values-production.yaml")),
                        Map.of(
                                "ingress.enabled", "true",
                                "ingress.template", "flink.example.com/{{name}}(/|$)(.*)",
                                "job.initialSavepointPath", "s3://b/p/savepoints/savepoint-1",
                                "job.savepointRedeployNonce", "2",
                                "scoringConfig.existingConfigMap", "my-scoring",
                                "tolerations[0].key", "dedicated",
                                "tolerations[0].operator", "Exists"));
        assertThat(violations(everything.flinkDeployment())).isEmpty();
    }

    @Test
    void aMisspeltJobFieldFails() {
        ObjectNode deployment = RenderedChart.defaults().flinkDeployment().deepCopy();
        ObjectNode job = (ObjectNode) deployment.path("spec").path("job");
        job.set("upgradeMod", job.remove("upgradeMode"));
        assertThat(violations(deployment)).anyMatch(m -> m.contains("upgradeMod"));
    }

    @Test
    void aMisspeltFieldDeepInThePodTemplateFails() {
        ObjectNode deployment = RenderedChart.defaults().flinkDeployment().deepCopy();
        ObjectNode security =
                (ObjectNode)
                        deployment
                                .path("spec")
                                .path("podTemplate")
                                .path("spec")
                                .path("containers")
                                .get(0)
                                .path("securityContext");
        security.set("readOnlyRootFileSystem", security.remove("readOnlyRootFilesystem"));
        assertThat(violations(deployment)).anyMatch(m -> m.contains("readOnlyRootFileSystem"));
    }

    @Test
    void aValueOfTheWrongTypeOrOutsideAnEnumFails() {
        ObjectNode deployment = RenderedChart.defaults().flinkDeployment().deepCopy();
        ((ObjectNode) deployment.path("spec").path("job")).put("upgradeMode", "last_state");
        ((ObjectNode) deployment.path("spec").path("job")).put("parallelism", "eight");
        ((ObjectNode) deployment.path("spec")).put("flinkVersion", "v2_9");
        List<String> violations = violations(deployment);
        assertThat(violations).anyMatch(m -> m.contains("upgradeMode"));
        assertThat(violations).anyMatch(m -> m.contains("parallelism"));
        assertThat(violations).anyMatch(m -> m.contains("flinkVersion"));
    }

    private static List<String> violations(JsonNode deployment) {
        assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(deployment.path("kind").asText()).isEqualTo("FlinkDeployment");
        Set<ValidationMessage> messages = spec.validate(deployment.path("spec"));
        return messages.stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .collect(Collectors.toList());
    }

    /**
     * additionalProperties: false on every object schema that lists its properties and neither
     * allows extra ones nor preserves unknown fields (flinkConfiguration does, by design).
     */
    private static void closeObjects(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties")
                    && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
        }
        schema.forEach(FlinkDeploymentSchemaTest::closeObjects);
    }
}
