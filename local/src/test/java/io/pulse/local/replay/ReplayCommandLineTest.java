package io.pulse.local.replay;

import io.pulse.cli.ToolRun;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/pulse-replay's command line: its options and its usage errors, nothing replayed. */
class ReplayCommandLineTest {

    @Test
    void helpListsEveryOptionAndExitsZero() {
        ToolRun run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: pulse-replay [OPTIONS]")
                .contains(
                        "--history=DIR",
                        "--config=PATH",
                        "--model=MODEL.json",
                        "--compare-config=FILE",
                        "--compare-model=FILE",
                        "--evaluation=PATH",
                        "--truth=DIR",
                        "--out=DIR",
                        "--state-backend=rocksdb|hashmap",
                        "Default: target/replay",
                        "--help");
    }

    @Test
    void anUnknownOptionABadValueOrNoHistoryIsExitCodeTwoNamingIt() {
        ToolRun unknown = run("--history", "h", "--speed", "3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).contains("'--speed'");

        ToolRun backend = run("--history", "h", "--state-backend", "memory");
        assertThat(backend.exitCode()).isEqualTo(2);
        assertThat(backend.message())
                .startsWith("Invalid value for option '--state-backend'")
                .contains("memory");

        ToolRun noHistory = run("--out", "target/x");
        assertThat(noHistory.exitCode()).isEqualTo(2);
        assertThat(noHistory.message()).contains("--history");
    }

    private static ToolRun run(String... args) {
        return ToolRun.of(new ReplayCommand(), args);
    }
}
