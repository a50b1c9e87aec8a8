package io.pulse.local;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.model.history.FileHistory;
import io.pulse.model.history.History;
import io.pulse.model.history.KafkaHistory;
import io.pulse.model.history.Snapshot;
import io.pulse.model.history.SnapshotReplay;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.WireFormat;
import io.pulse.schema.history.HistoryFiles;
import io.pulse.scoring.TestEvents;
import io.pulse.simulator.HistoryWriter;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.pulse.local.PulseTestKit.encode;
import static io.pulse.local.PulseTestKit.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Training reads the job's own topics: a simulated history put on a real broker, profiles as JSON
 * and events as Avro over three partitions, reads back as the same history its files hold.
 */
class KafkaHistoryITCase {
    private static final String EVENTS = "history-events";
    private static final String PROFILES = "history-profiles";

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    @TempDir static Path dir;

    private static FileHistory files;

    @BeforeAll
    static void putTheHistoryOnTheTopics() throws Exception {
        Path history = dir.resolve("history");
        HistoryWriter.write(history, 150, 3, TestEvents.DAY_0, 45, 0.06, HistoryFiles.Format.JSON);
        files = new FileHistory(history);
        KAFKA.kafka()
                .createTopics(
                        List.of(
                                new NewTopic(EVENTS, 3, (short) 1),
                                new NewTopic(PROFILES, 3, (short) 1)));
        try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
            for (SubscriberProfile profile : files.profiles()) {
                send(
                        producer,
                        PROFILES,
                        profile.getSubscriberId(),
                        WireFormat.JSON.codec(SubscriberProfile.class).encode(profile));
            }
            files.forEachEvent(e -> send(producer, EVENTS, e.getSubscriberId(), encode(e)));
            send(producer, EVENTS, "sub-000001", "not a record".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsTheProfilesAndEverySubscribersEventsInTheirOrder() {
        KafkaHistory kafka = kafkaHistory(EVENTS);

        assertThat(kafka.profiles()).containsExactlyInAnyOrderElementsOf(files.profiles());
        Map<String, List<SubscriberEvent>> fromKafka = eventsBySubscriber(kafka);
        Map<String, List<SubscriberEvent>> fromFiles = eventsBySubscriber(files);
        assertThat(fromKafka.keySet())
                .hasSize(150)
                .containsExactlyInAnyOrderElementsOf(fromFiles.keySet());
        fromFiles.forEach(
                (id, events) ->
                        assertThat(fromKafka.get(id)).as(id).containsExactlyElementsOf(events));
        assertThat(kafka.rejected())
                .hasSize(1)
                .allSatisfy(
                        (reason, count) -> {
                            assertThat(reason).startsWith("unreadable: ");
                            assertThat(count).isEqualTo(1L);
                        });
    }

    @Test
    void givesTheSameTrainingSnapshotsAsTheFiles() {
        List<Snapshot> fromKafka = snapshots(kafkaHistory(EVENTS));
        List<Snapshot> fromFiles = snapshots(files);

        assertThat(fromFiles).hasSizeGreaterThan(150 * 4);
        assertThat(fromKafka).hasSameSizeAs(fromFiles);
        for (int i = 0; i < fromFiles.size(); i++) {
            Snapshot expected = fromFiles.get(i);
            Snapshot actual = fromKafka.get(i);
            assertThat(actual.subscriberId()).isEqualTo(expected.subscriberId());
            assertThat(actual.cutoff()).isEqualTo(expected.cutoff());
            assertThat(actual.terminatedAt()).isEqualTo(expected.terminatedAt());
            assertThat(actual.features())
                    .as(expected.subscriberId())
                    .containsExactly(expected.features());
        }
        assertThat(fromFiles).anySatisfy(s -> assertThat(s.terminatedAt()).isPositive());
    }

    @Test
    void aTopicThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> kafkaHistory("no-such-events").forEachEvent(e -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic no-such-events does not exist");
    }

    private static KafkaHistory kafkaHistory(String eventsTopic) {
        return new KafkaHistory(
                KafkaClientSettings.plaintext(KAFKA.kafka().bootstrapServers()),
                eventsTopic,
                PROFILES);
    }

    private static Map<String, List<SubscriberEvent>> eventsBySubscriber(History history) {
        Map<String, List<SubscriberEvent>> events = new LinkedHashMap<>();
        history.forEachEvent(
                e -> events.computeIfAbsent(e.getSubscriberId(), id -> new ArrayList<>()).add(e));
        return events;
    }

    private static List<Snapshot> snapshots(History history) {
        SnapshotReplay replay =
                new SnapshotReplay(PulseTestKit.testConfig(), history.profiles(), 7, 7);
        history.forEachEvent(replay::accept);
        return replay.finish();
    }
}
