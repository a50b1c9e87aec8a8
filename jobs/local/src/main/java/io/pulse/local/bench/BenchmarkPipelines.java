package io.pulse.local.bench;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.PulsePipeline;
import io.pulse.scoring.ProfileWatermarks;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.functions.SplitDeadLetters;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.model.ModelArtifact;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The two pipelines a benchmark run compares on the same input, at parallelism 1: one core's
 * work. Both read the pre-encoded stream through the job's own Kafka deserializer and watermarks,
 * as one Kafka partition would deliver it:
 *
 * <ul>
 *   <li>{@link #FLOOR}: read, decode, key by subscriber, discard. What any keyed job on this input
 *       costs at least.
 *   <li>{@link #FULL}: the scoring job's topology ({@link PulsePipeline}) with its RocksDB state,
 *       timers and all three outputs, which are discarded instead of written to Kafka.
 * </ul>
 */
enum BenchmarkPipelines {
    FLOOR {
        @Override
        void build(StreamExecutionEnvironment env, EncodedEvents events, ScoringConfig config, ModelArtifact models) {
            decodedEvents(env, events, config)
                    .process(new SplitDeadLetters<>(TypeInformation.of(SubscriberEvent.class)))
                    .name("Route unreadable events to dead letters")
                    .uid("bench-split")
                    .keyBy(SubscriberEvent::getSubscriberId)
                    .sinkTo(new DiscardingSink<>())
                    .name("Discard")
                    .uid("bench-discard");
        }
    },
    FULL {
        @Override
        void build(StreamExecutionEnvironment env, EncodedEvents events, ScoringConfig config, ModelArtifact models) {
            List<Decoded<SubscriberProfile>> profiles =
                    events.profiles().stream().map(Decoded::of).collect(Collectors.toList());
            DataStream<Decoded<SubscriberProfile>> profileStream = env
                    .fromData(profiles, Decoded.typeInfo(SubscriberProfile.class))
                    .name("Subscriber profiles")
                    .uid("bench-profiles")
                    .assignTimestampsAndWatermarks(ProfileWatermarks.idle())
                    .name("Profile watermarks")
                    .uid("bench-profile-watermarks");
            PulsePipeline.Outputs outputs =
                    PulsePipeline.build(decodedEvents(env, events, config), profileStream, config, models, "subscriber-events");
            outputs.scores().sinkTo(new DiscardingSink<>()).name("Discard scores").uid("bench-discard-scores");
            outputs.alerts().sinkTo(new DiscardingSink<>()).name("Discard alerts").uid("bench-discard-alerts");
            outputs.deadLetters().sinkTo(new DiscardingSink<>()).name("Discard dead letters").uid("bench-discard-dead-letters");
        }
    };

    abstract void build(StreamExecutionEnvironment env, EncodedEvents events, ScoringConfig config, ModelArtifact models);

    /** The stream in order, as the job's Kafka source emits it. */
    private static DataStream<Decoded<SubscriberEvent>> decodedEvents(
            StreamExecutionEnvironment env, EncodedEvents events, ScoringConfig config) {
        return env.fromSequence(0, events.size() - 1)
                .name("Encoded events")
                .uid("bench-events")
                .flatMap(new EncodedEvents.Decode())
                .returns(Decoded.typeInfo(SubscriberEvent.class))
                .name("Decode events")
                .uid("bench-decode")
                .assignTimestampsAndWatermarks(PulseJob.eventWatermarks(config))
                .name("Event watermarks")
                .uid("bench-watermarks");
    }
}
