package io.pulse.local;

import io.pulse.cli.ToolRun;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/pulse-acls without --apply: the kafka-acls.sh commands for the job's names; its usage errors. */
class AclToolTest {

    @Test
    void printsTheCommandsForTheTopicsAndNamesTheJobIsStartedWith() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ToolRun run = ToolRun.of(tool(printed), "--principal", "User:pulse-scoring", "--events-topic", "calls",
                "--group-id", "scoring-eu");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("kafka-acls.sh --bootstrap-server localhost:9092 --command-config admin.properties",
                        "--allow-principal 'User:pulse-scoring'", "--topic 'calls'", "--group 'scoring-eu'",
                        "--topic 'subscriber-alerts'", "--transactional-id 'pulse-scoring'")
                .doesNotContain("subscriber-events");
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        ToolRun run = ToolRun.of(tool(new ByteArrayOutputStream()), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: pulse-acls [OPTIONS]").contains("--principal=P", "--apply",
                "--events-topic=T", "--profiles-topic=T", "--scores-topic=T", "--alerts-topic=T",
                "--dead-letters-topic=T", "--group-id=G", "--transactional-id-prefix=P", "--bootstrap-servers=HOST:PORT",
                "--kafka-properties=FILE", "--kafka.<property>=VALUE");
    }

    @Test
    void noPrincipalOrAnUnknownOptionIsExitCodeTwoNamingIt() {
        ToolRun noPrincipal = ToolRun.of(tool(new ByteArrayOutputStream()), "--apply");
        assertThat(noPrincipal.exitCode()).isEqualTo(2);
        assertThat(noPrincipal.message()).isEqualTo("Missing required option: '--principal=P'");

        ToolRun unknown = ToolRun.of(tool(new ByteArrayOutputStream()), "--principal", "User:x", "--input-topic", "calls");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).contains("'--input-topic'");

        ToolRun secret = ToolRun.of(tool(new ByteArrayOutputStream()), "--principal", "User:x",
                "--kafka.sasl.jaas.config", "password=\"hunter2\"");
        assertThat(secret.exitCode()).as("a secret written as a value").isEqualTo(2);
        assertThat(secret.message()).contains("sasl.jaas.config").doesNotContain("hunter2");
    }

    private static AclTool tool(ByteArrayOutputStream printed) {
        return new AclTool(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }
}
