package io.pulse.ops;

import io.pulse.cli.ToolRun;
import io.pulse.kafka.JobAcls;
import io.pulse.scoring.PulseSettings;

import org.apache.flink.util.ParameterTool;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/pulse-acls without --apply: the kafka-acls.sh commands for the job's names; its usage errors.
 */
class AclToolTest {

    @Test
    void printsTheCommandsForTheTopicsAndNamesTheJobIsStartedWith() {
        ToolRun run =
                ToolRun.of(
                        new AclTool(),
                        "--principal",
                        "User:pulse-scoring",
                        "--events-topic",
                        "calls",
                        "--group-id",
                        "scoring-eu");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "kafka-acls.sh --bootstrap-server localhost:9092 --command-config admin.properties",
                        "--allow-principal 'User:pulse-scoring'",
                        "--topic 'calls'",
                        "--group 'scoring-eu'",
                        "--topic 'subscriber-alerts'",
                        "--operation Read --topic 'pulse-control'",
                        "--operation Write --topic 'pulse-control-acks'",
                        "--operation Write --topic 'network-incidents'",
                        "--transactional-id 'pulse-scoring'")
                .doesNotContain("subscriber-events")
                .doesNotContain("--operation Write --topic 'pulse-control'")
                .doesNotContain("--operation Read --topic 'pulse-control-acks'");
    }

    @Test
    void theIncidentsTopicIsTheOneTheJobIsStartedWith() {
        ToolRun run =
                ToolRun.of(
                        new AclTool(),
                        "--principal",
                        "User:pulse-scoring",
                        "--incidents-topic",
                        "scoring-eu-incidents");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "--operation Write --topic 'scoring-eu-incidents'",
                        "--operation Read --topic 'scoring-eu-incidents'")
                .doesNotContain("network-incidents");
    }

    @Test
    void theControlTopicsAreTheOnesTheJobIsStartedWith() {
        ToolRun run =
                ToolRun.of(
                        new AclTool(),
                        "--principal",
                        "User:pulse-scoring",
                        "--control-topic",
                        "scoring-eu-control",
                        "--control-acks-topic",
                        "scoring-eu-control-acks");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "--operation Read --topic 'scoring-eu-control'",
                        "--operation Write --topic 'scoring-eu-control-acks'")
                .doesNotContain("pulse-control");
    }

    @Test
    void everyTopicTheJobChecksAtStartHasItsAclsReadForInputsWriteForOutputs() {
        PulseSettings settings =
                PulseSettings.from(
                        ParameterTool.fromMap(Map.of("bootstrap-servers", "kafka:9093")), Map.of());
        JobAcls acls = AclTool.forJob("User:pulse-scoring", settings);

        assertThat(
                        acls.bindings().stream()
                                .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
                                .map(AclToolTest::describe))
                .containsExactlyInAnyOrder(
                        "subscriber-events READ",
                        "subscriber-profiles READ",
                        "pulse-control READ",
                        "subscriber-scores WRITE",
                        "subscriber-alerts WRITE",
                        "subscriber-dead-letters WRITE",
                        "network-incidents WRITE",
                        "network-incidents READ",
                        "account-alerts WRITE",
                        "pulse-control-acks WRITE");
        assertThat(
                        acls.bindings().stream()
                                .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
                                .map(b -> b.pattern().name())
                                .distinct())
                .as("the topics of the job's start-up check")
                .containsExactlyInAnyOrderElementsOf(settings.topics());
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        ToolRun run = ToolRun.of(new AclTool(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: pulse-acls [OPTIONS]")
                .contains(
                        "--principal=P",
                        "--apply",
                        "--events-topic=T",
                        "--profiles-topic=T",
                        "--scores-topic=T",
                        "--alerts-topic=T",
                        "--dead-letters-topic=T",
                        "--incidents-topic=T",
                        "--control-topic=T",
                        "--control-acks-topic=T",
                        "--group-id=G",
                        "--transactional-id-prefix=P",
                        "--bootstrap-servers=HOST:PORT",
                        "--kafka-properties=FILE",
                        "--kafka.<property>=VALUE");
    }

    @Test
    void noPrincipalOrAnUnknownOptionIsExitCodeTwoNamingIt() {
        ToolRun noPrincipal = ToolRun.of(new AclTool(), "--apply");
        assertThat(noPrincipal.exitCode()).isEqualTo(2);
        assertThat(noPrincipal.message()).isEqualTo("Missing required option: '--principal=P'");

        ToolRun unknown =
                ToolRun.of(new AclTool(), "--principal", "User:x", "--input-topic", "calls");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).contains("'--input-topic'");

        ToolRun secret =
                ToolRun.of(
                        new AclTool(),
                        "--principal",
                        "User:x",
                        "--kafka.sasl.jaas.config",
                        "password=\"hunter2\"");
        assertThat(secret.exitCode()).as("a secret written as a value").isEqualTo(2);
        assertThat(secret.message()).contains("sasl.jaas.config").doesNotContain("hunter2");
    }

    private static String describe(AclBinding binding) {
        return binding.pattern().name() + " " + binding.entry().operation();
    }
}
