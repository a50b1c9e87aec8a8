package io.pulse.local.bench;

import io.pulse.cli.ToolRun;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The state payload tool's command line; nothing is replayed. */
class StatePayloadTest {

    @Test
    void helpListsEveryOptionAndExitsZero() {
        ToolRun run = ToolRun.of(new StatePayload(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "--subscribers=N", "--days=N", "--seed=N", "--config=PATH", "Default: 92");
    }

    @Test
    void anUnknownOptionOrABadValueIsExitCodeTwoNamingIt() {
        ToolRun unknown = ToolRun.of(new StatePayload(), "--speed", "3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).contains("'--speed'");

        ToolRun days = ToolRun.of(new StatePayload(), "--days", "0");
        assertThat(days.exitCode()).isEqualTo(2);
        assertThat(days.message())
                .isEqualTo("Invalid value for option '--days': '0' is less than 1");
    }
}
