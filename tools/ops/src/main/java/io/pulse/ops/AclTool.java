package io.pulse.ops;

import io.pulse.cli.KafkaOptions;
import io.pulse.cli.PulseCommandLine;
import io.pulse.kafka.JobAcls;
import io.pulse.kafka.KafkaClientSettings;
import io.pulse.scoring.PulseSettings;

import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The scoring job's access control list ({@link JobAcls}) for the topics, group and
 * transactional-id prefix the job is started with: printed as {@code kafka-acls.sh} commands, or
 * created through the admin API with {@code --apply}.
 *
 * <pre>
 * bin/pulse-acls --principal User:pulse-scoring [job options: --events-topic ..., --group-id ..., --transactional-id-prefix ...]
 * bin/pulse-acls --principal User:pulse-scoring --apply --bootstrap-servers kafka:9093 --kafka-properties admin.properties
 * </pre>
 *
 * <p>The job's options are read by the job's own {@link PulseSettings}, so they fall back to the
 * same {@code PULSE_*} environment variables and defaults as the job's.
 */
@Command(
        name = "pulse-acls",
        mixinStandardHelpOptions = true,
        description =
                "The scoring job's Kafka ACLs: read its"
                        + " inputs, its control topic, its network incidents (read back) and its consumer group, write its outputs, dead letters, network incidents, account alerts and control answers,"
                        + " its transactional ids; nothing else."
                        + " For the topics and names the job is started with (the job's options below, each falling back to its"
                        + " PULSE_* environment variable and the job's default). Printed as kafka-acls.sh commands, or created with"
                        + " --apply.")
public final class AclTool implements Callable<Integer> {

    @Option(
            names = "--principal",
            paramLabel = "P",
            required = true,
            description =
                    "the job's principal, e.g. User:pulse-scoring (SCRAM user name, or the mapped name of its TLS"
                            + " certificate)")
    private String principal;

    @Option(
            names = "--apply",
            description =
                    "create the ACLs through the admin API, as the administrator that the"
                            + " Kafka options connect as; without it, print kafka-acls.sh commands")
    private boolean apply;

    @Option(
            names = "--events-topic",
            paramLabel = "T",
            description = "the job's events topic (default subscriber-events)")
    private String eventsTopic;

    @Option(
            names = "--profiles-topic",
            paramLabel = "T",
            description = "the job's profiles topic (default subscriber-profiles)")
    private String profilesTopic;

    @Option(
            names = "--scores-topic",
            paramLabel = "T",
            description = "the job's scores topic (default subscriber-scores)")
    private String scoresTopic;

    @Option(
            names = "--alerts-topic",
            paramLabel = "T",
            description = "the job's alerts topic (default subscriber-alerts)")
    private String alertsTopic;

    @Option(
            names = "--dead-letters-topic",
            paramLabel = "T",
            description = "the job's dead-letter topic (default subscriber-dead-letters)")
    private String deadLettersTopic;

    @Option(
            names = "--incidents-topic",
            paramLabel = "T",
            description = "the job's incidents topic (default network-incidents)")
    private String incidentsTopic;

    @Option(
            names = "--account-alerts-topic",
            paramLabel = "T",
            description = "the job's account-alerts topic (default account-alerts)")
    private String accountAlertsTopic;

    @Option(
            names = "--control-topic",
            paramLabel = "T",
            description = "the job's control topic (default pulse-control)")
    private String controlTopic;

    @Option(
            names = "--control-acks-topic",
            paramLabel = "T",
            description = "the job's control-acks topic (default pulse-control-acks)")
    private String controlAcksTopic;

    @Option(
            names = "--group-id",
            paramLabel = "G",
            description = "the job's consumer group (default pulse-scoring)")
    private String groupId;

    @Option(
            names = "--transactional-id-prefix",
            paramLabel = "P",
            description = "the job's transactional-id prefix (default pulse-scoring)")
    private String transactionalIdPrefix;

    @Mixin private KafkaOptions kafka;

    @Spec private CommandSpec spec;

    public static void main(String[] args) {
        PulseCommandLine.exit(new AclTool(), args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> env = System.getenv();
        PulseSettings settings = settings(env);
        JobAcls acls = forJob(principal, settings);
        if (!apply) {
            acls.kafkaAclsCommands(settings.kafka().bootstrapServers(), "admin.properties")
                    .forEach(out::println);
            return 0;
        }
        try (Admin admin = Admin.create(settings.kafka().clientProperties())) {
            admin.createAcls(acls.bindings()).all().get();
        }
        out.printf(
                "created %d ACLs for %s on %s%n",
                acls.bindings().size(), acls.principal(), settings.kafka().bootstrapServers());
        return 0;
    }

    /** The job's settings from the options given, the way the job reads its own arguments. */
    PulseSettings settings(Map<String, String> env) {
        Map<String, String> options = new HashMap<>(kafka.options());
        // the tools' default cluster where the job has none; a bad Kafka option is refused here, as
        // a usage error
        options.put(
                KafkaClientSettings.BOOTSTRAP_SERVERS_OPTION,
                kafka.settings(env).bootstrapServers());
        put(options, "events-topic", eventsTopic);
        put(options, "profiles-topic", profilesTopic);
        put(options, "scores-topic", scoresTopic);
        put(options, "alerts-topic", alertsTopic);
        put(options, "dead-letters-topic", deadLettersTopic);
        put(options, "incidents-topic", incidentsTopic);
        put(options, "account-alerts-topic", accountAlertsTopic);
        put(options, "control-topic", controlTopic);
        put(options, "control-acks-topic", controlAcksTopic);
        put(options, "group-id", groupId);
        put(options, "transactional-id-prefix", transactionalIdPrefix);
        return PulseSettings.from(ParameterTool.fromMap(options), env);
    }

    private static void put(Map<String, String> options, String name, String value) {
        if (value != null) {
            options.put(name, value);
        }
    }

    /** The ACLs of a job started with these settings. */
    public static JobAcls forJob(String principal, PulseSettings settings) {
        return new JobAcls(
                principal,
                // the incidents topic is read back as well as written: see ScoreSubscriberFunction
                List.of(
                        settings.eventsTopic(),
                        settings.profilesTopic(),
                        settings.controlTopic(),
                        settings.incidentsTopic()),
                settings.groupId(),
                List.of(
                        settings.scoresTopic(),
                        settings.alertsTopic(),
                        settings.deadLettersTopic(),
                        settings.incidentsTopic(),
                        settings.accountAlertsTopic(),
                        settings.controlAcksTopic()),
                settings.transactionalIdPrefix());
    }
}
