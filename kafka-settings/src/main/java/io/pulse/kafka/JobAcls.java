package io.pulse.kafka;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;

/**
 * The least a streaming job's principal needs from Kafka's authorizer, and nothing else: read its
 * input topics and commit offsets in its consumer group, write its output topics, and run
 * transactions under its transactional-id prefix (exactly-once sinks). Read and write imply
 * describe. No cluster-level right, no create, no delete, no other topic.
 *
 * @param principal the job's principal, e.g. {@code User:pulse-scoring}
 * @param inputTopics topics the job reads, the control topic among them
 * @param groupId the consumer group its sources commit offsets in
 * @param outputTopics topics the job writes, the dead-letter and control-acks topics among them
 * @param transactionalIdPrefix the prefix of its sinks' transactional ids
 */
public record JobAcls(
        String principal,
        List<String> inputTopics,
        String groupId,
        List<String> outputTopics,
        String transactionalIdPrefix) {

    public JobAcls {
        if (!principal.contains(":")) {
            throw new IllegalArgumentException(
                    "a principal is TYPE:NAME, e.g. User:pulse-scoring; got " + principal);
        }
        inputTopics = List.copyOf(inputTopics);
        outputTopics = List.copyOf(outputTopics);
    }

    public List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        inputTopics.forEach(
                topic ->
                        bindings.add(
                                allow(
                                        ResourceType.TOPIC,
                                        topic,
                                        PatternType.LITERAL,
                                        AclOperation.READ)));
        bindings.add(allow(ResourceType.GROUP, groupId, PatternType.LITERAL, AclOperation.READ));
        outputTopics.forEach(
                topic ->
                        bindings.add(
                                allow(
                                        ResourceType.TOPIC,
                                        topic,
                                        PatternType.LITERAL,
                                        AclOperation.WRITE)));
        bindings.add(
                allow(
                        ResourceType.TRANSACTIONAL_ID,
                        transactionalIdPrefix,
                        PatternType.PREFIXED,
                        AclOperation.WRITE));
        return bindings;
    }

    /** The same list as {@code kafka-acls.sh} commands, for operators who grant ACLs by hand. */
    public List<String> kafkaAclsCommands(String bootstrapServers, String commandConfig) {
        String base =
                "kafka-acls.sh --bootstrap-server "
                        + bootstrapServers
                        + " --command-config "
                        + commandConfig
                        + " --add --allow-principal '"
                        + principal
                        + "'";
        List<String> commands = new ArrayList<>();
        for (AclBinding binding : bindings()) {
            ResourcePattern pattern = binding.pattern();
            String resource =
                    switch (pattern.resourceType()) {
                        case TOPIC -> "--topic";
                        case GROUP -> "--group";
                        case TRANSACTIONAL_ID -> "--transactional-id";
                        default ->
                                throw new IllegalStateException("unexpected resource " + pattern);
                    };
            commands.add(
                    base
                            + " --operation "
                            + operationName(binding.entry().operation())
                            + " "
                            + resource
                            + " '"
                            + pattern.name()
                            + "'"
                            + (pattern.patternType() == PatternType.PREFIXED
                                    ? " --resource-pattern-type prefixed"
                                    : ""));
        }
        return commands;
    }

    private static String operationName(AclOperation operation) {
        return switch (operation) {
            case READ -> "Read";
            case WRITE -> "Write";
            default -> throw new IllegalStateException("unexpected operation " + operation);
        };
    }

    private AclBinding allow(
            ResourceType type, String name, PatternType patternType, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, patternType),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
