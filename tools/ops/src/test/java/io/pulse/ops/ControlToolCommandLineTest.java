package io.pulse.ops;

import io.pulse.cli.ToolRun;
import io.pulse.schema.control.ControlAck;
import io.pulse.schema.control.ControlOutcome;
import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.control.ControlArtifact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import static io.pulse.ops.ControlAnswerTest.answer;
import static io.pulse.ops.ControlFilesTest.CONFIG;
import static io.pulse.ops.ControlFilesTest.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/pulse-control's command line against topics kept in memory: what it publishes for each
 * option, its line and exit code for each answer, its usage errors.
 */
class ControlToolCommandLineTest {
    @TempDir Path dir;

    /** The topics: what was published, and the job's answer to it. */
    private final List<ControlArtifact> published = new ArrayList<>();

    private final List<String> opened = new ArrayList<>();
    private Duration timeout;
    private Function<ControlArtifact, ControlAck> job =
            artifact -> answer(artifact, ControlOutcome.ACCEPTED, 0);
    private List<ControlAck> acks = List.of();

    @Test
    void helpListsTheCommandsAndEachCommandsOptions() {
        ToolRun top = run("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out())
                .startsWith("Usage: pulse-control [OPTIONS] [COMMAND]")
                .contains("publish", "list");

        ToolRun publish = run("publish", "--help");
        assertThat(publish.exitCode()).isZero();
        assertThat(publish.out())
                .startsWith("Usage: pulse-control publish [OPTIONS]")
                .contains(
                        "--config=FILE",
                        "--champion=FILE",
                        "--challenger=FILE",
                        "--retire-challenger",
                        "--control-topic=T",
                        "Default: pulse-control",
                        "--acks-topic=T",
                        "Default: pulse-control-acks",
                        "--timeout=DURATION",
                        "Default: 2m",
                        "--bootstrap-servers=HOST:PORT",
                        "--kafka-properties=FILE",
                        "--kafka.<property>=VALUE",
                        "no answer within --timeout");

        ToolRun list = run("list", "--help");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out())
                .startsWith("Usage: pulse-control list [OPTIONS]")
                .contains("--acks-topic=T", "--last=N", "Default: 20", "--bootstrap-servers")
                .doesNotContain("--config", "--control-topic");
    }

    @Test
    void aConfigurationIsPublishedUnderItsVersionToTheTopicsGiven() {
        ToolRun run =
                run(
                        "publish",
                        "--config",
                        CONFIG.toString(),
                        "--control-topic",
                        "c",
                        "--acks-topic",
                        "a",
                        "--timeout",
                        "30s",
                        "--bootstrap-servers",
                        "kafka:9093");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(published)
                .extracting(ControlArtifact::describe)
                .containsExactly("CONFIG 2026.12-1");
        assertThat(opened).containsExactly("kafka:9093 c a");
        assertThat(timeout).isEqualTo(Duration.ofSeconds(30));
        assertThat(run.out())
                .isEqualTo(
                        "ACCEPTED CONFIG 2026.12-1 (config 2026.12-1, champion sim-2026.12-2,"
                                + " challenger none)"
                                + System.lineSeparator());
    }

