package io.pulse.local;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.PulseJob;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import static io.pulse.local.PulseTestKit.encode;
import static io.pulse.local.PulseTestKit.send;
import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.HOUR;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident loop through Kafka, on a real broker and a MiniCluster with RocksDB: the areas'
 * watch publishes a region's outage on the incidents topic, the job reads it back, and the silence
 * of the region's subscribers is held back from the retention team while it lasts.
 *
 * <p>Two regions of 25 subscribers, each active every hour for two weeks. Then the north goes
 * silent for nine days (an outage): its subscribers' seven-day silences fall due inside it. When
 * the outage ends, 20 come back and 5 stay silent. In the south, one subscriber falls silent for
 * good on day 12, alone: that is ordinary silence. The input is produced in three parts, each
 * waiting until the job has read back the incident records the part before it caused (the job's
 * committed offsets on the incidents topic), as a job that runs in real time would have them long
 * before the silences fall due.
 */
class IncidentHoldingITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    private static final String GROUP_ID = "pulse-incidents-it";
    private static final int PER_REGION = 25;
    private static final int STAY_SILENT = 5;
    private static final int OUTAGE_FROM_DAY = 14;
    private static final int OUTAGE_UNTIL_DAY = 23;
    private static final int LAST_DAY = 26;
    private static final String INCIDENT = "north@" + at(OUTAGE_FROM_DAY, 0);
    private static PulseTopics topics;

    @TempDir static Path checkpoints;

    @BeforeAll
    static void setUp() throws Exception {
        topics = KAFKA.kit().createTopics("held", 1);
    }

    @Test
    void anOutagesSilenceIsHeldBackUntilItEndsAndOrdinarySilenceIsNot() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
            for (int i = 0; i < PER_REGION; i++) {
                send(producer, topics.profiles(), north(i), encode(profileIn(north(i), "north")));
                send(producer, topics.profiles(), south(i), encode(profileIn(south(i), "south")));
            }
        }
        JobClient job = startJob();
        try {
            KAFKA.kit().awaitGroupOffset(GROUP_ID, topics.profiles(), 2 * PER_REGION);
            produceHours(0, (OUTAGE_FROM_DAY + 2) * 24);
            List<NetworkIncident> opened =
                    readIncidentsUntil(
                            list -> list.stream().anyMatch(i -> is(i, AlertStatus.OPEN)));
            assertThat(opened.get(0).getIncidentId()).isEqualTo(INCIDENT);
            awaitIncidentsReadBack();

            produceHours((OUTAGE_FROM_DAY + 2) * 24, OUTAGE_UNTIL_DAY * 24 + 5);
            readIncidentsUntil(list -> list.stream().anyMatch(i -> is(i, AlertStatus.RESOLVED)));
            awaitIncidentsReadBack();

            produceHours(OUTAGE_UNTIL_DAY * 24 + 5, LAST_DAY * 24);
            List<Alert> alerts =
                    KAFKA.kit()
                            .readUntil(
                                    topics.alerts(),
                                    Alert.class,
                                    list ->
                                            count(list, AlertStatus.UPDATED, null) >= STAY_SILENT
                                                    && list.stream()
                                                            .anyMatch(
                                                                    a ->
                                                                            a.getSubscriberId()
                                                                                    .equals(
                                                                                            south(
                                                                                                    PER_REGION
                                                                                                            - 1))));
            assertHeldAndReleased(alerts);
            List<NetworkIncident> incidents =
                    KAFKA.kit().readAll(topics.incidents(), NetworkIncident.class);
            assertThat(incidents)
                    .as("one incident, for the north, opened and resolved once")
                    .allSatisfy(i -> assertThat(i.getIncidentId()).isEqualTo(INCIDENT))
                    .filteredOn(i -> i.getStatus() != AlertStatus.UPDATED)
                    .extracting(NetworkIncident::getStatus)
                    .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static void assertHeldAndReleased(List<Alert> alerts) {
        List<Alert> silences =
                alerts.stream().filter(a -> a.getType() == AlertType.ZERO_ACTIVITY).toList();
        List<Alert> northOpened =
                silences.stream()
                        .filter(a -> a.getSubscriberId().startsWith("north"))
                        .filter(a -> a.getStatus() == AlertStatus.OPEN)
                        .toList();
        assertThat(northOpened)
                .as("every north subscriber's silence, held by the incident")
                .hasSize(PER_REGION)
                .allSatisfy(
                        a -> {
                            assertThat(a.getIncidentId()).isEqualTo(INCIDENT);
                            assertThat(a.getContactAllowed()).isFalse();
                            assertThat(a.getEventTime())
                                    .isBetween(at(OUTAGE_FROM_DAY, 0), at(OUTAGE_UNTIL_DAY, 0));
                        });
        assertThat(
                        silences.stream()
                                .filter(a -> a.getSubscriberId().startsWith("north"))
                                .filter(a -> a.getStatus() == AlertStatus.RESOLVED))
                .as("those who came back: resolved, never contacted")
                .hasSize(PER_REGION - STAY_SILENT)
                .allSatisfy(
                        a -> {
                            assertThat(a.getOutcome()).isEqualTo("ACTIVITY_RESUMED");
                            assertThat(a.getIncidentId()).isEqualTo(INCIDENT);
                            assertThat(a.getContactAllowed()).isFalse();
                        });
        assertThat(silences.stream().filter(a -> a.getStatus() == AlertStatus.UPDATED))
                .as("those still silent after the incident: treated as usual again")
                .hasSize(STAY_SILENT)
                .allSatisfy(
                        a -> {
                            assertThat(a.getIncidentId()).isNull();
                            assertThat(a.getContactAllowed()).isTrue();
                            assertThat(a.getRoute()).isEqualTo(Route.RETENTION_TEAM);
                            assertThat(a.getEventTime()).isGreaterThan(at(OUTAGE_UNTIL_DAY, 0));
                            assertThat(Integer.parseInt(a.getSubscriberId().substring(6)))
                                    .isGreaterThanOrEqualTo(PER_REGION - STAY_SILENT);
                        });
        assertThat(silences.stream().filter(a -> a.getSubscriberId().startsWith("south")))
                .as("the south's lone silence, raised as usual")
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getSubscriberId()).isEqualTo(south(PER_REGION - 1));
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
                            assertThat(a.getIncidentId()).isNull();
                            assertThat(a.getContactAllowed()).isTrue();
                        });
        assertThat(
                        alerts.stream()
                                .filter(a -> a.getSubscriberId().startsWith("north"))
                                .filter(a -> a.getIncidentId() == null)
                                .filter(a -> a.getContactAllowed())
                                .filter(a -> a.getEventTime() < at(OUTAGE_UNTIL_DAY, 0))
                                .filter(
                                        a ->
                                                Set.of(
                                                                AlertType.ZERO_ACTIVITY,
                                                                AlertType.USAGE_DROP,
                                                                AlertType.CHURN_RISK)
                                                        .contains(a.getType())))
                .as("no retention contact for the north while the incident was open")
                .isEmpty();
    }

    /** Every subscriber's hourly message in hours [from, until) since day 0, but the silent. */
    private static void produceHours(int from, int until) {
        try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
            for (int hour = from; hour < until; hour++) {
                int h = hour;
                boolean outage = hour >= OUTAGE_FROM_DAY * 24 && hour < OUTAGE_UNTIL_DAY * 24;
                IntPredicate northActive =
                        i -> !outage && (h < OUTAGE_UNTIL_DAY * 24 || i < PER_REGION - STAY_SILENT);
                IntStream.range(0, PER_REGION)
                        .filter(northActive)
                        .forEach(i -> message(producer, north(i), h, i));
                IntStream.range(0, PER_REGION)
                        .filter(i -> i < PER_REGION - 1 || h < 12 * 24)
                        .forEach(i -> message(producer, south(i), h, i));
            }
        }
    }

    private static void message(
            KafkaProducer<byte[], byte[]> producer, String subscriber, int hour, int minute) {
        long time = at(0, 0) + hour * HOUR + minute * 60_000L;
        send(
                producer,
                topics.events(),
                subscriber,
                encode(sms(subscriber + "-" + hour, subscriber, time)));
    }

    private static List<NetworkIncident> readIncidentsUntil(
            java.util.function.Predicate<List<NetworkIncident>> done) throws Exception {
        return KAFKA.kit().readUntil(topics.incidents(), NetworkIncident.class, done);
    }

    /**
     * Waits until the job has committed its offsets past the incident records so far: a checkpoint
     * completed after the scoring operator had them.
     */
    private static void awaitIncidentsReadBack() throws Exception {
        KAFKA.kit()
                .awaitGroupOffset(
                        GROUP_ID,
                        topics.incidents(),
                        KAFKA.kit().offsetsPastLastRecord(topics.incidents()));
    }

    private static boolean is(NetworkIncident incident, AlertStatus status) {
        return incident.getStatus() == status;
    }

    private static long count(List<Alert> alerts, AlertStatus status, String incidentId) {
        return alerts.stream()
                .filter(a -> a.getType() == AlertType.ZERO_ACTIVITY)
                .filter(a -> a.getStatus() == status)
                .filter(a -> java.util.Objects.equals(a.getIncidentId(), incidentId))
                .count();
    }

    private static SubscriberProfile profileIn(String subscriber, String region) {
        return SubscriberProfile.newBuilder(profile(subscriber, Segment.MASS, DAY_0))
                .setRegion(region)
                .build();
    }

    private static String north(int i) {
        return String.format("north-%02d", i);
    }

    private static String south(int i) {
        return String.format("south-%02d", i);
    }

    private static JobClient startJob() throws Exception {
        Configuration conf = PulseTestKit.flinkConfiguration(checkpoints);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
        PulseJob.build(env, KAFKA.kit().settings(topics, GROUP_ID), PulseTestKit.testConfig());
        return env.executeAsync("Pulse scoring (incident holding test)");
    }
}
