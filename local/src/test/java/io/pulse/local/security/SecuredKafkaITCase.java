package io.pulse.local.security;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLHandshakeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secured test broker with plain Kafka clients: who gets in on which listener, what the
 * authorizer lets them do, and how each refusal looks to a client and how soon it comes.
 */
class SecuredKafkaITCase {
    private static final Logger LOG = LoggerFactory.getLogger(SecuredKafkaITCase.class);

    /**
     * Client timeouts in the failure tests; a refusal must come well before them, not as a timeout.
     */
    private static final int CLIENT_TIMEOUT_MS = 8_000;

    private static final Duration FAST = Duration.ofSeconds(5);

    private static final String SCRAM_TOPIC = "scram-events";
    private static final String MTLS_TOPIC = "mtls-events";
    private static final String TRANSACTIONAL_TOPIC = "transactional-events";
    private static final String FORBIDDEN_TOPIC = "forbidden-events";
    private static final String TRANSACTIONAL_ID_PREFIX = "pulse-scoring-";

    private static final String SCORER = "scorer";
    private static final String SCORER_PASSWORD = TestCertificates.randomPassword();
    private static final String STRANGER = "stranger";
    private static final String STRANGER_PASSWORD = TestCertificates.randomPassword();
    private static final String TRANSACTIONAL = "transactional";
    private static final String TRANSACTIONAL_PASSWORD = TestCertificates.randomPassword();

    private static SecuredKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = SecuredKafka.start();
        kafka.createTopics(
                List.of(
                        new NewTopic(SCRAM_TOPIC, 1, (short) 1),
                        new NewTopic(MTLS_TOPIC, 1, (short) 1),
                        new NewTopic(TRANSACTIONAL_TOPIC, 1, (short) 1),
                        new NewTopic(FORBIDDEN_TOPIC, 1, (short) 1)));
        kafka.createScramUser(SCORER, SCORER_PASSWORD);
        kafka.createScramUser(STRANGER, STRANGER_PASSWORD);
        kafka.createScramUser(TRANSACTIONAL, TRANSACTIONAL_PASSWORD);
        List<AclBinding> acls = new ArrayList<>();
        acls.addAll(readWrite("User:" + SCORER, SCRAM_TOPIC, "scorer-group"));
        acls.addAll(readWrite(SecuredKafka.MTLS_PRINCIPAL, MTLS_TOPIC, "mtls-group"));
        // A transactional producer: its topic, its transactional ids by prefix, no cluster ACL.
        acls.add(
                allow(
                        "User:" + TRANSACTIONAL,
                        ResourceType.TOPIC,
                        TRANSACTIONAL_TOPIC,
                        PatternType.LITERAL,
                        AclOperation.WRITE));
        acls.add(
                allow(
                        "User:" + TRANSACTIONAL,
                        ResourceType.TRANSACTIONAL_ID,
                        TRANSACTIONAL_ID_PREFIX,
                        PatternType.PREFIXED,
                        AclOperation.WRITE));
        acls.add(
                allow(
                        "User:" + TRANSACTIONAL,
                        ResourceType.TRANSACTIONAL_ID,
                        TRANSACTIONAL_ID_PREFIX,
                        PatternType.PREFIXED,
                        AclOperation.DESCRIBE));
        acls.addAll(readWrite("User:" + SCORER, TRANSACTIONAL_TOPIC, "scorer-transactions"));
        kafka.createAcls(acls);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aScramUserWithAclsProducesAndConsumesOverSaslSsl() throws Exception {
        // Its idempotent producer (the default) needs no IDEMPOTENT_WRITE on the cluster: WRITE on
        // a topic will do.
        Map<String, Object> client =
                client(
                        kafka.saslSslBootstrapServers(),
                        kafka.scramClientProperties(SCORER, SCORER_PASSWORD));
        produce(client, SCRAM_TOPIC, "a", "b", "c");
        assertThat(consume(client, SCRAM_TOPIC, "scorer-group", 3)).containsExactly("a", "b", "c");
    }

    @Test
    void theCertificatesPrincipalWithAclsProducesAndConsumesOverMutualTls() throws Exception {
        // The ACLs name User:pulse-scoring: the mapping rule turned the certificate's DN into its
        // CN.
        Map<String, Object> client =
                client(kafka.mtlsBootstrapServers(), kafka.mtlsClientProperties());
        produce(client, MTLS_TOPIC, "x", "y");
        assertThat(consume(client, MTLS_TOPIC, "mtls-group", 2)).containsExactly("x", "y");
    }

    @Test
    void aWrongPasswordFailsFastWithASaslAuthenticationException() {
        Map<String, Object> client =
                failingClient(
                        kafka.saslSslBootstrapServers(),
                        kafka.scramClientProperties(SCORER, "not-" + SCORER_PASSWORD));
        for (Refusal refusal :
                refusalsOfEveryClient("wrong password", client, SCRAM_TOPIC, "scorer-group")) {
            assertThat(refusal.cause())
                    .as(refusal.client())
                    .isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
            assertThat(refusal.after()).as(refusal.client()).isLessThan(FAST);
        }
    }

