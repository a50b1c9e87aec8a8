package io.pulse.scoring;

import io.pulse.schema.Alert;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.functions.ScoreSubscriberFunction;
import io.pulse.scoring.functions.SideOutputs;
import io.pulse.scoring.functions.SplitDeadLetters;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.model.ModelArtifact;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The job's topology between its sources and sinks, from decoded input streams to the three output
 * streams. Kept apart from connectors so tests and the local runner can feed it directly.
 */
public final class PulsePipeline {

    /** The three outputs of the job. */
    public record Outputs(
            DataStream<ScoreUpdate> scores,
            DataStream<Alert> alerts,
            DataStream<DeadLetter> deadLetters) {}

    private PulsePipeline() {}

    public static Outputs build(
            DataStream<Decoded<SubscriberEvent>> events,
            DataStream<Decoded<SubscriberProfile>> profiles,
            ScoringConfig config,
            ModelArtifact churnModels,
            String eventsTopic) {
        SingleOutputStreamOperator<SubscriberEvent> validEvents =
                events.process(new SplitDeadLetters<>(TypeInformation.of(SubscriberEvent.class)))
                        .name("Route unreadable events to dead letters")
                        .uid(OperatorIds.SPLIT_EVENTS);
        SingleOutputStreamOperator<SubscriberProfile> validProfiles =
                profiles.process(
                                new SplitDeadLetters<>(TypeInformation.of(SubscriberProfile.class)))
                        .name("Route unreadable profiles to dead letters")
                        .uid(OperatorIds.SPLIT_PROFILES);

        SingleOutputStreamOperator<ScoreUpdate> scores =
                validEvents
                        .keyBy(SubscriberEvent::getSubscriberId)
                        .connect(validProfiles.keyBy(SubscriberProfile::getSubscriberId))
                        .process(new ScoreSubscriberFunction(config, churnModels, eventsTopic))
                        .name("Score subscribers")
                        .uid(OperatorIds.SCORE_SUBSCRIBERS);

        DataStream<DeadLetter> deadLetters =
                validEvents
                        .getSideOutput(SideOutputs.DEAD_LETTERS)
                        .union(
                                validProfiles.getSideOutput(SideOutputs.DEAD_LETTERS),
                                scores.getSideOutput(SideOutputs.DEAD_LETTERS));
        return new Outputs(scores, scores.getSideOutput(SideOutputs.ALERTS), deadLetters);
    }
}
