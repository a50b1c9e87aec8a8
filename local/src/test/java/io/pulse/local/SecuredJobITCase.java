package io.pulse.local;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.kafka.KafkaConnectionCheck;
import io.pulse.kafka.KafkaConnectionCheck.KafkaSetupException;
import io.pulse.kafka.SecretReferences;
import io.pulse.local.security.SecuredKafka;
import io.pulse.ops.AclTool;
import io.pulse.ops.ControlAnswer;
import io.pulse.ops.ControlClient;
import io.pulse.schema.CallScope;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.Segment;
import io.pulse.schema.codec.UnknownJsonFields;
import io.pulse.schema.codec.WireFormat;
import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.PulseSettings;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.control.ControlArtifact;

import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.pulse.local.PulseTestKit.encode;
import static io.pulse.local.PulseTestKit.send;
import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.shippedConfigText;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job against a secured broker: a SASL_SSL listener (SCRAM-SHA-512, certificates made by the
 * test) and a mutual-TLS listener, the standard authorizer with no access unless granted, and the
 * job's principal granted exactly the ACLs that {@code bin/pulse-acls} ships. Secrets reach the
 * clients only as references to a file, as in production.
 */
class SecuredJobITCase {
    private static final String JOB_USER = "pulse-scoring";
    private static final String GROUP_ID = "pulse-secured";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @TempDir static Path dir;

    private static SecuredKafka kafka;
    private static PulseTestKit admin;
    private static PulseTopics topics;
    private static String jobPassword;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = SecuredKafka.start();
        admin = new PulseTestKit(kafka.adminBootstrapServers());
        topics = admin.createTopics("secured", 1);
        jobPassword = UUID.randomUUID().toString();
        kafka.createScramUser(JOB_USER, jobPassword);
        kafka.createAcls(
                AclTool.forJob("User:" + JOB_USER, settings(scram(JOB_USER, jobPassword)))
                        .bindings());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theJobRunsEndToEndOverSaslSslWithOnlyItsOwnAcls(@TempDir Path checkpoints)
            throws Exception {
        PulseSettings settings = settings(scram(JOB_USER, jobPassword));
        assertThat(settings.kafka().properties().get("sasl.jaas.config"))
                .doesNotContain(jobPassword);
        KafkaConnectionCheck.check(settings.kafka(), settings.topics(), CHECK_TIMEOUT);

        ScoringConfig config = PulseTestKit.testConfig();
        try (ClusterUnderTest cluster =
                        ClusterUnderTest.start(PulseTestKit.flinkConfiguration(checkpoints), 1);
                KafkaProducer<byte[], byte[]> producer = admin.producer()) {
            send(
                    producer,
                    topics.profiles(),
                    "sec-1",
                    encode(profile("sec-1", Segment.MASS, DAY_0)));
            JobID job = cluster.submit(1, env -> PulseJob.build(env, settings, config));
            try {
                admin.awaitGroupOffset(GROUP_ID, topics.profiles(), 1);
                send(producer, topics.events(), "sec-1", encode(sms("s1", "sec-1", at(1, 9))));
                send(
                        producer,
                        topics.events(),
                        "sec-1",
                        encode(outgoingCall("s2", "sec-1", at(1, 10), CallScope.LOCAL, 120)));
                send(producer, topics.events(), "sec-1", new byte[] {0x01, 0x02});
                producer.flush();
                admin.awaitGroupOffset(GROUP_ID, topics.events(), 3);
                admin.awaitSettled(Duration.ofSeconds(2), topics.scores(), topics.deadLetters());

                assertThat(admin.readAll(topics.scores(), ScoreUpdate.class))
                        .extracting(ScoreUpdate::getSubscriberId)
                        .isNotEmpty()
                        .containsOnly("sec-1");
                assertThat(admin.readAll(topics.deadLetters(), DeadLetter.class))
                        .extracting(DeadLetter::getReason)
                        .containsExactly("UNREADABLE");

                // a version published by an operator (here the administrator): the job reads it
                // on its control topic and answers on its acks topic, with its own ACLs only
                ControlAnswer answer =
                        new ControlClient(
                                        adminClientProperties(),
                                        topics.control(),
                                        topics.controlAcks())
                                .publish(configVersion("secured-2"), ANSWER_TIMEOUT);
                assertThat(answer.accepted()).as(answer.line()).isTrue();
                cluster.assertRunningAndNeverRestarted(job);
            } finally {
                cluster.cancel(job);
            }
        }
    }

    @Test
    void aWrongPasswordStopsTheStartSayingSo() {
        assertStartFails(scram(JOB_USER, "not-the-password"), "refused this client's credentials");
    }

    @Test
    void anUntrustedBrokerCertificateStopsTheStartSayingSo() {
        assertStartFails(
                references(
                        kafka.untrustedScramClientProperties(JOB_USER, jobPassword), "untrusted"),
                kafka.saslSslBootstrapServers(),
                "the broker's certificate is not trusted by this client's trust store");
    }

    @Test
    void anAuthenticatedClientWithoutTheAclsIsRefused() throws Exception {
        String password = UUID.randomUUID().toString();
        kafka.createScramUser("stranger", password);
        assertStartFails(
                scram("stranger", password), "does not let this client's principal see the topics");
    }

