package io.pulse.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

class PulseCommandLineTest {

    @Command(
            name = "pulse-test",
            mixinStandardHelpOptions = true,
            description = "A tool of the test.")
    static final class Tool implements Callable<Integer> {
        @Option(
                names = "--interval",
                paramLabel = "D",
                defaultValue = "15s",
                description = "how often")
        Duration interval;

        @Option(
                names = "--subscribers",
                paramLabel = "N",
                defaultValue = "2000",
                converter = Numbers.Positive.class,
                description = "how many")
        int subscribers;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "the seed")
        long seed;

        @Option(names = "--fail", description = "fails with this exception: iae, io or npe")
        String fail;

        @Override
        public Integer call() throws Exception {
            switch (fail == null ? "" : fail) {
                case "iae" -> throw new IllegalArgumentException("cannot read config/x.yaml");
                case "io" -> throw new UncheckedIOException(new IOException("disk full"));
                case "npe" -> throw new NullPointerException("surprise");
                default -> {
                    return subscribers == 7 ? 3 : 0;
                }
            }
        }
    }

    @Command(name = "pulse-kafka-test", mixinStandardHelpOptions = true)
    static final class KafkaTool implements Callable<Integer> {
        @Mixin KafkaOptions kafka;

        @Option(names = "--topic", defaultValue = "events")
        String topic;

        Map<String, String> options;

        @Override
        public Integer call() {
            options = kafka.options();
            kafka.settings(Map.of());
            return 0;
        }
    }

    @Test
    void helpListsTheOptionsInTheirOrderWithTheirDefaultsAndTheExitCodes() {
        ToolRun run = ToolRun.of(new Tool(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: pulse-test [OPTIONS]")
                .contains(
                        "A tool of the test.",
                        "Options:",
                        "--interval=D",
                        "Default: 15s",
                        "--subscribers=N",
                        "Default: 2000",
                        "-h, --help",
                        "-V, --version",
                        "Exit codes:",
                        "failed at run time",
                        "an unknown option or a bad value");
        assertThat(run.out().indexOf("--interval")).isLessThan(run.out().indexOf("--subscribers"));
        assertThat(ToolRun.of(new Tool(), "--version").out()).startsWith("Pulse ");
    }

    @Test
    void valuesGoThroughTheSharedConverters() {
        Tool tool = new Tool();
        assertThat(ToolRun.of(tool, "--interval", "PT2M", "--seed", "-3_000").exitCode()).isZero();
        assertThat(tool.interval).isEqualTo(Duration.ofMinutes(2));
        assertThat(tool.seed).isEqualTo(-3000);
        assertThat(tool.subscribers).isEqualTo(2000);
        assertThat(ToolRun.of(new Tool(), "--subscribers", "7").exitCode())
                .as("the command's own exit code")
                .isEqualTo(3);
    }

    @Test
    void anUnknownOptionOrABadValueIsAUsageErrorNamingTheOption() {
        ToolRun unknown = ToolRun.of(new Tool(), "--speed", "3");
        assertThat(unknown.exitCode()).isEqualTo(PulseCommandLine.USAGE).isEqualTo(2);
        assertThat(unknown.message()).isEqualTo("Unknown options: '--speed', '3'");
        assertThat(unknown.err()).contains("Usage: pulse-test");

        ToolRun duration = ToolRun.of(new Tool(), "--interval", "20");
        assertThat(duration.exitCode()).isEqualTo(2);
        assertThat(duration.message())
                .startsWith("Invalid value for option '--interval': '20' has no unit");

        ToolRun number = ToolRun.of(new Tool(), "--subscribers", "0");
        assertThat(number.exitCode()).isEqualTo(2);
        assertThat(number.message())
                .isEqualTo("Invalid value for option '--subscribers': '0' is less than 1");
        assertThat(ToolRun.of(new Tool(), "--subscribers").message()).contains("--subscribers");
    }

    @Test
    void aFailureAtRunTimeIsExitCodeOneWithTheToolsNameAndTheMessage() {
        ToolRun explained = ToolRun.of(new Tool(), "--fail", "iae");
        assertThat(explained.exitCode()).isEqualTo(PulseCommandLine.FAILED).isEqualTo(1);
        assertThat(explained.err())
                .isEqualTo("pulse-test: cannot read config/x.yaml" + System.lineSeparator());

        assertThat(ToolRun.of(new Tool(), "--fail", "io").err())
                .startsWith("pulse-test: java.io.IOException: disk full")
                .doesNotContain("\tat ");

        ToolRun surprise = ToolRun.of(new Tool(), "--fail", "npe");
        assertThat(surprise.exitCode()).isEqualTo(1);
        assertThat(surprise.message()).isEqualTo("pulse-test: surprise");
        assertThat(surprise.err())
                .as("a bug shows where it is")
                .contains("java.lang.NullPointerException: surprise", "\tat ");
    }

    @Test
    void kafkaPropertiesAreOptionsOfTheirOwnForm() {
        KafkaTool tool = new KafkaTool();
        ToolRun run =
                ToolRun.of(
                        tool,
                        "--kafka.security.protocol",
                        "SSL",
                        "--bootstrap-servers",
                        "kafka:9093",
                        "--kafka.ssl.truststore.location=/etc/x=y.jks",
                        "--topic",
                        "t");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(tool.options)
                .isEqualTo(
                        Map.of(
                                "bootstrap-servers",
                                "kafka:9093",
                                "kafka.security.protocol",
                                "SSL",
                                "kafka.ssl.truststore.location",
                                "/etc/x=y.jks"));
        assertThat(tool.topic).isEqualTo("t");
        assertThat(ToolRun.of(new KafkaTool(), "--help").out())
                .contains(
                        "--bootstrap-servers=HOST:PORT",
                        "--kafka-properties=FILE",
                        "--kafka.<property>=VALUE");
    }

    @Test
    void besideKafkaPropertiesUnknownOptionsAreStillUsageErrors() {
        ToolRun unknown = ToolRun.of(new KafkaTool(), "--kafka.acks", "all", "--speed", "3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).isEqualTo("Unknown options: '--speed', '3'");

        ToolRun missing = ToolRun.of(new KafkaTool(), "--topic", "t", "--kafka.acks");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.message()).contains("'--kafka.acks'");

        ToolRun literal = ToolRun.of(new KafkaTool(), "--kafka.<property>", "x");
        assertThat(literal.exitCode()).isEqualTo(2);
        assertThat(literal.message()).contains("--kafka.<property>", "write the property's name");

        ToolRun secret = ToolRun.of(new KafkaTool(), "--kafka.ssl.key.password", "plain");
        assertThat(secret.exitCode()).isEqualTo(2);
        assertThat(secret.message()).contains("ssl.key.password");

        ToolRun elsewhere = ToolRun.of(new Tool(), "--kafka.acks", "all");
        assertThat(elsewhere.exitCode()).as("a tool without Kafka options").isEqualTo(2);
        assertThat(elsewhere.message()).contains("'--kafka.acks'");
    }
}
