package io.pulse.kafka;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobAclsTest {
    private final JobAcls acls =
            new JobAcls(
                    "User:pulse-scoring",
                    List.of("events", "profiles", "control"),
                    "pulse-scoring",
                    List.of("scores", "alerts", "dead-letters", "incidents", "control-acks"),
                    "pulse-scoring");

    @Test
    void grantsReadOnInputsWriteOnOutputsItsGroupAndItsTransactionsOnly() {
        assertThat(acls.bindings())
                .extracting(JobAclsTest::describe)
                .containsExactly(
                        "TOPIC LITERAL events READ",
                        "TOPIC LITERAL profiles READ",
                        "TOPIC LITERAL control READ",
                        "GROUP LITERAL pulse-scoring READ",
                        "TOPIC LITERAL scores WRITE",
                        "TOPIC LITERAL alerts WRITE",
                        "TOPIC LITERAL dead-letters WRITE",
                        "TOPIC LITERAL incidents WRITE",
                        "TOPIC LITERAL control-acks WRITE",
                        "TRANSACTIONAL_ID PREFIXED pulse-scoring WRITE");
        assertThat(acls.bindings())
                .allSatisfy(
                        binding -> {
                            assertThat(binding.entry().principal()).isEqualTo("User:pulse-scoring");
                            assertThat(binding.entry().permissionType())
                                    .isEqualTo(AclPermissionType.ALLOW);
                            assertThat(binding.entry().host()).isEqualTo("*");
                            assertThat(binding.pattern().resourceType())
                                    .isNotIn(ResourceType.CLUSTER, ResourceType.ANY);
                            assertThat(binding.entry().operation())
                                    .isIn(AclOperation.READ, AclOperation.WRITE);
                        });
    }

    @Test
    void printsTheSameListAsKafkaAclsCommands() {
        List<String> commands = acls.kafkaAclsCommands("kafka:9093", "admin.properties");
        assertThat(commands).hasSize(acls.bindings().size());
        assertThat(commands.get(0))
                .isEqualTo(
                        "kafka-acls.sh --bootstrap-server kafka:9093 --command-config admin.properties"
                                + " --add --allow-principal 'User:pulse-scoring' --operation Read --topic 'events'");
        assertThat(commands.get(9))
                .endsWith(
                        "--operation Write --transactional-id 'pulse-scoring' --resource-pattern-type prefixed");
    }

    @Test
    void aPrincipalNeedsItsType() {
        assertThatThrownBy(() -> new JobAcls("pulse-scoring", List.of(), "g", List.of(), "p"))
                .hasMessageContaining("User:pulse-scoring");
    }

    private static String describe(AclBinding binding) {
        return binding.pattern().resourceType()
                + " "
                + binding.pattern().patternType()
                + " "
                + binding.pattern().name()
                + " "
                + binding.entry().operation();
    }
}
