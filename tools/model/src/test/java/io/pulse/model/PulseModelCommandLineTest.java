package io.pulse.model;

import io.pulse.cli.ToolRun;
import io.pulse.scoring.TestEvents;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/pulse-model's command line: its commands, their options, the usage errors and a failure. */
class PulseModelCommandLineTest {
    private static final String CONFIG = TestEvents.repoFile("config/scoring.yaml").toString();

    @Test
    void helpListsTheCommandsAndEachCommandsHelpItsOptions() {
        ToolRun top = run("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out())
                .startsWith("Usage: pulse-model [OPTIONS] [COMMAND]")
                .contains("train", "evaluate");

        ToolRun train = run("train", "--help");
        assertThat(train.exitCode()).isZero();
        assertThat(train.out())
                .startsWith("Usage: pulse-model train [OPTIONS]")
                .contains(
                        "--history=DIR",
                        "--events-topic=TOPIC",
                        "--data=FILE.csv",
                        "--profiles-topic=TOPIC",
                        "--bootstrap-servers=HOST:PORT",
                        "--kafka-properties=FILE",
                        "--config=PATH",
                        "--out=MODEL.json",
                        "--version=NAME",
                        "--seed=N",
                        "--report=DIR",
                        "--horizon-days=N",
                        "--warm-up-days=N",
                        "--cutoff-days=N",
                        "--repeats=N",
                        "--folds=N",
                        "--churn-rate=R",
                        "-h, --help");

        ToolRun evaluate = run("evaluate", "--help");
        assertThat(evaluate.exitCode()).isZero();
        assertThat(evaluate.out())
                .startsWith("Usage: pulse-model evaluate [OPTIONS]")
                .contains("--data=FILE.csv", "--config=PATH", "--model=MODEL.json", "--report=DIR");
    }

    @Test
    void anUnknownOptionACommandOrABadValueIsExitCodeTwoNamingIt() {
        ToolRun none = run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.message()).isEqualTo("Missing required subcommand");

        ToolRun unknown = run("train", "--data", "x.csv", "--speed", "3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).contains("'--speed'");
        assertThat(unknown.err()).contains("Usage: pulse-model train");

        ToolRun badValue = run("train", "--data", "x.csv", "--folds", "many");
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.message())
                .isEqualTo("Invalid value for option '--folds': 'many' is not a whole number");

        assertThat(run("score", "--data", "x.csv").exitCode()).isEqualTo(2);
    }

    @Test
    void aFailureAtRunTimeIsExitCodeOneWithAMessage() {
        ToolRun missing = run("evaluate", "--data", "no-such-file.csv", "--config", CONFIG);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err())
                .startsWith("pulse-model: ")
                .contains("no-such-file.csv")
                .doesNotContain("\tat ");
    }

    private static ToolRun run(String... args) {
        return ToolRun.of(
                new PulseModel(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
                args);
    }
}
