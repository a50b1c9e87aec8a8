package io.pulse.local;

import io.pulse.ops.ControlAnswer;
import io.pulse.ops.ControlClient;
import io.pulse.ops.ControlFiles;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.control.ControlAck;
import io.pulse.schema.control.ControlOutcome;
import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.control.ControlArtifact;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.model.ModelArtifact;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.pulse.local.PulseTestKit.encode;
import static io.pulse.local.PulseTestKit.send;
import static io.pulse.scoring.TestEvents.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration and model changed while the job runs, through the control topic and {@code
 * bin/pulse-control}'s client, on a real broker, a MiniCluster at parallelism 2 and RocksDB. Four
 * stretches of traffic: with the files the job started with; after a new configuration (other
 * satisfaction baselines, a fixed churn band); after a new champion model (the public-data model,
 * which the first configuration's precision band refused); and after the job was cancelled and
 * started again from its checkpoint with its original files. Between them, two versions are refused
 * and change nothing.
 *
 * <p>Every score is compared with what the job's scoring logic computes in plain Java with the
 * versions in force at the time ({@link ScoreReplay}), exactly: every score published before a
 * change is the old version's, every one after it the new one's, and both name their versions.
 */
class LiveControlITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final int SUBSCRIBERS = 80;
    private static final int DAYS_A_STRETCH = 6;
    private static final String GROUP = "live-control";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @TempDir static Path checkpoints;

    @Test
    void publishedVersionsScoreFromTheirChangeOnAndSurviveARestart() throws Exception {
        SubscriberSimulator simulator = new SubscriberSimulator(SUBSCRIBERS, 17, START);
        List<SubscriberProfile> profiles = simulator.profiles();
        List<List<SubscriberEvent>> stretches = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            List<SubscriberEvent> events = new ArrayList<>();
            for (int hour = 0; hour < DAYS_A_STRETCH * 24; hour++) {
                events.addAll(simulator.nextHour().events());
            }
            stretches.add(events);
        }
        PulseTopics topics = KAFKA.kit().createTopics(GROUP, 2);
        ScoringConfig config = PulseTestKit.testConfig();
        ModelArtifact models = ChurnScorer.loadModels(config);
        LiveVersions expected = LiveVersions.atStart(config, models);
        ScoreReplay replay = new ScoreReplay(config, models);
        profiles.forEach(replay::profile);

        ControlArtifact newConfig =
                PulseTestKit.testConfigVersion(
                        "live-2",
                        "baseline: {MASS: 75, BUSINESS: 75, KEY_ACCOUNT: 80}",
                        "baseline: {MASS: 65, BUSINESS: 70, KEY_ACCOUNT: 80}",
                        "band: {precision: 0.5}",
                        "band: {probability: 0.4}");
        ControlArtifact outOfRange =
                PulseTestKit.testConfigVersion("live-3", "churn-change: 0", "churn-change: -1");
        ControlArtifact startOnly =
                PulseTestKit.testConfigVersion(
                        "live-4", "out-of-orderness-seconds: 30", "out-of-orderness-seconds: 5");
        ControlArtifact publicModel =
                ControlFiles.read(
                        ControlSlot.CHAMPION, repoFile("config/models/churn-public.json"));
        ControlClient control = KAFKA.kit().control(topics);

        Configuration conf = PulseTestKit.flinkConfiguration(checkpoints);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        long sent = 0;
        try (ClusterUnderTest cluster = ClusterUnderTest.start(conf, 2)) {
            JobID first =
                    cluster.submit(
                            2,
                            env ->
                                    PulseJob.build(
                                            env, KAFKA.kit().settings(topics, GROUP), config));
            cluster.awaitRunning(first);
            try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
                profiles.forEach(
                        p -> send(producer, topics.profiles(), p.getSubscriberId(), encode(p)));
            }
            KAFKA.kit().awaitGroupOffset(GROUP, topics.profiles(), profiles.size());

            sent = stretch(stretches.get(0), topics, replay, sent);

            ControlAnswer accepted = control.publish(newConfig, ANSWER_TIMEOUT);
            assertThat(accepted.accepted()).as(accepted.line()).isTrue();
            assertThat(accepted.ack().getConfigVersion()).isEqualTo("live-2");
            expected = expected.consider(newConfig).versions();
            replay.scoreWith(expected);

            ControlAnswer refused = control.publish(outOfRange, ANSWER_TIMEOUT);
            assertThat(refused.ack().getOutcome()).isEqualTo(ControlOutcome.REFUSED);
            assertThat(refused.ack().getReason()).contains("churn-change");
            assertThat(refused.ack().getConfigVersion()).as("still in force").isEqualTo("live-2");
            ControlAnswer notLive = control.publish(startOnly, ANSWER_TIMEOUT);
            assertThat(notLive.ack().getOutcome()).isEqualTo(ControlOutcome.REFUSED);
            assertThat(notLive.ack().getReason())
                    .contains("time.out-of-orderness-seconds")
                    .contains("savepoint upgrade");

            sent = stretch(stretches.get(1), topics, replay, sent);

            ControlAnswer champion = control.publish(publicModel, ANSWER_TIMEOUT);
            assertThat(champion.accepted()).as(champion.line()).isTrue();
            assertThat(champion.ack().getChampionVersion()).isEqualTo("public-csv-2026.12-1");
            expected = expected.consider(publicModel).versions();
            replay.scoreWith(expected);

            sent = stretch(stretches.get(2), topics, replay, sent);
            cluster.assertRunningAndNeverRestarted(first);
            String checkpoint = cluster.cancelKeepingLatestCheckpoint(first);

            // started again with the same files: the checkpoint brings the published versions
            JobID second =
                    cluster.submit(
                            2,
                            checkpoint,
                            env ->
                                    PulseJob.build(
                                            env, KAFKA.kit().settings(topics, GROUP), config));
            cluster.awaitRunning(second);
            sent = stretch(stretches.get(3), topics, replay, sent);
            KAFKA.kit().awaitSettled(Duration.ofSeconds(3), topics.scores());
            assertThat(cluster.restoredCheckpoint(second)).as("restored from state").isPositive();
        }

        Map<String, List<ScoreUpdate>> published = new LinkedHashMap<>();
        for (ScoreUpdate score : KAFKA.kit().readAll(topics.scores(), ScoreUpdate.class)) {
            published
                    .computeIfAbsent(score.getSubscriberId(), k -> new ArrayList<>())
                    .add(ScoreReplay.withoutProcessingTime(score));
        }
        Map<String, List<ScoreUpdate>> reference = replay.scores();
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
        reference.forEach(
                (subscriber, scores) ->
                        assertThat(published.get(subscriber)).as(subscriber).isEqualTo(scores));

        Map<String, Long> byVersions =
                published.values().stream()
                        .flatMap(List::stream)
                        .collect(
                                Collectors.groupingBy(
                                        s -> s.getConfigVersion() + " / " + s.getModelVersion(),
                                        LinkedHashMap::new,
                                        Collectors.counting()));
        System.out.printf("%,d events; scores by versions: %s%n", sent, byVersions);
        assertThat(byVersions)
                .containsOnlyKeys(
                        "2026.12-1 / sim-2026.12-2",
                        "live-2 / sim-2026.12-2",
                        "live-2 / public-csv-2026.12-1");

        List<ControlAck> answers = control.answers();
        assertThat(answers)
                .extracting(a -> a.getOutcome() + " " + a.getSlot() + " " + a.getVersion())
                .as("each answered once, none again after the restart")
                .containsExactly(
                        "ACCEPTED CONFIG live-2",
                        "REFUSED CONFIG live-3",
                        "REFUSED CONFIG live-4",
                        "ACCEPTED CHAMPION public-csv-2026.12-1");
    }

    /** Sends a stretch of events, feeds the reference, and waits until the job has read them. */
    private static long stretch(
            List<SubscriberEvent> events, PulseTopics topics, ScoreReplay replay, long sent)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
            events.forEach(e -> send(producer, topics.events(), e.getSubscriberId(), encode(e)));
        }
        events.forEach(replay::event);
        long total = sent + events.size();
        KAFKA.kit().awaitGroupOffset(GROUP, topics.events(), total);
        return total;
    }
}
