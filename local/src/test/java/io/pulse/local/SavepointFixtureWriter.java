package io.pulse.local;

import io.pulse.ops.ControlAnswer;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.PulseJob;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.pulse.local.PulseTestKit.encode;
import static io.pulse.local.PulseTestKit.send;

/**
 * Writes {@link SavepointFixture#CURRENT}: runs the job of this build through a real broker on the
 * fixture's input, stops it with a savepoint (canonical format, portable across state backends) and
 * stores the savepoint, the input and the state it holds. Run when a release fixes a new state
 * layout, from the repository root:
 *
 * <pre>
 * mvn -pl local test-compile exec:exec@savepoint-fixture
 * </pre>
 */
public final class SavepointFixtureWriter {
    static final String GROUP_ID = "pulse-fixture";

    private SavepointFixtureWriter() {}

    public static void main(String[] args) throws Exception {
        SavepointFixture fixture = SavepointFixture.CURRENT;
        Path directory = fixture.directory;
        if (Files.exists(directory)) {
            throw new IllegalStateException(
                    directory
                            + " exists: a released fixture stays; a new state layout adds a "
                            + "fixture (SavepointFixture.CURRENT)");
        }
        List<SubscriberProfile> profiles = SavepointFixture.currentProfiles();
        List<SubscriberEvent> events = SavepointFixture.currentEvents();
        List<NetworkIncident> incidents = SavepointFixture.currentIncidents();
        Path work = Files.createTempDirectory("pulse-fixture-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            PulseTestKit kit = new PulseTestKit(kafka.bootstrapServers());
            PulseTopics topics = kit.createTopics("fixture", 1);
            try (KafkaProducer<byte[], byte[]> producer = kit.producer()) {
                profiles.forEach(
                        p -> send(producer, topics.profiles(), p.getSubscriberId(), encode(p)));
                incidents.forEach(i -> send(producer, topics.incidents(), i.getArea(), encode(i)));
            }
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(
                            2, PulseTestKit.flinkConfiguration(work.resolve("checkpoints")));
            PulseJob.build(env, kit.settings(topics, GROUP_ID), PulseTestKit.testConfig());
            JobClient job = env.executeAsync("Pulse scoring (savepoint fixture)");
            kit.awaitGroupOffset(GROUP_ID, topics.profiles(), profiles.size());
            kit.awaitGroupOffset(GROUP_ID, topics.incidents(), incidents.size());
            try (KafkaProducer<byte[], byte[]> producer = kit.producer()) {
                events.forEach(
                        e -> send(producer, topics.events(), e.getSubscriberId(), encode(e)));
            }
            kit.awaitGroupOffset(GROUP_ID, topics.events(), events.size());
            kit.awaitSettled(Duration.ofSeconds(3), topics.scores(), topics.alerts());
            ControlAnswer live =
                    kit.control(topics)
                            .publish(SavepointFixture.liveConfig(), Duration.ofSeconds(60));
            if (!live.accepted()) {
                throw new IllegalStateException("the fixture's live configuration: " + live.line());
            }
            String savepoint =
                    job.stopWithSavepoint(
                                    false,
                                    work.resolve("savepoints").toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(60, TimeUnit.SECONDS);

            Files.createDirectories(directory);
            copyTree(Path.of(java.net.URI.create(savepoint)), fixture.savepoint);
            SavepointFixture.writeLines(fixture.profiles, profiles, SubscriberProfile.class);
            SavepointFixture.writeLines(fixture.events, events, SubscriberEvent.class);
            SavepointFixture.writeLines(fixture.incidents, incidents, NetworkIncident.class);
            Map<String, JsonNode> state = SavepointFixture.readState(fixture.savepoint);
            JsonNode quiet = state.get(SavepointFixture.QUIET);
            if (quiet.get("timers").isEmpty() || !quiet.get("state").get("episodes").isEmpty()) {
                throw new IllegalStateException(
                        "the fixture needs "
                                + SavepointFixture.QUIET
                                + "'s silence still due in the savepoint, found "
                                + quiet);
            }
            JsonNode profileOnly = state.get(SavepointFixture.PROFILE_ONLY);
            if (profileOnly.get("timers").size() != 1 || !profileOnly.get("state").isNull()) {
                throw new IllegalStateException(
                        "the fixture needs "
                                + SavepointFixture.PROFILE_ONLY
                                + " as a profile with its expiry timer, found "
                                + profileOnly);
            }
            JsonNode held = state.get(SavepointFixture.HELD).get("state").get("episodes");
            if (held.isEmpty() || !held.toString().contains(SavepointFixture.HELD_BY)) {
                throw new IllegalStateException(
                        "the fixture needs "
                                + SavepointFixture.HELD
                                + "'s silence held by "
                                + SavepointFixture.HELD_BY
                                + ", found "
                                + held);
            }
            SavepointFixture.writeState(fixture.state, state);
            System.out.printf(
                    "Wrote %s: %d subscribers in state, %d events, %d profiles%n",
                    directory, state.size(), events.size(), profiles.size());
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
