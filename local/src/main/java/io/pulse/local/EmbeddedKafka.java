package io.pulse.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process), started in
 * this JVM from Kafka's own test kit. Set up for exactly-once: transactions on one node and a
 * transaction timeout ceiling that covers the job's sinks.
 *
 * <p>The test kit binds its listeners to free ports. {@link #start(int)} adds a listener on a fixed
 * port (such as 9092) for tools outside this JVM, e.g. {@code kcat -b localhost:9092}.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** The largest transaction timeout the broker accepts; the job's sinks use at most this. */
    public static final long MAX_TRANSACTION_TIMEOUT_MS = 900_000L;

    /** The usual Kafka port, for {@link #start(int)}. */
    public static final int DEFAULT_HOST_PORT = 9092;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    // The test kit's listener names (TestKitNodes defaults) and our extra fixed-port one.
    private static final String BROKER_LISTENER = "EXTERNAL";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST_LISTENER = "HOST";

    private final KafkaClusterTestKit cluster;
    private final int hostPort;

    private EmbeddedKafka(KafkaClusterTestKit cluster, int hostPort) {
        this.cluster = cluster;
        this.hostPort = hostPort;
    }

    /** A broker on free ports only. */
    public static EmbeddedKafka start() throws Exception {
        return start(0);
    }

    /**
     * A broker that also listens on {@code localhost:hostPort} (0: free ports only). If that port
     * is taken, the broker starts on free ports only and {@link #hostBootstrapServers()} says
     * where.
     */
    public static EmbeddedKafka start(int hostPort) throws Exception {
        if (hostPort > 0) {
            if (portIsFree(hostPort)) {
                try {
                    return new EmbeddedKafka(startCluster(hostPort), hostPort);
                } catch (Exception e) {
                    LOG.warn(
                            "Could not start the broker with a listener on localhost:{} ({}); using a free port instead",
                            hostPort,
                            e.toString());
                }
            } else {
                LOG.warn("Port {} is in use; the broker listens on a free port instead", hostPort);
            }
        }
        return new EmbeddedKafka(startCluster(0), 0);
    }

    /**
     * {@link #start(int)} with System.out muted meanwhile: Kafka's storage formatter prints to it.
     */
    public static EmbeddedKafka startQuietly(int hostPort) throws Exception {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return start(hostPort);
        } finally {
            System.setOut(original);
        }
    }

    private static KafkaClusterTestKit startCluster(int hostPort) throws Exception {
        // Our own data directory: the test kit's default one is deleted by a JVM shutdown hook,
        // under the running broker on Ctrl-C, and the broker then halts the JVM. close() deletes
        // ours.
        Path dataDirectory = Files.createTempDirectory("pulse-kafka-");
        KafkaClusterTestKit.Builder builder =
                new KafkaClusterTestKit.Builder(singleNode(dataDirectory));
        singleNodeSettings().forEach(builder::setConfigProp);
        if (hostPort > 0) {
            // The test kit pre-binds a free port for each of its own listener names, whatever port
            // is configured; a listener with another name binds the port it is given.
            builder.setConfigProp(
                            "listeners",
                            String.format(
                                    "%s://localhost:0,%s://localhost:0,%s://localhost:%d",
                                    BROKER_LISTENER, CONTROLLER_LISTENER, HOST_LISTENER, hostPort))
                    .setConfigProp(
                            "listener.security.protocol.map",
                            String.format(
                                    "%s:PLAINTEXT,%s:PLAINTEXT,%s:PLAINTEXT",
                                    BROKER_LISTENER, CONTROLLER_LISTENER, HOST_LISTENER));
        }
        return started(builder);
    }

    /** One node that is broker and controller, its data in {@code dataDirectory}. */
    public static TestKitNodes singleNode(Path dataDirectory) {
        return new TestKitNodes.Builder()
                .setBaseDirectory(dataDirectory)
                .setCombined(true)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(1)
                // the default is a testing version with unstable APIs
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build();
    }

    /**
     * Builds, formats and starts the cluster, and waits until its brokers are ready; closes it if
     * that fails.
     */
    public static KafkaClusterTestKit started(KafkaClusterTestKit.Builder builder)
            throws Exception {
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * Broker settings for exactly-once on one node: internal topics with one replica, transactions
     * up to {@link #MAX_TRANSACTION_TIMEOUT_MS}, no automatic topics, and records kept whatever
     * their timestamps (backfilled events carry event times weeks old, which the default 7-day
     * retention would delete before the job reads them).
     */
    public static Map<String, String> singleNodeSettings() {
        return Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "4",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "4",
                "transaction.max.timeout.ms", Long.toString(MAX_TRANSACTION_TIMEOUT_MS),
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false",
                "log.retention.ms", "-1");
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where clients in this JVM connect: the test kit's own listener on a free port. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The fixed port given to {@link #start(int)}, if the broker listens on it. */
    public Optional<Integer> hostPort() {
        return hostPort > 0 ? Optional.of(hostPort) : Optional.empty();
    }

    /**
     * Where tools outside this JVM connect: {@code localhost:<fixed port>} if bound, else {@link
     * #bootstrapServers()}.
     */
    public String hostBootstrapServers() {
        return hostPort > 0 ? "localhost:" + hostPort : bootstrapServers();
    }

    /**
     * Creates Pulse's topics: events, profiles and scores compacted where docs/specification.md,
     * section 6 says so.
     */
    public void createPulseTopics(PulseTopics topics, int partitions)
            throws ExecutionException, InterruptedException {
        Map<String, String> compacted =
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        createTopics(
                List.of(
                        new NewTopic(topics.events(), partitions, (short) 1),
                        new NewTopic(topics.profiles(), partitions, (short) 1).configs(compacted),
                        new NewTopic(topics.scores(), partitions, (short) 1).configs(compacted),
                        new NewTopic(topics.alerts(), partitions, (short) 1),
                        new NewTopic(topics.deadLetters(), 1, (short) 1),
                        new NewTopic(topics.incidents(), 1, (short) 1),
                        new NewTopic(topics.accountAlerts(), 1, (short) 1),
                        new NewTopic(topics.control(), 1, (short) 1).configs(compacted),
                        new NewTopic(topics.controlAcks(), 1, (short) 1)));
    }

    public void createTopics(List<NewTopic> topics)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createTopics(topics).all().get();
        }
    }

    private Properties adminProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers());
        return properties;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
