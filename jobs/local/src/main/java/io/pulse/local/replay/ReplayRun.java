package io.pulse.local.replay;

import io.pulse.schema.Alert;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.ValueTier;
import io.pulse.schema.history.HistoryFiles;
import io.pulse.scoring.ProfileWatermarks;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.PulsePipeline;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.model.ModelArtifact;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One replay of a history through the scoring job's topology ({@link PulsePipeline}: the job's
 * deserializer, watermarks, scoring operator with its state and timers) on a local Flink cluster
 * at parallelism 1, in event time, with the job's outputs collected instead of written to Kafka:
 * every alert, and each score as (subscriber, event time, churn probability, value tier).
 */
final class ReplayRun {

    /** What the job published for the history. */
    record Output(List<Alert> alerts, Map<String, ValueTier> tiers, long events, long scores, double seconds) {}

    private ReplayRun() {}

    /**
     * Replays {@code history}; hands every score to {@code scores} as it arrives (there are about as
     * many as events: too many to keep).
     */
    static Output run(Path history, ScoringConfig config, ModelArtifact models, String stateBackend,
                      Consumer<Tuple4<String, Long, Double, String>> scores) throws Exception {
        long events = HistoryFiles.countEvents(history);
        List<SubscriberProfile> profiles = HistoryFiles.readProfiles(history);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(configuration(stateBackend));
        PulseJob.applyInvariants(env);

        DataStream<Decoded<SubscriberEvent>> eventStream = env.fromSequence(0, events - 1)
                .name("History records")
                .uid("replay-indexes")
                .flatMap(new HistoryEvents(history))
                .returns(Decoded.typeInfo(SubscriberEvent.class))
                .name("Decode history events")
                .uid("replay-decode")
                .assignTimestampsAndWatermarks(PulseJob.eventWatermarks(config))
                .name("Event watermarks")
                .uid("replay-watermarks");
        List<Decoded<SubscriberProfile>> decodedProfiles = profiles.stream().map(Decoded::of).toList();
        DataStream<Decoded<SubscriberProfile>> profileStream = env
                .fromData(decodedProfiles, Decoded.typeInfo(SubscriberProfile.class))
                .name("History profiles")
                .uid("replay-profiles")
                .assignTimestampsAndWatermarks(ProfileWatermarks.idle())
                .name("Profile watermarks")
                .uid("replay-profile-watermarks");
        PulsePipeline.Outputs outputs = PulsePipeline.build(eventStream, profileStream, config, models, HistoryEvents.TOPIC);
        CloseableIterator<Alert> alerts = outputs.alerts().collectAsync();
        CloseableIterator<Tuple4<String, Long, Double, String>> scoreTuples = outputs.scores()
                .map(s -> Tuple4.of(s.getSubscriberId(), s.getEventTime(), s.getChurnProbability(), s.getValueTier().name()))
                .returns(Types.TUPLE(Types.STRING, Types.LONG, Types.DOUBLE, Types.STRING))
                .name("Compact scores")
                .uid("replay-compact-scores")
                .collectAsync();
        outputs.deadLetters().sinkTo(new DiscardingSink<>()).name("Discard dead letters").uid("replay-dead-letters");

        long began = System.nanoTime();
        env.executeAsync("Pulse replay of " + history.getFileName());
        CompletableFuture<List<Alert>> collected = CompletableFuture.supplyAsync(() -> drain(alerts));
        Map<String, ValueTier> tiers = new HashMap<>();
        long scoreCount = 0;
        try (scoreTuples) {
            while (scoreTuples.hasNext()) {
                Tuple4<String, Long, Double, String> score = scoreTuples.next();
                tiers.put(score.f0, ValueTier.valueOf(score.f3));
                scores.accept(score);
                scoreCount++;
            }
        }
        List<Alert> alertList = collected.get();
        return new Output(alertList, tiers, events, scoreCount, (System.nanoTime() - began) / 1e9);
    }

    private static List<Alert> drain(CloseableIterator<Alert> alerts) {
        List<Alert> list = new ArrayList<>();
        try (alerts) {
            alerts.forEachRemaining(list::add);
        } catch (Exception e) {
            throw new IllegalStateException("collecting the alerts failed: " + e, e);
        }
        return list;
    }

    private static Configuration configuration(String stateBackend) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }
}