    @Test
    void eachModelSlotAndTheRetirementPublishTheirOwnSlot() {
        assertThat(run("publish", "--champion", MODEL.toString()).exitCode()).isZero();
        assertThat(run("publish", "--challenger", MODEL.toString()).exitCode()).isZero();
        assertThat(run("publish", "--retire-challenger").exitCode()).isZero();

        assertThat(published)
                .extracting(ControlArtifact::describe)
                .containsExactly(
                        "CHAMPION sim-2026.12-2", "CHALLENGER sim-2026.12-2", "CHALLENGER none");
        assertThat(published.get(2).content()).isEmpty();
        assertThat(opened)
                .allMatch(o -> o.equals("localhost:9092 pulse-control pulse-control-acks"));
        assertThat(timeout).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void anInvalidConfigurationPublishesNothingAndNamesTheBadKey() throws IOException {
        Path bad =
                Files.writeString(
                        dir.resolve("scoring.yaml"),
                        ControlFilesTest.shipped()
                                .replace("churn-change: 0.001", "churn-change: -1"));

        ToolRun run = run("publish", "--config", bad.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.message())
                .startsWith("pulse-control: " + bad + ": ")
                .contains("churn-change")
                .endsWith("nothing published");
        assertThat(opened).as("not even connected").isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aMissingFilePublishesNothing() {
        ToolRun run = run("publish", "--champion", dir.resolve("no.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.message()).contains("no.json").contains("NoSuchFileException");
        assertThat(published).isEmpty();
    }

    @Test
    void aRefusalIsExitCodeOneWithTheReason() {
        job =
                artifact -> {
                    ControlAck ack = answer(artifact, ControlOutcome.REFUSED, 0);
                    ack.setReason("version 2026.12-1 is in force with other content");
                    return ack;
                };

        ToolRun run = run("publish", "--config", CONFIG.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .startsWith(
                        "REFUSED CONFIG 2026.12-1: version 2026.12-1 is in force with other content");
    }

    @Test
    void noAnswerIsExitCodeTwo() {
        job = artifact -> null;

        ToolRun run = run("publish", "--champion", MODEL.toString(), "--timeout", "5s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out())
                .startsWith("NO ANSWER to CHAMPION sim-2026.12-2 within 5s:")
                .contains("may not be running or checkpointing");
    }

    @Test
    void noneOrTwoVersionsAtOnceOrABadTimeoutIsAUsageError() {
        ToolRun none = run("publish");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.message()).contains("Missing required argument").contains("--config=FILE");

        ToolRun two = run("publish", "--config", CONFIG.toString(), "--champion", MODEL.toString());
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.message()).contains("--config", "--champion", "mutually exclusive");

        ToolRun retireAndChallenger =
                run("publish", "--retire-challenger", "--challenger", MODEL.toString());
        assertThat(retireAndChallenger.exitCode()).isEqualTo(2);
        assertThat(retireAndChallenger.message()).contains("mutually exclusive");

        ToolRun noUnit = run("publish", "--retire-challenger", "--timeout", "90");
        assertThat(noUnit.exitCode()).isEqualTo(2);
        assertThat(noUnit.message()).contains("'90' has no unit");

        ToolRun zero = run("publish", "--retire-challenger", "--timeout", "0s");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.message()).contains("not above zero");

        assertThat(published).isEmpty();
    }

    @Test
    void listPrintsTheVersionsInForceAndTheAnswers() {
        ControlArtifact champion = ControlAnswerTest.artifact(ControlSlot.CHAMPION, "sim-9", "m");
        ControlAck refused = answer(ControlAnswerTest.CONFIG_2, ControlOutcome.REFUSED, 0);
        refused.setReason("bad");
        acks = List.of(refused, answer(champion, ControlOutcome.ACCEPTED, 1000));

        ToolRun run = run("list", "--acks-topic", "a", "--last", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines())
                .containsExactly(
                        "in force: config 2026.12-1, champion sim-9, challenger none",
                        "2 answers:",
                        "2026-12-07T14:00:00Z REFUSED CONFIG 2026.12-2 by alice@ops-1: bad",
                        "2026-12-07T14:00:01Z ACCEPTED CHAMPION sim-9 by alice@ops-1");
        assertThat(opened).containsExactly("localhost:9092 pulse-control a");
    }

    @Test
    void listOfAnEmptyTopicSaysNothingWasPublished() {
        ToolRun run = run("list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("no version has been published yet");
    }

    @Test
    void listTakesAPositiveCount() {
        ToolRun run = run("list", "--last", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.message()).startsWith("Invalid value for option '--last'");
    }

    private ToolRun run(String... args) {
        return ToolRun.of(new ControlTool(this::open), args);
    }

    private ControlChannel open(Properties client, String controlTopic, String acksTopic) {
        opened.add(client.getProperty("bootstrap.servers") + " " + controlTopic + " " + acksTopic);
        return new ControlChannel() {
            @Override
            public ControlAnswer publish(ControlArtifact artifact, Duration timeout) {
                published.add(artifact);
                ControlToolCommandLineTest.this.timeout = timeout;
                return new ControlAnswer(artifact, job.apply(artifact), timeout);
            }

            @Override
            public List<ControlAck> answers() {
                return acks;
            }
        };
    }
}
