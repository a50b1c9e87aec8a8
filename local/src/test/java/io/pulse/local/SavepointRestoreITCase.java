package io.pulse.local;

import io.pulse.schema.AccountAlert;
import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.CallScope;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.PulseJob;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.pulse.local.PulseTestKit.encode;
import static io.pulse.local.PulseTestKit.send;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.competitorContact;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrades keep state: this build restores the savepoints that earlier builds of the job took, one
 * per released state layout ({@link SavepointFixture#released()}). Fails when a change to state
 * names, serializers, operator uids or the Avro state schema makes that savepoint unreadable or
 * changes what it holds. State evolution is allowed only by adding Avro fields with defaults.
 */
class SavepointRestoreITCase {

    @TempDir Path work;

    static List<SavepointFixture> fixtures() {
        return SavepointFixture.released();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void thisBuildReadsEveryValueTheFixtureSavepointHolds(SavepointFixture fixture)
            throws Exception {
        Map<String, JsonNode> expected = fixture.readExpectedState();
        Map<String, JsonNode> restored = SavepointFixture.readState(fixture.savepoint);

        assertThat(restored.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
                (subscriber, row) -> assertContains(subscriber, restored.get(subscriber), row));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void theJobRestoresFromTheFixtureAndCarriesOn(SavepointFixture fixture) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            PulseTestKit kit = new PulseTestKit(kafka.bootstrapServers());
            PulseTopics topics = kit.createTopics("fixture", 1);
            // The same topics as the fixture job's: its source offsets in the savepoint point after
            // them.
            List<SubscriberProfile> profiles =
                    SavepointFixture.readLines(fixture.profiles, SubscriberProfile.class);
            List<SubscriberEvent> before =
                    SavepointFixture.readLines(fixture.events, SubscriberEvent.class);
            try (KafkaProducer<byte[], byte[]> producer = kit.producer()) {
                profiles.forEach(
                        p -> send(producer, topics.profiles(), p.getSubscriberId(), encode(p)));
                before.forEach(
                        e -> send(producer, topics.events(), e.getSubscriberId(), encode(e)));
                if (fixture.holdsAnIncident()) {
                    SavepointFixture.readLines(fixture.incidents, NetworkIncident.class)
                            .forEach(
                                    i ->
                                            send(
                                                    producer,
                                                    topics.incidents(),
                                                    i.getArea(),
                                                    encode(i)));
                }
            }

            Configuration conf = PulseTestKit.flinkConfiguration(work);
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, fixture.savepoint.toUri().toString());
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(2, conf);
            PulseJob.build(
                    env,
                    kit.settings(topics, SavepointFixtureWriter.GROUP_ID),
                    PulseTestKit.testConfig());
            JobClient job = env.executeAsync("Pulse scoring (restored from " + fixture.name + ")");
            try {
                try (KafkaProducer<byte[], byte[]> producer = kit.producer()) {
                    // counted before the savepoint: must count once
                    send(
                            producer,
                            topics.events(),
                            SavepointFixture.REPEAT,
                            encode(SavepointFixture.REPEATED_EVENT));
                    send(
                            producer,
                            topics.events(),
                            SavepointFixture.REPEAT,
                            encode(sms("r-2", SavepointFixture.REPEAT, at(20, 10))));
                    // moves event time on, past the silence of quiet-1
                    send(
                            producer,
                            topics.events(),
                            "clock-1",
                            encode(
                                    outgoingCall(
                                            "c-1", "clock-1", at(20, 11), CallScope.LOCAL, 60)));
                }
                List<ScoreUpdate> scores =
                        kit.readUntil(
                                topics.scores(),
                                ScoreUpdate.class,
                                list ->
                                        list.stream()
                                                .anyMatch(
                                                        s ->
                                                                s.getSubscriberId()
                                                                        .equals("clock-1")));
                List<Alert> alerts =
                        kit.readUntil(
                                topics.alerts(),
                                Alert.class,
                                list ->
                                        list.stream()
                                                .anyMatch(
                                                        a ->
                                                                a.getSubscriberId()
                                                                                .equals(
                                                                                        SavepointFixture
                                                                                                .QUIET)
                                                                        && a.getType()
                                                                                == AlertType
                                                                                        .ZERO_ACTIVITY));

                assertThat(scores)
                        .as("the configuration in force at the savepoint")
                        .extracting(ScoreUpdate::getConfigVersion)
                        .containsOnly(fixture.configVersionInForce());
                assertThat(scores)
                        .as("nothing before the savepoint is read again")
                        .allSatisfy(
                                s ->
                                        assertThat(s.getEventTime())
                                                .isGreaterThanOrEqualTo(at(20, 0)));
                assertThat(scores)
                        .filteredOn(s -> s.getSubscriberId().equals(SavepointFixture.REPEAT))
                        .as("the re-sent event is remembered from before the savepoint")
                        .extracting(ScoreUpdate::getEventTime)
                        .containsExactly(at(20, 10));
                Alert silence =
                        alerts.stream()
                                .filter(a -> a.getSubscriberId().equals(SavepointFixture.QUIET))
                                .findFirst()
                                .orElseThrow();
                assertThat(silence.getStatus()).isEqualTo(AlertStatus.OPEN);
                assertThat(silence.getEpisodeStart())
                        .as("the last activity, from restored state")
                        .isEqualTo(at(SavepointFixture.QUIET_LAST_DAY, 9));
                if (fixture.holdsAnIncident()) {
                    assertTheHeldSilenceWaitsForItsIncident(kit, topics, alerts);
                }
                if (fixture.holdsAnAccount()) {
                    assertTheAccountKnowsItsLines(kit, topics);
                }
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The held episode and its incident are restored: six days of event time later the silence is
     * still held (its incident is open in the restored broadcast state); once the incident is
     * resolved, it is handed to the account manager.
     */
    private static void assertTheHeldSilenceWaitsForItsIncident(
            PulseTestKit kit, PulseTopics topics, List<Alert> alertsSoFar) throws Exception {
        assertThat(alertsSoFar)
                .as("nothing for " + SavepointFixture.HELD + " while its incident is open")
                .noneMatch(a -> a.getSubscriberId().equals(SavepointFixture.HELD));
        try (KafkaProducer<byte[], byte[]> producer = kit.producer()) {
            send(
                    producer,
                    topics.incidents(),
                    "north",
                    encode(SavepointFixture.incident(AlertStatus.RESOLVED, at(20, 12))));
        }
        kit.awaitGroupOffset(
                SavepointFixtureWriter.GROUP_ID,
                topics.incidents(),
                SavepointFixture.currentIncidents().size() + 1);
        try (KafkaProducer<byte[], byte[]> producer = kit.producer()) {
            send(
                    producer,
                    topics.events(),
                    "clock-1",
                    encode(outgoingCall("c-2", "clock-1", at(21, 11), CallScope.LOCAL, 60)));
        }
        List<Alert> released =
                kit.readUntil(
                        topics.alerts(),
                        Alert.class,
                        list ->
                                list.stream()
                                        .map(Alert::getSubscriberId)
                                        .anyMatch(SavepointFixture.HELD::equals));
        assertThat(released)
                .filteredOn(a -> a.getSubscriberId().equals(SavepointFixture.HELD))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getType()).isEqualTo(AlertType.ZERO_ACTIVITY);
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.UPDATED);
                            assertThat(a.getIncidentId()).isNull();
                            assertThat(a.getContactAllowed()).isTrue();
                            assertThat(a.getEpisodeStart())
                                    .isEqualTo(at(SavepointFixture.HELD_LAST_DAY, 9));
                            assertThat(a.getEventTime()).isGreaterThanOrEqualTo(at(20, 12));
                        });
    }

    /**
     * The account's watch is restored: an approach to one line is a case of the account's two
     * lines, the other known only from before the savepoint.
     */
    private static void assertTheAccountKnowsItsLines(PulseTestKit kit, PulseTopics topics)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = kit.producer()) {
            send(
                    producer,
                    topics.events(),
                    SavepointFixture.SPEND,
                    encode(
                            competitorContact(
                                    "x-1", SavepointFixture.SPEND, at(21, 13), "RivalTel")));
        }
        List<AccountAlert> cases =
                kit.readUntil(
                        topics.accountAlerts(),
                        AccountAlert.class,
                        list ->
                                list.stream()
                                        .anyMatch(
                                                a -> a.getType() == AlertType.COMPETITOR_CONTACT));
        assertThat(cases)
                .filteredOn(a -> a.getType() == AlertType.COMPETITOR_CONTACT)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getAccountId()).isEqualTo(SavepointFixture.ACCOUNT);
                            assertThat(a.getLines()).as("both lines, one from state").isEqualTo(2);
                            assertThat(a.getLineIds()).containsExactly(SavepointFixture.SPEND);
                        });
    }

    /**
     * Every field the fixture recorded has the same value now; fields added since (with defaults)
     * may be extra.
     */
    private static void assertContains(String path, JsonNode actual, JsonNode expected) {
        assertThat(actual).as(path).isNotNull();
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(path + " is an object").isTrue();
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertContains(
                        path + "." + field.getKey(), actual.get(field.getKey()), field.getValue());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path + " length").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertContains(path + "[" + i + "]", actual.get(i), expected.get(i));
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
