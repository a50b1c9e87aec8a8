package io.pulse.local;

import io.pulse.kafka.JobAcls;
import io.pulse.kafka.KafkaClientSettings;
import io.pulse.scoring.PulseSettings;

import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.admin.Admin;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring job's access control list ({@link JobAcls}) for the topics, group and
 * transactional-id prefix the job is started with: printed as {@code kafka-acls.sh} commands, or
 * created through the admin API with {@code --apply}.
 *
 * <pre>
 * bin/pulse-acls --principal User:pulse-scoring [job options: --events-topic ..., --group-id ..., --transactional-id-prefix ...]
 * bin/pulse-acls --principal User:pulse-scoring --apply --bootstrap-servers kafka:9093 --kafka-properties admin.properties
 * </pre>
 */
public final class AclTool {
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: bin/pulse-acls --principal User:NAME [--apply] [options]",
            "  --principal P             the job's principal, e.g. User:pulse-scoring (SCRAM user name, or the",
            "                            mapped name of its TLS certificate)",
            "  --apply                   create the ACLs through the admin API, as the administrator that",
            "                            --bootstrap-servers and --kafka-properties / --kafka.* connect as;",
            "                            without it, print kafka-acls.sh commands",
            "  the job's own options     --events-topic, --profiles-topic, --scores-topic, --alerts-topic,",
            "                            --dead-letters-topic, --group-id, --transactional-id-prefix, as the",
            "                            job is started with (defaults as the job's)");

    private AclTool() {}

    public static void main(String[] argv) throws Exception {
        ParameterTool args = ParameterTool.fromArgs(argv);
        if (args.has("help") || args.has("h") || !args.has("principal")) {
            System.err.println(USAGE);
            System.exit(args.has("principal") ? 0 : 2);
        }
        run(args, System.getenv(), System.out);
    }

    static void run(ParameterTool args, Map<String, String> env, PrintStream out) throws Exception {
        Map<String, String> options = new HashMap<>(args.toMap());
        // the tool's own options; the rest are the job's, which PulseSettings checks
        options.remove("principal");
        options.remove("apply");
        if (KafkaClientSettings.option(options, env, KafkaClientSettings.BOOTSTRAP_SERVERS_OPTION) == null) {
            options.put(KafkaClientSettings.BOOTSTRAP_SERVERS_OPTION, "localhost:9092");
        }
        PulseSettings settings = PulseSettings.from(ParameterTool.fromMap(options), env);
        JobAcls acls = forJob(args.getRequired("principal"), settings);
        if (!args.has("apply")) {
            acls.kafkaAclsCommands(settings.kafka().bootstrapServers(), "admin.properties").forEach(out::println);
            return;
        }
        try (Admin admin = Admin.create(settings.kafka().clientProperties())) {
            admin.createAcls(acls.bindings()).all().get();
        }
        out.printf("created %d ACLs for %s on %s%n", acls.bindings().size(), acls.principal(),
                settings.kafka().bootstrapServers());
    }

    /** The ACLs of a job started with these settings. */
    public static JobAcls forJob(String principal, PulseSettings settings) {
        return new JobAcls(principal,
                List.of(settings.eventsTopic(), settings.profilesTopic()),
                settings.groupId(),
                List.of(settings.scoresTopic(), settings.alertsTopic(), settings.deadLettersTopic()),
                settings.transactionalIdPrefix());
    }
}
