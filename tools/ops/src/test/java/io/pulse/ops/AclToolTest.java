package io.pulse.ops;

import io.pulse.cli.ToolRun;

import org.junit.jupiter.api.Test;

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
                        "--transactional-id 'pulse-scoring'")
                .doesNotContain("subscriber-events");
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
}
