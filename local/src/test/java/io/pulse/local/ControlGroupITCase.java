package io.pulse.local;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.Route;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.alerts.ControlGroup;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.simulator.SubscriberSimulator;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.pulse.local.PulseTestKit.encode;
import static io.pulse.local.PulseTestKit.send;
import static io.pulse.scoring.TestEvents.repoFile;
import static io.pulse.scoring.TestEvents.shippedConfigText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control group through a restart at another parallelism: the job runs on one slot, is
 * cancelled keeping its latest checkpoint and started again from it on two, with a control group of
 * 30% configured all along. Every alert of the retention team is marked by membership alone, the
 * same before and after, and a member's alert is never one to act on.
 */
class ControlGroupITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final int SUBSCRIBERS = 200;
    private static final int DAYS = 50;
    private static final String GROUP = "control-group";

    @TempDir static Path checkpoints;

    private static ScoringConfig config() {
        return ScoringConfig.parse(
                shippedConfigText()
                        .replace("idleness-seconds: 60", "idleness-seconds: 1")
                        .replace("    fraction: 0\n", "    fraction: 0.3\n"),
                repoFile("config"));
    }

    @Test
    void membershipIsTheSameAfterARestartAtAnotherParallelism() throws Exception {
        SubscriberSimulator simulator = new SubscriberSimulator(SUBSCRIBERS, 13, START);
        List<SubscriberProfile> profiles = simulator.profiles();
        List<SubscriberEvent> events = new ArrayList<>();
        for (int hour = 0; hour < DAYS * 24; hour++) {
            events.addAll(simulator.nextHour().events());
        }
        PulseTopics topics = KAFKA.kit().createTopics(GROUP, 2);
        try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
            profiles.forEach(
                    p -> send(producer, topics.profiles(), p.getSubscriberId(), encode(p)));
        }
        ScoringConfig config = config();
        Configuration conf = PulseTestKit.flinkConfiguration(checkpoints);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        int half = events.size() / 2;
        long restartTime;
        try (ClusterUnderTest cluster = ClusterUnderTest.start(conf, 2)) {
            JobID first =
                    cluster.submit(
                            1,
                            env ->
                                    PulseJob.build(
                                            env, KAFKA.kit().settings(topics, GROUP), config));
            cluster.awaitRunning(first);
            produce(events.subList(0, half), topics.events());
            KAFKA.kit().awaitGroupOffset(GROUP, topics.events(), half);
            String checkpoint = cluster.cancelKeepingLatestCheckpoint(first);
            restartTime = events.get(half - 1).getEventTime();

            JobID second =
                    cluster.submit(
                            2,
                            checkpoint,
                            env ->
                                    PulseJob.build(
                                            env, KAFKA.kit().settings(topics, GROUP), config));
            cluster.awaitRunning(second);
            produce(events.subList(half, events.size()), topics.events());
            KAFKA.kit().awaitGroupOffset(GROUP, topics.events(), events.size());
            KAFKA.kit().awaitSettled(Duration.ofSeconds(4), topics.alerts());
            assertThat(cluster.restoredCheckpoint(second)).as("restored from state").isPositive();
        }

        ControlGroup group = new ControlGroup(config.alerts().controlGroup());
        List<Alert> alerts = KAFKA.kit().readAll(topics.alerts(), Alert.class);
        List<Alert> retention =
                alerts.stream()
                        .filter(a -> a.getRoute() == Route.RETENTION_TEAM)
                        .collect(Collectors.toList());
        assertThat(retention)
                .allSatisfy(
                        a -> {
                            assertThat(a.getControl())
                                    .as("%s of %s", a.getType(), a.getSubscriberId())
                                    .isEqualTo(group.holds(a.getSubscriberId()));
                            if (a.getControl()) {
                                assertThat(a.getContactAllowed()).isFalse();
                            }
                        });
        assertThat(alerts)
                .filteredOn(a -> a.getRoute() != Route.RETENTION_TEAM)
                .allSatisfy(a -> assertThat(a.getControl()).isFalse());
        Set<String> membersBefore = membersOpened(retention, Long.MIN_VALUE, restartTime);
        Set<String> membersAfter = membersOpened(retention, restartTime, Long.MAX_VALUE);
        System.out.printf(
                "%,d alerts, %,d to the retention team; members alerted before the restart %d, after %d%n",
                alerts.size(), retention.size(), membersBefore.size(), membersAfter.size());
        assertThat(membersBefore).as("members alerted before the restart").isNotEmpty();
        assertThat(membersAfter).as("members alerted after the restart").isNotEmpty();
        assertThat(
                        retention.stream()
                                .filter(a -> a.getStatus() == AlertStatus.OPEN)
                                .filter(a -> !a.getControl())
                                .count())
                .as("others' retention alerts")
                .isPositive();
    }

    private static Set<String> membersOpened(List<Alert> retention, long from, long until) {
        return retention.stream()
                .filter(a -> a.getStatus() == AlertStatus.OPEN && a.getControl())
                .filter(a -> a.getEventTime() > from && a.getEventTime() <= until)
                .map(Alert::getSubscriberId)
                .collect(Collectors.toSet());
    }

    private static void produce(List<SubscriberEvent> events, String topic) {
        try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
            events.forEach(e -> send(producer, topic, e.getSubscriberId(), encode(e)));
        }
    }
}
