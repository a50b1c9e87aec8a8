package io.pulse.ops;

import io.pulse.cli.DurationConverter;
import io.pulse.cli.KafkaOptions;
import io.pulse.cli.Numbers;
import io.pulse.cli.PulseCommandLine;
import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.control.ControlArtifact;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * Publishes a scoring configuration or a churn model to the running job through its control topic
 * and waits for the job's answer, or lists the answers and the versions in force.
 *
 * <pre>
 * bin/pulse-control publish --config config/scoring.yaml [--timeout 5m] [--bootstrap-servers kafka:9093 --kafka-properties client.properties]
 * bin/pulse-control publish --champion config/models/churn-sim.json
 * bin/pulse-control publish --challenger models/churn-next.json | --retire-challenger
 * bin/pulse-control list [--last 50]
 * </pre>
 */
@Command(
        name = "pulse-control",
        mixinStandardHelpOptions = true,
        subcommands = {ControlTool.PublishCommand.class, ControlTool.ListCommand.class},
        description =
                "Publishes a scoring configuration or churn model to the running job through its control"
                        + " topic and waits for its answer, or lists the answers and the versions in force."
                        + " pulse-control COMMAND --help lists a command's options.")
public final class ControlTool {

    /** Opens the topics: {@link ControlClient} but in tests. */
    interface Channels {
        ControlChannel open(Properties clientProperties, String controlTopic, String acksTopic);
    }

    private final Channels channels;

    public ControlTool() {
        this(ControlClient::new);
    }

    ControlTool(Channels channels) {
        this.channels = channels;
    }

    public static void main(String[] args) {
        PulseCommandLine.exit(new ControlTool(), args);
    }

    /** The one version {@code publish} takes. */
    static final class Artifact {
        @Option(
                names = "--config",
                paramLabel = "FILE",
                required = true,
                description = "a scoring configuration; its version: key names the version")
        Path config;

        @Option(
                names = "--champion",
                paramLabel = "FILE",
                required = true,
                description =
                        "a churn model file to score and alert with; its version field names the version")
        Path champion;

        @Option(
                names = "--challenger",
                paramLabel = "FILE",
                required = true,
                description = "a churn model file to score with in shadow, next to the champion")
        Path challenger;

        @Option(
                names = "--retire-challenger",
                required = true,
                description = "stop scoring with the challenger")
        boolean retireChallenger;

        /** The version the options name, read and checked. */
        ControlArtifact read() throws IOException {
            if (retireChallenger) {
                return ControlArtifact.retireChallenger();
            }
            if (config != null) {
                return ControlFiles.read(ControlSlot.CONFIG, config);
            }
            return champion != null
                    ? ControlFiles.read(ControlSlot.CHAMPION, champion)
                    : ControlFiles.read(ControlSlot.CHALLENGER, challenger);
        }
    }

    @Command(
            name = "publish",
            mixinStandardHelpOptions = true,
            description =
                    "Checks the file as the job checks its own at start, publishes it on the control topic and"
                            + " waits for the job's answer: accepted once every scoring subtask applied it and"
                            + " the job checkpointed, or refused with the reason.",
            exitCodeList = {
                "0:accepted (or already in force)",
                "1:refused by the job, or the file is invalid (nothing published), or failed at run time",
                "2:no answer within --timeout (the job may not be running or checkpointing), or a usage error"
            })
    static final class PublishCommand implements Callable<Integer> {
        @ParentCommand private ControlTool tool;

        @Spec private CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Artifact artifact;

        @Option(
                names = "--control-topic",
                paramLabel = "T",
                defaultValue = ControlClient.DEFAULT_CONTROL_TOPIC,
                description = "the job's control topic")
        private String controlTopic;

        @Mixin private AcksTopic acks;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "2m",
                converter = DurationConverter.Positive.class,
                description = "how long to wait for the job's answer once the version is published")
        private Duration timeout;

        @Mixin private KafkaOptions kafka;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            ControlArtifact version = artifact.read();
            ControlChannel channel =
                    tool.channels.open(
                            kafka.settings(System.getenv()).clientProperties(),
                            controlTopic,
                            acks.topic);
            ControlAnswer answer = channel.publish(version, timeout);
            out.println(answer.line());
            return answer.exitCode();
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "Prints the versions in force, as the job's latest answer says, and its answers, oldest first.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand private ControlTool tool;

        @Spec private CommandSpec spec;

        @Mixin private AcksTopic acks;

        @Option(
                names = "--last",
                paramLabel = "N",
                defaultValue = "20",
                converter = Numbers.Positive.class,
                description = "print the last N answers")
        private int last;

        @Mixin private KafkaOptions kafka;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ControlChannel channel =
                    tool.channels.open(
                            kafka.settings(System.getenv()).clientProperties(),
                            ControlClient.DEFAULT_CONTROL_TOPIC,
                            acks.topic);
            ControlAcks.lines(channel.answers(), last).forEach(out::println);
            return 0;
        }
    }

    /** The job's acknowledgement topic, as it is started with. */
    static final class AcksTopic {
        @Option(
                names = "--acks-topic",
                paramLabel = "T",
                defaultValue = ControlClient.DEFAULT_ACKS_TOPIC,
                description = "the job's acknowledgement topic")
        String topic;
    }
}
