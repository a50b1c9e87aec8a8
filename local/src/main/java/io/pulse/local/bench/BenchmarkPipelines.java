package io.pulse.local.bench;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.IdleWatermarks;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.PulsePipeline;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.functions.SplitDeadLetters;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.model.ModelArtifact;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two pipelines a benchmark run compares on the same input, at parallelism 1: one core's work.
 * Both read the event records through the job's own Kafka deserializer and watermarks, as one Kafka
 * partition would deliver them:
 *
 * <ul>
 *   <li>{@link #FLOOR}: read, decode, key by subscriber, discard. What any keyed job on this input
 *       costs at least.
 *   <li>{@link #FULL}: the scoring job's topology ({@link PulsePipeline}) with its state, timers
 *       and all three outputs, which are discarded instead of written to Kafka.
 * </ul>
 */
enum BenchmarkPipelines {
    FLOOR {
        @Override
        void build(
                StreamExecutionEnvironment env,
                Input input,
                ScoringConfig config,
                ModelArtifact models) {
            decodedEvents(env, input, config)
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
        void build(
                StreamExecutionEnvironment env,
                Input input,
                ScoringConfig config,
                ModelArtifact models) {
            DataStream<Decoded<SubscriberProfile>> profileStream =
                    profiles(env, input.profiles())
                            .assignTimestampsAndWatermarks(IdleWatermarks.forProfiles())
                            .name("Profile watermarks")
                            .uid("bench-profile-watermarks");
            PulsePipeline.Outputs outputs =
                    PulsePipeline.build(
                            decodedEvents(env, input, config),
                            profileStream,
                            PulsePipeline.noControl(env),
                            PulsePipeline.noIncidents(env),
                            LiveVersions.atStart(config, models),
                            EventRecords.TOPIC);
            outputs.scores()
                    .sinkTo(new DiscardingSink<>())
                    .name("Discard scores")
                    .uid("bench-discard-scores");
            outputs.alerts()
                    .sinkTo(new DiscardingSink<>())
                    .name("Discard alerts")
                    .uid("bench-discard-alerts");
            outputs.deadLetters()
                    .sinkTo(new DiscardingSink<>())
                    .name("Discard dead letters")
                    .uid("bench-discard-dead-letters");
        }
    };

    /** The scoring operator's name (PulsePipeline), under which its metrics are found. */
    static final String SCORER = "Score subscribers";

    /** What a pipeline reads: the event records, and the profiles read alongside them. */
    record Input(Events events, List<SubscriberProfile> profiles) {}

    /** Event records, as the job's Kafka source emits them, decoded by its own deserializer. */
    interface Events {
        DataStream<Decoded<SubscriberEvent>> decoded(StreamExecutionEnvironment env);
    }

    /** Records in memory, read by index from a held or ending sequence. */
    record HeldRecords(EventRecords records, HeldSequenceSource indexes) implements Events {
        @Override
        public DataStream<Decoded<SubscriberEvent>> decoded(StreamExecutionEnvironment env) {
            return env.fromSource(indexes, WatermarkStrategy.noWatermarks(), "Event records")
                    .uid("bench-events")
                    .flatMap(new DecodeRecords(records))
                    .returns(Decoded.typeInfo(SubscriberEvent.class))
                    .name("Decode events")
                    .uid("bench-decode");
        }
    }

    /**
     * An {@code --input}'s files, read by Flink's file source in the order of their paths. The
     * source watches its files after reading them, so that the job goes on until it is measured and
     * cancelled, as a held sequence does: ending its input would move event time to the end.
     *
     * @param records the files' records, from the {@link InputSummary}
     */
    record FileEvents(InputFiles files, long records) implements Events {
        @Override
        public DataStream<Decoded<SubscriberEvent>> decoded(StreamExecutionEnvironment env) {
            FileSource<byte[]> source =
                    FileSource.forRecordStreamFormat(
                                    new FileRecordFormat(files.format()),
                                    files.events().stream().map(Path::new).toArray(Path[]::new))
                            .setSplitAssigner(PathOrderAssigner.PROVIDER)
                            .monitorContinuously(Duration.ofSeconds(1))
                            .build();
            return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Input files")
                    .uid("bench-input-files")
                    .flatMap(new DecodeFileRecords(files.format(), records))
                    .returns(Decoded.typeInfo(SubscriberEvent.class))
                    .name("Decode events")
                    .uid("bench-decode");
        }
    }

    abstract void build(
            StreamExecutionEnvironment env,
            Input input,
            ScoringConfig config,
            ModelArtifact models);

    /** The profiles as the job's profiles source emits them; fromData refuses an empty list. */
    private static DataStream<Decoded<SubscriberProfile>> profiles(
            StreamExecutionEnvironment env, List<SubscriberProfile> profiles) {
        TypeInformation<Decoded<SubscriberProfile>> type =
                Decoded.typeInfo(SubscriberProfile.class);
        if (profiles.isEmpty()) {
            return env.fromSequence(0, 0)
                    .name("Subscriber profiles")
                    .uid("bench-profiles")
                    .flatMap(new EmitNothing<Decoded<SubscriberProfile>>())
                    .returns(type)
                    .name("No profiles")
                    .uid("bench-no-profiles");
        }
        return env.fromData(profiles.stream().map(Decoded::of).collect(Collectors.toList()), type)
                .name("Subscriber profiles")
                .uid("bench-profiles");
    }

    private static final class EmitNothing<T> implements FlatMapFunction<Long, T> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(Long value, Collector<T> out) {}
    }

    /** The events with the job's watermarks. */
    private static DataStream<Decoded<SubscriberEvent>> decodedEvents(
            StreamExecutionEnvironment env, Input input, ScoringConfig config) {
        return input.events()
                .decoded(env)
                .assignTimestampsAndWatermarks(PulseJob.eventWatermarks(config))
                .name("Event watermarks")
                .uid("bench-watermarks");
    }
}
