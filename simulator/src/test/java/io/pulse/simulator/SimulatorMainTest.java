package io.pulse.simulator;

import io.pulse.cli.ToolRun;
import io.pulse.kafka.KafkaClientSettings;
import io.pulse.schema.codec.WireFormat;
import io.pulse.schema.history.HistoryFiles;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorMainTest {

    @Test
    void withoutArgumentsEverythingIsDefault() {
        SimulatorMain.Invocation invocation = SimulatorMain.parse(new String[0], Map.of());
        assertThat(invocation.options())
                .isEqualTo(
                        SimulatorOptions.defaults(KafkaClientSettings.plaintext("localhost:9092")));
        assertThat(invocation.fileMode()).isNull();
    }

    @Test
    void parsesEveryOption() {
        SimulatorOptions options =
                SimulatorMain.parse(
                                new String[] {
                                    "--bootstrap-servers",
                                    "kafka:29092",
                                    "--subscribers",
                                    "5000",
                                    "--rate=2500",
                                    "--seed",
                                    "-7",
                                    "--backfill-days",
                                    "3",
                                    "--format",
                                    "json",
                                    "--events-topic",
                                    "events",
                                    "--profiles-topic=profiles",
                                    "--kafka.security.protocol",
                                    "SSL",
                                    "--kafka.ssl.truststore.location=/etc/x=y.jks",
                                    "--monthly-churn",
                                    "0.03",
                                    "--outages-per-month",
                                    "2.5",
                                    "--key-account-share",
                                    "0.1",
                                    "--account-moves-per-month=0.05",
                                    "--truth-dir",
                                    "target/truth"
                                },
                                Map.of())
                        .options();

        assertThat(options)
                .isEqualTo(
                        new SimulatorOptions(
                                KafkaClientSettings.of(
                                        "kafka:29092",
                                        Map.of(
                                                "security.protocol",
                                                "SSL",
                                                "ssl.truststore.location",
                                                "/etc/x=y.jks")),
                                "events",
                                "profiles",
                                5000,
                                2500,
                                -7,
                                3,
                                WireFormat.JSON,
                                new World(0.03, 2.5, 0.1, 0.05),
                                Path.of("target/truth")));
    }

    @Test
    void outWritesFilesInsteadOfKafka() {
        SimulatorMain.Invocation invocation =
                SimulatorMain.parse(
                        new String[] {
                            "--out",
                            "target/history",
                            "--days",
                            "30",
                            "--start",
                            "2026-01-05",
                            "--file-format",
                            "json",
                            "--seed",
                            "9"
                        },
                        Map.of());

        assertThat(invocation.fileMode())
                .isEqualTo(
                        new SimulatorMain.FileMode(
                                Path.of("target/history"),
                                30,
                                LocalDate.of(2026, 1, 5),
                                HistoryFiles.Format.JSON));
        assertThat(invocation.options().seed()).isEqualTo(9);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--start", "5 Jan"}, Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--start")
                .hasMessageContaining("5 Jan");
        assertThatThrownBy(
                        () ->
                                SimulatorMain.parse(
                                        new String[] {"--monthly-churn", "0.9"}, Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("monthlyChurn");
        assertThatThrownBy(
                        () ->
                                SimulatorMain.parse(
                                        new String[] {"--outages-per-month", "-1"}, Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("outagesPerMonth");
        assertThatThrownBy(
                        () ->
                                SimulatorMain.parse(
                                        new String[] {"--key-account-share", "0.7"}, Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("keyAccountShare");
        assertThatThrownBy(
                        () -> SimulatorMain.parse(new String[] {"--file-format", "csv"}, Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("csv");
    }

    @Test
    void kafkaSettingsFallBackToTheJobsEnvironmentVariables() {
        SimulatorOptions options =
                SimulatorMain.parse(new String[0], Map.of("PULSE_BOOTSTRAP_SERVERS", "kafka:9093"))
                        .options();
        assertThat(options.kafka().bootstrapServers()).isEqualTo("kafka:9093");
    }

    @Test
    void rejectsUnknownOptionsMissingValuesAndNonsense() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--speed", "3"}, Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--speed");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rate"}, Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rate", "fast"}, Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("fast");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--subscribers", "0"}, Map.of()))
                .isInstanceOf(ParameterException.class);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--format", "auto"}, Map.of()))
                .isInstanceOf(ParameterException.class);
        assertThatThrownBy(
                        () ->
                                SimulatorMain.parse(
                                        new String[] {"--kafka.ssl.key.password", "plain"},
                                        Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("ssl.key.password");
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        ToolRun run = ToolRun.of(new SimulatorMain(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: pulse-simulate [OPTIONS]")
                .contains(
                        "--bootstrap-servers=HOST:PORT",
                        "--kafka-properties=FILE",
                        "--kafka.<property>=VALUE",
                        "--subscribers=N",
                        "--rate=N",
                        "--seed=N",
                        "--backfill-days=N",
                        "--format=avro|json",
                        "--events-topic=NAME",
                        "--profiles-topic=NAME",
                        "--monthly-churn=R",
                        "--outages-per-month=R",
                        "--key-account-share=R",
                        "--account-moves-per-month=R",
                        "--truth-dir=DIR",
                        "--out=DIR",
                        "--days=N",
                        "--start=YYYY-MM-DD",
                        "--file-format=avro|json",
                        "--help",
                        "Default: 10000");
    }

    @Test
    void anUnknownOptionOrABadValueIsExitCodeTwoNamingIt() {
        ToolRun unknown = ToolRun.of(new SimulatorMain(), "--out", "target/x", "--speed", "3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).contains("'--speed'");
        assertThat(unknown.err()).contains("Usage: pulse-simulate");

        ToolRun badNumber = ToolRun.of(new SimulatorMain(), "--out", "target/x", "--days", "0");
        assertThat(badNumber.exitCode()).isEqualTo(2);
        assertThat(badNumber.message())
                .isEqualTo("Invalid value for option '--days': '0' is less than 1");
    }
}
