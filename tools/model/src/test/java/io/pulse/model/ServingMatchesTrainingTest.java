package io.pulse.model;

import io.pulse.model.replay.FeatureReplay;
import io.pulse.model.replay.LabelledSubscriber;
import io.pulse.model.replay.LabelledSubscriber.Band;
import io.pulse.model.replay.SubscriberReplay;
import io.pulse.schema.ModelScore;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.control.ControlRecord;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.features.Feature;
import io.pulse.scoring.functions.ScoreSubscriberFunction;
import io.pulse.scoring.functions.SubscriberInputs;
import io.pulse.scoring.model.ChurnModel;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelSpec;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training and serving compute the same features: labelled subscribers replayed through the job's
 * scoring operator (Flink's harness, RocksDB state, Avro serializers) get exactly the churn
 * probabilities that the trained models give on the features the {@code train} command computes.
 */
class ServingMatchesTrainingTest {

    @Test
    void theJobScoresReplayedSubscribersExactlyAsTrainingSawThem() throws Exception {
        // every event publishes a score, so the score of the last event is observable
        ScoringConfig config = TestEvents.everyScoreConfig();
        ModelArtifact models = ChurnScorer.loadModels(config);
        List<LabelledSubscriber> subscribers = randomSubscribers(40, new Random(7));

        Map<String, ScoreUpdate> online = scoreThroughTheJob(config, models, subscribers);

        FeatureReplay replay = new FeatureReplay(config);
        assertThat(online).hasSize(subscribers.size());
        for (LabelledSubscriber s : subscribers) {
            double[] features = replay.replay(s).features();
            assertThat(features).hasSize(Feature.count());
            ScoreUpdate score = online.get(s.id());
            for (ModelSpec spec : models.models()) {
                double offline = ChurnModel.of(spec).predict(features, new double[features.length]);
                assertThat(modelScore(score, spec.name()).getProbability())
                        .as("%s for %s", spec.name(), s)
                        .isEqualTo(offline);
            }
        }
        // not a constant: the subscribers get different scores
        assertThat(
                        online.values().stream()
                                .mapToDouble(ScoreUpdate::getChurnProbability)
                                .distinct()
                                .count())
                .isGreaterThan(5);
    }

    private static Map<String, ScoreUpdate> scoreThroughTheJob(
            ScoringConfig config, ModelArtifact models, List<LabelledSubscriber> subscribers)
            throws Exception {
        Map<String, ScoreUpdate> last = new LinkedHashMap<>();
        try (KeyedTwoInputStreamOperatorTestHarness<
                        String,
                        Either<SubscriberEvent, SubscriberProfile>,
                        Either<ControlRecord, NetworkIncident>,
                        ScoreUpdate>
                harness =
                        new KeyedTwoInputStreamOperatorTestHarness<>(
                                new CoBroadcastWithKeyedOperator<>(
                                        new ScoreSubscriberFunction(
                                                LiveVersions.atStart(config, models),
                                                "subscriber-events"),
                                        List.of(
                                                ScoreSubscriberFunction.CONTROL_VERSIONS,
                                                ScoreSubscriberFunction.KNOWN_INCIDENTS)),
                                SubscriberInputs::subscriberId,
                                null,
                                Types.STRING)) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
            harness.open();
            for (LabelledSubscriber s : subscribers) {
                harness.processElement1(
                        new StreamRecord<>(SubscriberInputs.profile(SubscriberReplay.profile(s))));
                for (SubscriberEvent e : SubscriberReplay.events(s)) {
                    harness.processElement1(
                            new StreamRecord<>(SubscriberInputs.event(e), e.getEventTime()));
                }
            }
            for (ScoreUpdate score : harness.extractOutputValues()) {
                last.put(score.getSubscriberId(), score);
            }
        }
        return last;
    }

    private static ModelScore modelScore(ScoreUpdate score, String model) {
        return score.getModelScores().stream()
                .filter(m -> m.getModel().equals(model))
                .findFirst()
                .orElseThrow();
    }

    /** Rows in the ranges of the public churn set, drawn at random (no copy of any data set). */
    static List<LabelledSubscriber> randomSubscribers(int n, Random random) {
        List<LabelledSubscriber> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(
                    new LabelledSubscriber(
                            "random-" + i,
                            1 + random.nextInt(240),
                            random.nextInt(10) == 0,
                            random.nextInt(4) == 0,
                            band(random, 100, 180, 0.17),
                            band(random, 100, 200, 0.085),
                            band(random, 100, 200, 0.045),
                            band(random, 4, 10, 0.27),
                            random.nextInt(6),
                            random.nextBoolean()));
        }
        return rows;
    }

    private static Band band(Random random, int calls, double minutes, double pricePerMinute) {
        double m = Math.round(minutes * 2 * random.nextDouble() * 10) / 10.0;
        return new Band(
                random.nextInt(2 * calls + 1), m, Math.round(m * pricePerMinute * 100) / 100.0);
    }
}