    @Test
    void theJobsPrincipalCanDoNothingElse() {
        Properties properties = settings(scram(JOB_USER, jobPassword)).kafka().clientProperties();
        properties.put("max.block.ms", "10000");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            assertThatThrownBy(
                            () ->
                                    producer.send(
                                                    new ProducerRecord<>(
                                                            topics.events(), new byte[] {1}))
                                            .get(20, TimeUnit.SECONDS))
                    .as("writing to its input topic")
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(
                            () ->
                                    producer.send(
                                                    new ProducerRecord<>(
                                                            topics.control(), new byte[] {1}))
                                            .get(20, TimeUnit.SECONDS))
                    .as("publishing a version on its control topic")
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topics.controlAcks(), 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(20)))
                    .as("reading its own answers")
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void mutualTlsWithTheJobsAclsPassesAndAForeignCertificateIsRefused() throws Exception {
        KafkaClientSettings mtls = references(kafka.mtlsClientProperties(), "mtls");
        kafka.createAcls(
                AclTool.forJob(
                                SecuredKafka.MTLS_PRINCIPAL,
                                settings(mtls, kafka.mtlsBootstrapServers()))
                        .bindings());
        KafkaConnectionCheck.check(
                KafkaClientSettings.of(kafka.mtlsBootstrapServers(), mtls.properties()),
                settings(mtls).topics(),
                CHECK_TIMEOUT);

        assertStartFails(
                references(kafka.untrustedMtlsClientProperties(), "foreign"),
                kafka.mtlsBootstrapServers(),
                "the broker did not accept this client's certificate");
    }

    /** The test's configuration (the job's) under a new version, as bin/pulse-control sends it. */
    private static ControlArtifact configVersion(String version) {
        String text =
                shippedConfigText()
                        .replace("idleness-seconds: 60", "idleness-seconds: 1")
                        .replace("churn-change: 0.001", "churn-change: 0");
        assertThat(text).contains("version: \"2026.12-1\"");
        return ControlArtifact.of(
                ControlSlot.CONFIG,
                version,
                text.replace("version: \"2026.12-1\"", "version: \"" + version + "\"")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** The administrator's client on the test kit's listener, a super user. */
    private static Properties adminClientProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.adminBootstrapServers());
        return properties;
    }

    private static void assertStartFails(KafkaClientSettings client, String message) {
        assertStartFails(client, kafka.saslSslBootstrapServers(), message);
    }

    private static void assertStartFails(
            KafkaClientSettings client, String bootstrap, String message) {
        KafkaClientSettings settings = KafkaClientSettings.of(bootstrap, client.properties());
        long start = System.nanoTime();
        assertThatThrownBy(
                        () ->
                                KafkaConnectionCheck.check(
                                        settings, settings(settings).topics(), CHECK_TIMEOUT))
                .isInstanceOf(KafkaSetupException.class)
                .hasMessageContaining(message);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("time to fail")
                .isLessThan(Duration.ofSeconds(15));
    }

    /** The job's SCRAM client settings on the SASL_SSL listener, secrets by reference. */
    private static KafkaClientSettings scram(String user, String password) {
        return references(
                kafka.scramClientProperties(user, password), user + "-" + password.hashCode());
    }

    /**
     * The client properties with every secret moved into a properties file and replaced by a {@code
     * ${file:...}} reference to it, as a deployment gives them.
     */
    private static KafkaClientSettings references(Map<String, String> properties, String name) {
        Path secrets = dir.resolve(name + ".properties");
        Properties file = new Properties();
        Map<String, String> referenced = new TreeMap<>();
        properties.forEach(
                (key, value) -> {
                    if (!SecretReferences.isSecret(key)) {
                        referenced.put(key, value);
                    } else if (key.equals("sasl.jaas.config")) {
                        Matcher password = Pattern.compile("password=\"([^\"]*)\"").matcher(value);
                        assertThat(password.find()).isTrue();
                        file.setProperty("sasl.password", password.group(1));
                        referenced.put(
                                key,
                                value.replace(
                                        password.group(0),
                                        "password=\"${file:" + secrets + ":sasl.password}\""));
                    } else {
                        file.setProperty(key, value);
                        referenced.put(key, "${file:" + secrets + ":" + key + "}");
                    }
                });
        try (var out = Files.newBufferedWriter(secrets)) {
            file.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return KafkaClientSettings.of(kafka.saslSslBootstrapServers(), referenced);
    }

    private static PulseSettings settings(KafkaClientSettings client) {
        return settings(client, kafka.saslSslBootstrapServers());
    }

    private static PulseSettings settings(KafkaClientSettings client, String bootstrap) {
        return new PulseSettings(
                KafkaClientSettings.of(bootstrap, client.properties()),
                "config/scoring.yaml",
                topics.events(),
                topics.profiles(),
                topics.scores(),
                topics.alerts(),
                topics.deadLetters(),
                topics.incidents(),
                topics.accountAlerts(),
                topics.control(),
                topics.controlAcks(),
                GROUP_ID,
                WireFormat.AUTO,
                UnknownJsonFields.IGNORE,
                WireFormat.AVRO,
                null,
                GROUP_ID,
                60_000L,
                null);
    }
}
