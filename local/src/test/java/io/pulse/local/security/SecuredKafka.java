package io.pulse.local.security;

import io.pulse.local.EmbeddedKafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node KRaft broker (broker and controller in one process, Kafka's test kit, like
 * {@link EmbeddedKafka}) that speaks Kafka security, for tests of a secured job:
 *
 * <ul>
 *   <li>{@code SASL_SSL} ({@link #saslSslBootstrapServers()}): TLS with the broker certificate of
 *       {@link #certificates()}, then SCRAM-SHA-512 for users made with {@link #createScramUser};
 *       the principal is {@code User:<name>};
 *   <li>{@code SSL} ({@link #mtlsBootstrapServers()}): mutual TLS, a client certificate signed by
 *       the test CA is required. Its principal is the certificate's common name: {@code
 *       ssl.principal.mapping.rules} maps {@code CN=pulse-scoring,OU=..,O=..} to {@code
 *       User:pulse-scoring} ({@link #MTLS_PRINCIPAL}), as a cluster that gives SCRAM users and
 *       certificates the same names would;
 *   <li>{@code EXTERNAL} ({@link #adminBootstrapServers()}): the test kit's own listener,
 *       PLAINTEXT, for the test's set-up only; its principal {@code User:ANONYMOUS} is a super
 *       user. So is that of the controller listener and of inter-broker traffic, which run over
 *       PLAINTEXT too.
 * </ul>
 *
 * <p>The standard authorizer is on and {@code allow.everyone.if.no.acl.found=false}: a client on
 * the secured listeners may do only what {@link #createAcls} allowed its principal.
 *
 * <p>Transactions work on the one node, with the same settings as {@link EmbeddedKafka}. As there,
 * only {@code metadata.version} is finalized: {@code transaction.version} and {@code group.version}
 * stay at 0 (transactions V1, classic consumer groups), where a cluster newly formatted by Kafka
 * 4.2 would have 2 and 1.
 */
public final class SecuredKafka implements AutoCloseable {
    /**
     * The principal that the client certificate of {@link TestCertificates#clientKeyStore()}
     * authenticates as.
     */
    public static final String MTLS_PRINCIPAL = "User:pulse-scoring";

    /**
     * The principal that the certificate of {@link TestCertificates#untrustedClientKeyStore()}
     * would have, were it trusted.
     */
    public static final String UNTRUSTED_MTLS_PRINCIPAL = "User:pulse-intruder";

    private static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    private static final String SASL_SSL_LISTENER = "SASL_SSL";
    private static final String MTLS_LISTENER = "SSL";
    private static final Duration SET_UP_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClusterTestKit cluster;
    private final TestCertificates certificates;
    private final Path directory;

    private SecuredKafka(
            KafkaClusterTestKit cluster, TestCertificates certificates, Path directory) {
        this.cluster = cluster;
        this.certificates = certificates;
        this.directory = directory;
    }

    /** Makes new certificates and starts the broker on free ports. */
    public static SecuredKafka start() throws Exception {
        Path directory = Files.createTempDirectory("pulse-secured-kafka-");
        try {
            Path certificateDirectory = Files.createDirectory(directory.resolve("tls"));
            TestCertificates certificates = TestCertificates.create(certificateDirectory);
            return new SecuredKafka(
                    startCluster(directory.resolve("data"), certificates), certificates, directory);
        } catch (Exception e) {
            Utils.delete(directory.toFile());
            throw e;
        }
    }

    private static KafkaClusterTestKit startCluster(
            Path dataDirectory, TestCertificates certificates) throws Exception {
        TestKitNodes nodes = EmbeddedKafka.singleNode(dataDirectory);
        String brokerListener = nodes.brokerListenerName().value();
        String controllerListener = nodes.controllerListenerName().value();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        brokerSettings(certificates, brokerListener, controllerListener)
                .forEach(builder::setConfigProp);
        return EmbeddedKafka.started(builder);
    }

    private static Map<String, String> brokerSettings(
            TestCertificates certificates, String brokerListener, String controllerListener) {
        Map<String, String> settings = new HashMap<>(EmbeddedKafka.singleNodeSettings());

        // The test kit pre-binds free ports for its own two listener names whatever is written
        // here;
        // the other two bind port 0, and boundPort tells which port they got.
        settings.put(
                "listeners",
                String.format(
                        "%s://localhost:0,%s://localhost:0,%s://localhost:0,%s://localhost:0",
                        brokerListener, controllerListener, SASL_SSL_LISTENER, MTLS_LISTENER));
        settings.put(
                "listener.security.protocol.map",
                String.format(
                        "%s:PLAINTEXT,%s:PLAINTEXT,%s:SASL_SSL,%s:SSL",
                        brokerListener, controllerListener, SASL_SSL_LISTENER, MTLS_LISTENER));
        settings.put("inter.broker.listener.name", brokerListener);

        // TLS on both secured listeners: the broker's certificate, and the CA that client
        // certificates must chain to.
        TestCertificates.Store keyStore = certificates.brokerKeyStore();
        TestCertificates.Store trustStore = certificates.trustStore();
        settings.put("ssl.keystore.type", keyStore.type());
        settings.put("ssl.keystore.location", keyStore.location().toString());
        settings.put("ssl.keystore.password", keyStore.password());
        settings.put("ssl.key.password", keyStore.password());
        settings.put("ssl.truststore.type", trustStore.type());
        settings.put("ssl.truststore.location", trustStore.location().toString());
        settings.put("ssl.truststore.password", trustStore.password());
        settings.put("ssl.client.auth", "none");

        // SASL_SSL: SCRAM-SHA-512 only (the default, GSSAPI, would need Kerberos).
        String sasl = "listener.name." + SASL_SSL_LISTENER.toLowerCase() + ".";
        settings.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        settings.put(sasl + "sasl.enabled.mechanisms", SCRAM_MECHANISM);
        settings.put(
                sasl + SCRAM_MECHANISM.toLowerCase() + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");

        // SSL: mutual TLS; the principal is the certificate's CN (else the whole DN,
        // User:CN=..,OU=..,O=..).
        String mtls = "listener.name." + MTLS_LISTENER.toLowerCase() + ".";
        settings.put(mtls + "ssl.client.auth", "required");
        settings.put(mtls + "ssl.principal.mapping.rules", "RULE:^CN=([^,]+).*$/$1/,DEFAULT");

        settings.put(
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        settings.put("allow.everyone.if.no.acl.found", "false");
        settings.put("super.users", "User:ANONYMOUS");
        return settings;
    }

    /** The test kit's PLAINTEXT listener: a super user's, for the test's set-up only. */
    public String adminBootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The SASL_SSL listener (SCRAM-SHA-512): {@code localhost:<port>}. */
    public String saslSslBootstrapServers() {
        return "localhost:" + boundPort(SASL_SSL_LISTENER);
    }

    /** The mutual-TLS listener: {@code localhost:<port>}. */
    public String mtlsBootstrapServers() {
        return "localhost:" + boundPort(MTLS_LISTENER);
    }

    private int boundPort(String listener) {
        return cluster.brokers().values().iterator().next().boundPort(new ListenerName(listener));
    }

    public TestCertificates certificates() {
        return certificates;
    }

    /**
     * Creates (or replaces) a SCRAM-SHA-512 credential and returns once the broker accepts it on
     * the SASL_SSL listener: a credential is usable a moment after the controller has stored it.
     */
    public void createScramUser(String user, String password) throws Exception {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(
                            List.of(
                                    new UserScramCredentialUpsertion(
                                            user,
                                            new ScramCredentialInfo(
                                                    ScramMechanism.SCRAM_SHA_512, 8192),
                                            password)))
                    .all()
                    .get();
        }
        long deadline = System.nanoTime() + SET_UP_TIMEOUT.toNanos();
        Map<String, Object> properties = new HashMap<>(scramClientProperties(user, password));
        properties.put("bootstrap.servers", saslSslBootstrapServers());
        properties.put("default.api.timeout.ms", "10000");
        properties.put("request.timeout.ms", "5000");
        while (true) {
            try (Admin asUser = Admin.create(properties)) {
                // Needs no ACL: any answer but an authentication failure says the credential works.
                asUser.describeCluster().clusterId().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }

    public void createTopics(List<NewTopic> topics)
            throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get();
        }
    }

    /**
     * Creates the ACLs and returns once the broker's authorizer has them all (the broker answers
     * describeAcls from the authorizer that checks the requests).
     */
    public void createAcls(Collection<AclBinding> acls) throws Exception {
        try (Admin admin = admin()) {
            admin.createAcls(acls).all().get();
            long deadline = System.nanoTime() + SET_UP_TIMEOUT.toNanos();
            while (!new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get())
                    .containsAll(acls)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "The broker does not show the new ACLs after " + SET_UP_TIMEOUT);
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Client settings for SASL_SSL with SCRAM-SHA-512, trusting the test CA: a new map each time,
     * without bootstrap.servers ({@link #saslSslBootstrapServers()}).
     */
    public Map<String, String> scramClientProperties(String user, String password) {
        return scramProperties(user, password, certificates.trustStore());
    }

    /**
     * As {@link #scramClientProperties} but trusting only the other CA: the broker's certificate is
     * not trusted.
     */
    public Map<String, String> untrustedScramClientProperties(String user, String password) {
        return scramProperties(user, password, certificates.untrustedTrustStore());
    }

    /**
     * Client settings for mutual TLS with the client certificate {@link TestCertificates#CLIENT_DN}
     * (principal {@link #MTLS_PRINCIPAL}): a new map each time, without bootstrap.servers ({@link
     * #mtlsBootstrapServers()}).
     */
    public Map<String, String> mtlsClientProperties() {
        return mtlsProperties(certificates.clientKeyStore());
    }

    /**
     * As {@link #mtlsClientProperties} but with a client certificate from the other CA (trusting
     * the right one).
     */
    public Map<String, String> untrustedMtlsClientProperties() {
        return mtlsProperties(certificates.untrustedClientKeyStore());
    }

    private static Map<String, String> scramProperties(
            String user, String password, TestCertificates.Store trustStore) {
        Map<String, String> properties = new HashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", SCRAM_MECHANISM);
        properties.put(
                "sasl.jaas.config",
                String.format(
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";",
                        jaasQuoted(user), jaasQuoted(password)));
        putTrustStore(properties, trustStore);
        return properties;
    }

    private Map<String, String> mtlsProperties(TestCertificates.Store keyStore) {
        Map<String, String> properties = new HashMap<>();
        properties.put("security.protocol", "SSL");
        properties.put("ssl.keystore.type", keyStore.type());
        properties.put("ssl.keystore.location", keyStore.location().toString());
        properties.put("ssl.keystore.password", keyStore.password());
        putTrustStore(properties, certificates.trustStore());
        return properties;
    }

    private static void putTrustStore(
            Map<String, String> properties, TestCertificates.Store trustStore) {
        properties.put("ssl.truststore.type", trustStore.type());
        properties.put("ssl.truststore.location", trustStore.location().toString());
        properties.put("ssl.truststore.password", trustStore.password());
    }

    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", adminBootstrapServers());
        return Admin.create(properties);
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.close();
        } finally {
            Utils.delete(directory.toFile());
        }
    }
}
