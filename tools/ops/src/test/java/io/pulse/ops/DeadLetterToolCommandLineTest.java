package io.pulse.ops;

import io.pulse.cli.ToolRun;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/pulse-dead-letters' command line, without a broker: its commands, options and usage errors.
 */
class DeadLetterToolCommandLineTest {

    @Test
    void helpListsTheCommandsAndEachCommandsHelpItsOptions() {
        ToolRun top = run("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out())
                .startsWith("Usage: pulse-dead-letters [OPTIONS] [COMMAND]")
                .contains("list", "replay");

        for (String command : new String[] {"list", "replay"}) {
            ToolRun help = run(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out())
                    .startsWith("Usage: pulse-dead-letters " + command + " [OPTIONS]")
                    .contains(
                            "--reason=R",
                            "--topic=T",
                            "Default: subscriber-dead-letters",
                            "--format=avro|json|auto",
                            "--source-topic=T",
                            "--bootstrap-servers=HOST:PORT",
                            "--kafka-properties=FILE",
                            "--kafka.<property>=VALUE");
        }
        assertThat(run("replay", "--help").out()).contains("--to=T", "--dry-run");
    }

    @Test
    void replayWithoutAReasonIsRefused() {
        ToolRun run = run("replay", "--to", "fixed");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.message()).isEqualTo("Missing required option: '--reason=R'");
        assertThat(run.err()).as("why").contains("required, as LATE and FLOOD records");
    }

    @Test
    void anUnknownOptionOrCommandOrABadValueIsExitCodeTwoNamingIt() {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run().message()).isEqualTo("Missing required subcommand");

        ToolRun unknown = run("list", "--speed", "3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).contains("'--speed'");

        ToolRun format = run("list", "--format", "csv");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.message())
                .startsWith("Invalid value for option '--format'")
                .contains("csv");

        assertThat(run("purge").exitCode()).isEqualTo(2);
    }

    private static ToolRun run(String... args) {
        return ToolRun.of(new DeadLetterTool(), args);
    }
}