    @Test
    void anUnknownUserFailsLikeAWrongPassword() {
        Map<String, Object> client =
                failingClient(
                        kafka.saslSslBootstrapServers(),
                        kafka.scramClientProperties("nobody", SCORER_PASSWORD));
        Refusal refusal =
                refusal("unknown user", "admin", () -> describeTopic(client, SCRAM_TOPIC));
        assertThat(refusal.cause())
                .isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
        assertThat(refusal.after()).isLessThan(FAST);
    }

    @Test
    void aClientThatDoesNotTrustTheBrokersCertificateFailsWithAnSslAuthenticationException() {
        Map<String, Object> client =
                failingClient(
                        kafka.saslSslBootstrapServers(),
                        kafka.untrustedScramClientProperties(SCORER, SCORER_PASSWORD));
        for (Refusal refusal :
                refusalsOfEveryClient("untrusted broker", client, SCRAM_TOPIC, "scorer-group")) {
            assertThat(refusal.cause())
                    .as(refusal.client())
                    .isInstanceOf(SslAuthenticationException.class)
                    .hasMessageContaining("SSL handshake failed")
                    .hasRootCauseMessage(
                            "unable to find valid certification path to requested target");
            assertThat(refusal.after()).as(refusal.client()).isLessThan(FAST);
        }
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefusedOnTheMutualTlsListener() {
        Map<String, Object> client =
                failingClient(kafka.mtlsBootstrapServers(), kafka.untrustedMtlsClientProperties());
        for (Refusal refusal :
                refusalsOfEveryClient(
                        "untrusted client certificate", client, MTLS_TOPIC, "mtls-group")) {
            // TLS 1.3: the client finishes its side of the handshake; the broker's alert comes
            // after it.
            assertThat(refusal.cause())
                    .as(refusal.client())
                    .isInstanceOf(SslAuthenticationException.class)
                    .hasRootCauseInstanceOf(SSLHandshakeException.class);
            assertThat(refusal.after()).as(refusal.client()).isLessThan(FAST);
        }
    }

    @Test
    void anAuthenticatedUserWithoutAclsIsRefused() {
        Map<String, Object> client =
                failingClient(
                        kafka.saslSslBootstrapServers(),
                        kafka.scramClientProperties(STRANGER, STRANGER_PASSWORD));
        Refusal produce =
                refusal("no ACLs", "producer", () -> produce(client, SCRAM_TOPIC, "intruder"));
        assertThat(produce.cause())
                .isInstanceOf(TopicAuthorizationException.class)
                .hasMessageContaining(SCRAM_TOPIC);
        Refusal consume =
                refusal("no ACLs", "consumer", () -> poll(client, SCRAM_TOPIC, "stranger-group"));
        assertThat(consume.cause())
                .isInstanceOfAny(
                        TopicAuthorizationException.class, GroupAuthorizationException.class);
        assertThat(List.of(produce.after(), consume.after()))
                .allSatisfy(after -> assertThat(after).isLessThan(FAST));
    }

    @Test
    void aUserIsRefusedTheTopicsItHasNoAclFor() {
        Map<String, Object> client =
                failingClient(
                        kafka.saslSslBootstrapServers(),
                        kafka.scramClientProperties(SCORER, SCORER_PASSWORD));
        Refusal produce =
                refusal(
                        "other topic",
                        "producer",
                        () -> produce(client, FORBIDDEN_TOPIC, "sneaky"));
        assertThat(produce.cause())
                .isInstanceOf(TopicAuthorizationException.class)
                .hasMessageContaining(FORBIDDEN_TOPIC);
        Refusal consume =
                refusal(
                        "other topic",
                        "consumer",
                        () -> poll(client, FORBIDDEN_TOPIC, "scorer-group"));
        assertThat(consume.cause())
                .isInstanceOf(TopicAuthorizationException.class)
                .hasMessageContaining(FORBIDDEN_TOPIC);
    }

    @Test
    void aTransactionalProducerNeedsItsTopicAndItsTransactionalIdPrefixButNoClusterAcl()
            throws Exception {
        Map<String, Object> client =
                client(
                        kafka.saslSslBootstrapServers(),
                        kafka.scramClientProperties(TRANSACTIONAL, TRANSACTIONAL_PASSWORD));
        client.put("transactional.id", TRANSACTIONAL_ID_PREFIX + "0");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TRANSACTIONAL_TOPIC, "committed"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TRANSACTIONAL_TOPIC, "aborted"));
            producer.abortTransaction();
        }
        Map<String, Object> reader =
                client(
                        kafka.saslSslBootstrapServers(),
                        kafka.scramClientProperties(SCORER, SCORER_PASSWORD));
        reader.put("isolation.level", "read_committed");
        assertThat(consume(reader, TRANSACTIONAL_TOPIC, "scorer-transactions", 1))
                .containsExactly("committed");
    }

    @Test
    void aTransactionalIdOutsideTheAllowedPrefixIsRefused() {
        Map<String, Object> client =
                failingClient(
                        kafka.saslSslBootstrapServers(),
                        kafka.scramClientProperties(TRANSACTIONAL, TRANSACTIONAL_PASSWORD));
        client.put("transactional.id", "someone-else-0");
        Refusal refusal =
                refusal(
                        "transactional id",
                        "producer",
                        () -> {
                            try (KafkaProducer<String, String> producer =
                                    new KafkaProducer<>(
                                            client,
                                            new StringSerializer(),
                                            new StringSerializer())) {
                                producer.initTransactions();
                            }
                        });
        assertThat(refusal.cause()).isInstanceOf(TransactionalIdAuthorizationException.class);
        assertThat(refusal.after()).isLessThan(FAST);
    }

    // ---- clients

    private static Map<String, Object> client(
            String bootstrapServers, Map<String, String> security) {
        Map<String, Object> properties = new HashMap<>(security);
        properties.put("bootstrap.servers", bootstrapServers);
        return properties;
    }

    /**
     * A client that gives up soon: whatever fails later than {@link #CLIENT_TIMEOUT_MS} fails as a
     * timeout.
     */
    private static Map<String, Object> failingClient(
            String bootstrapServers, Map<String, String> security) {
        Map<String, Object> properties = client(bootstrapServers, security);
        properties.put("request.timeout.ms", CLIENT_TIMEOUT_MS);
        properties.put("default.api.timeout.ms", CLIENT_TIMEOUT_MS);
        properties.put("max.block.ms", CLIENT_TIMEOUT_MS);
        properties.put("delivery.timeout.ms", CLIENT_TIMEOUT_MS);
        properties.put("linger.ms", 0);
        return properties;
    }

    private static void produce(Map<String, Object> client, String topic, String... values)
            throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    private static List<String> consume(
            Map<String, Object> client, String topic, String group, int count) {
        Map<String, Object> properties = new HashMap<>(client);
        properties.put("group.id", group);
        properties.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }

    /** One poll that should fail: polls up to the client timeout. */
    private static void poll(Map<String, Object> client, String topic, String group) {
        Map<String, Object> properties = new HashMap<>(client);
        properties.put("group.id", group);
        properties.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            consumer.poll(Duration.ofMillis(CLIENT_TIMEOUT_MS));
        }
    }

    private static void describeTopic(Map<String, Object> client, String topic) throws Exception {
        try (Admin admin = Admin.create(client)) {
            admin.describeTopics(List.of(topic)).allTopicNames().get();
        }
    }

    // ---- refusals

    /** What a client threw, the Kafka exception inside it, and how long it took. */
    private record Refusal(String client, Throwable thrown, Duration after) {
        Throwable cause() {
            Throwable cause = thrown;
            while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /**
     * Admin (describeTopics), producer (send and get) and consumer (subscribe and poll) under the
     * same settings.
     */
    private static List<Refusal> refusalsOfEveryClient(
            String situation, Map<String, Object> client, String topic, String group) {
        return List.of(
                refusal(situation, "admin", () -> describeTopic(client, topic)),
                refusal(situation, "producer", () -> produce(client, topic, "refused")),
                refusal(situation, "consumer", () -> poll(client, topic, group)));
    }

    private static Refusal refusal(String situation, String clientKind, Action action) {
        long start = System.nanoTime();
        try {
            action.run();
        } catch (Exception e) {
            Refusal refusal =
                    new Refusal(clientKind, e, Duration.ofNanos(System.nanoTime() - start));
            LOG.info(
                    "{} / {}: after {} ms: thrown {}; cause {}: {}; root cause {}",
                    situation,
                    clientKind,
                    refusal.after().toMillis(),
                    e.getClass().getName(),
                    refusal.cause().getClass().getName(),
                    refusal.cause().getMessage(),
                    rootCause(e));
            return refusal;
        }
        throw new AssertionError(situation + ": the " + clientKind + " was not refused");
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    private static List<AclBinding> readWrite(String principal, String topic, String group) {
        return List.of(
                allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ),
                allow(
                        principal,
                        ResourceType.TOPIC,
                        topic,
                        PatternType.LITERAL,
                        AclOperation.WRITE),
                allow(
                        principal,
                        ResourceType.GROUP,
                        group,
                        PatternType.LITERAL,
                        AclOperation.READ));
    }

    private static AclBinding allow(
            String principal,
            ResourceType type,
            String name,
            PatternType pattern,
            AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
