package io.pulse.local;

import io.pulse.schema.Alert;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.PulseJob;
import io.pulse.simulator.SubscriberSimulator;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.pulse.local.PulseTestKit.encode;
import static io.pulse.local.PulseTestKit.send;
import static io.pulse.scoring.TestEvents.everyScoreConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once through crashes: two copies of the job read the same simulated input from a real
 * broker at the same time. One runs undisturbed; the other loses its task manager twice mid-stream
 * and is once cancelled and started again from its latest retained checkpoint, as an operator would
 * after losing the whole cluster. Their committed output (read_committed) must be the same: every
 * score update and every alert state of every subscriber, in order, none missing and none twice.
 *
 * <p>Both jobs run side by side so that both have the subscriber profiles in state before the first
 * event arrives (two sources race; see {@link PulseTestKit#awaitGroupOffset}).
 */
class CrashRecoveryITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final int SUBSCRIBERS = 150;
    private static final int DAYS = 40;
    private static final int PARTITIONS = 2;
    private static final int CHUNKS = 4;
    private static final String UNDISTURBED = "undisturbed";
    private static final String CRASHING = "crashing";

    @TempDir static Path checkpoints;

    @Test
    void outputAfterTaskFailuresAndAJobRestartEqualsTheUndisturbedRun() throws Exception {
        SubscriberSimulator simulator = new SubscriberSimulator(SUBSCRIBERS, 7, START);
        List<SubscriberProfile> profiles = simulator.profiles();
        List<SubscriberEvent> events = new ArrayList<>();
        for (int hour = 0; hour < DAYS * 24; hour++) {
            events.addAll(simulator.nextHour().events());
        }
        PulseTopics undisturbedTopics = KAFKA.kit().createTopics(UNDISTURBED, PARTITIONS);
        PulseTopics crashingTopics =
                KAFKA.kit().createOutputTopics(undisturbedTopics, CRASHING, PARTITIONS);

        try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
            profiles.forEach(
                    p ->
                            send(
                                    producer,
                                    undisturbedTopics.profiles(),
                                    p.getSubscriberId(),
                                    encode(p)));
        }
        StreamExecutionEnvironment undisturbedEnv =
                StreamExecutionEnvironment.createLocalEnvironment(
                        2, PulseTestKit.flinkConfiguration(checkpoints.resolve(UNDISTURBED)));
        build(undisturbedEnv, undisturbedTopics, UNDISTURBED);
        JobClient undisturbed = undisturbedEnv.executeAsync("Pulse scoring (undisturbed)");
        try (ClusterUnderTest crashing =
                ClusterUnderTest.start(crashingConfiguration(checkpoints.resolve(CRASHING)), 2)) {
            JobID first = startCrashing(crashing, crashingTopics, null);
            KAFKA.kit()
                    .awaitGroupOffset(UNDISTURBED, undisturbedTopics.profiles(), profiles.size());
            KAFKA.kit().awaitGroupOffset(CRASHING, crashingTopics.profiles(), profiles.size());

            int chunk = (events.size() + CHUNKS - 1) / CHUNKS;
            JobID job = first;
            for (int c = 0; c < CHUNKS; c++) {
                long from = (long) c * chunk;
                long to = Math.min(events.size(), from + chunk);
                produce(events.subList((int) from, (int) to), undisturbedTopics.events());
                if (c == CHUNKS - 1) {
                    break;
                }
                // fail once a checkpoint has covered a quarter of this chunk: the rest is in flight
                KAFKA.kit().awaitGroupOffset(CRASHING, crashingTopics.events(), from + chunk / 4);
                if (c < 2) {
                    crashing.loseTaskManager(job);
                } else {
                    String checkpoint = crashing.cancelKeepingLatestCheckpoint(job);
                    job = startCrashing(crashing, crashingTopics, checkpoint);
                }
                assertThat(KAFKA.kit().groupOffset(CRASHING, crashingTopics.events()))
                        .as("the failure came mid-chunk, with records still to process")
                        .isLessThan(to);
            }
            KAFKA.kit().awaitGroupOffset(UNDISTURBED, undisturbedTopics.events(), events.size());
            KAFKA.kit().awaitGroupOffset(CRASHING, crashingTopics.events(), events.size());
            KAFKA.kit()
                    .awaitSettled(
                            Duration.ofSeconds(4),
                            undisturbedTopics.scores(),
                            undisturbedTopics.alerts(),
                            crashingTopics.scores(),
                            crashingTopics.alerts());

            assertThat(crashing.restoredCheckpoint(job))
                    .as("the restarted job restored state")
                    .isPositive();
            assertThat(crashing.status(job)).isEqualTo(JobStatus.RUNNING);
        } finally {
            undisturbed.cancel().get(30, TimeUnit.SECONDS);
        }

        Map<String, List<ScoreUpdate>> expectedScores =
                bySubscriber(
                        KAFKA.kit().readAll(undisturbedTopics.scores(), ScoreUpdate.class),
                        ScoreUpdate::getSubscriberId);
        Map<String, List<ScoreUpdate>> actualScores =
                bySubscriber(
                        KAFKA.kit().readAll(crashingTopics.scores(), ScoreUpdate.class),
                        ScoreUpdate::getSubscriberId);
        Map<String, List<Alert>> expectedAlerts =
                bySubscriber(
                        KAFKA.kit().readAll(undisturbedTopics.alerts(), Alert.class),
                        Alert::getSubscriberId);
        Map<String, List<Alert>> actualAlerts =
                bySubscriber(
                        KAFKA.kit().readAll(crashingTopics.alerts(), Alert.class),
                        Alert::getSubscriberId);
        List<DeadLetter> expectedDeadLetters =
                KAFKA.kit().readAll(undisturbedTopics.deadLetters(), DeadLetter.class);
        List<DeadLetter> actualDeadLetters =
                KAFKA.kit().readAll(crashingTopics.deadLetters(), DeadLetter.class);

        long scoreCount = expectedScores.values().stream().mapToLong(List::size).sum();
        long alertCount = expectedAlerts.values().stream().mapToLong(List::size).sum();
        System.out.printf(
                "%,d events of %d subscribers over %d days: %,d score updates, %,d alert records, %d dead letters%n",
                events.size(),
                SUBSCRIBERS,
                DAYS,
                scoreCount,
                alertCount,
                expectedDeadLetters.size());
        assertThat(scoreCount)
                .as("every counted event publishes a score")
                .isGreaterThan(events.size() * 9L / 10);
        assertThat(
                        expectedAlerts.values().stream()
                                .flatMap(List::stream)
                                .map(Alert::getType)
                                .distinct()
                                .count())
                .as("alert types raised")
                .isGreaterThanOrEqualTo(5);

        assertThat(actualScores.keySet()).isEqualTo(expectedScores.keySet());
        expectedScores.forEach(
                (subscriber, expected) ->
                        assertThat(
                                        withoutProcessingTime(
                                                actualScores.get(subscriber),
                                                CrashRecoveryITCase::scoreCopy))
                                .as("scores of %s", subscriber)
                                .isEqualTo(
                                        withoutProcessingTime(
                                                expected, CrashRecoveryITCase::scoreCopy)));
        assertThat(actualAlerts.keySet()).isEqualTo(expectedAlerts.keySet());
        expectedAlerts.forEach(
                (subscriber, expected) ->
                        assertThat(
                                        withoutProcessingTime(
                                                actualAlerts.get(subscriber),
                                                CrashRecoveryITCase::alertCopy))
                                .as("alerts of %s", subscriber)
                                .isEqualTo(
                                        withoutProcessingTime(
                                                expected, CrashRecoveryITCase::alertCopy)));
        assertThat(withoutProcessingTime(actualDeadLetters, CrashRecoveryITCase::deadLetterCopy))
                .containsExactlyInAnyOrderElementsOf(
                        withoutProcessingTime(
                                expectedDeadLetters, CrashRecoveryITCase::deadLetterCopy));
    }

    private static void produce(List<SubscriberEvent> events, String topic) {
        try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
            events.forEach(e -> send(producer, topic, e.getSubscriberId(), encode(e)));
        }
    }

    private static JobID startCrashing(
            ClusterUnderTest cluster, PulseTopics topics, String restoreFrom) throws Exception {
        JobID job = cluster.submit(2, restoreFrom, env -> build(env, topics, CRASHING));
        cluster.awaitRunning(job);
        return job;
    }

    private static void build(StreamExecutionEnvironment env, PulseTopics topics, String name) {
        // Every counted event publishes a score: the strictest comparison. Partitions go idle after
        // the shipped 60 s, longer than any pause here: a partition declared idle early lets event
        // time run ahead of its next records, and which timers fire before them would then depend
        // on timing, in both runs alike, not on the failures.
        PulseJob.build(env, KAFKA.kit().settings(topics, name), everyScoreConfig());
    }

    /**
     * Restarts from its latest checkpoint after a task manager loss; keeps checkpoints on
     * cancellation.
     */
    private static Configuration crashingConfiguration(Path checkpoints) {
        Configuration conf = PulseTestKit.flinkConfiguration(checkpoints);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        return conf;
    }

    private static <T> Map<String, List<T>> bySubscriber(
            List<T> records, Function<T, String> subscriber) {
        return records.stream()
                .collect(Collectors.groupingBy(subscriber, TreeMap::new, Collectors.toList()));
    }

    /** The records with processing time zeroed: the one field that differs between two runs. */
    private static <T> List<T> withoutProcessingTime(
            List<T> records, Function<T, T> copyWithoutProcessingTime) {
        return records.stream().map(copyWithoutProcessingTime).collect(Collectors.toList());
    }

    private static ScoreUpdate scoreCopy(ScoreUpdate s) {
        return ScoreUpdate.newBuilder(s).setProcessingTime(0).build();
    }

    private static Alert alertCopy(Alert a) {
        return Alert.newBuilder(a).setProcessingTime(0).build();
    }

    private static DeadLetter deadLetterCopy(DeadLetter d) {
        return DeadLetter.newBuilder(d).setProcessingTime(0).build();
    }
}
