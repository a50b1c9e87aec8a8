package io.pulse.scoring;

import io.pulse.schema.AccountAlert;
import io.pulse.schema.Alert;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.control.ControlAck;
import io.pulse.schema.control.ControlRecord;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.functions.BroadcastInputs;
import io.pulse.scoring.functions.CountAreaSignalsOperator;
import io.pulse.scoring.functions.ScoreSubscriberFunction;
import io.pulse.scoring.functions.SideOutputs;
import io.pulse.scoring.functions.SplitDeadLetters;
import io.pulse.scoring.functions.SubscriberInputs;
import io.pulse.scoring.functions.WatchAccountFunction;
import io.pulse.scoring.functions.WatchAreaFunction;
import io.pulse.scoring.incidents.AreaHourCount;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.state.AccountLine;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/**
 * The job's topology between its sources and sinks, from decoded input streams to the output
 * streams. Kept apart from connectors so tests and the local runner can feed it directly.
 */
public final class PulsePipeline {

    /** The outputs of the job. */
    public record Outputs(
            DataStream<ScoreUpdate> scores,
            DataStream<Alert> alerts,
            DataStream<DeadLetter> deadLetters,
            DataStream<NetworkIncident> incidents,
            DataStream<AccountAlert> accountAlerts,
            DataStream<ControlAck> controlAcks) {}

    private PulsePipeline() {}

    /**
     * Scores {@code events} and {@code profiles} with {@code startVersions} until the {@code
     * control} stream brings other versions; {@code knownIncidents} are the network incidents read
     * back from the incidents topic, which hold back the silence and decline of their areas.
     */
    public static Outputs build(
            DataStream<Decoded<SubscriberEvent>> events,
            DataStream<Decoded<SubscriberProfile>> profiles,
            DataStream<Decoded<ControlRecord>> control,
            DataStream<Decoded<NetworkIncident>> knownIncidents,
            LiveVersions startVersions,
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
        SingleOutputStreamOperator<ControlRecord> validControl =
                control.process(new SplitDeadLetters<>(TypeInformation.of(ControlRecord.class)))
                        .setParallelism(1)
                        .name("Route unreadable control records to dead letters")
                        .uid(OperatorIds.SPLIT_CONTROL);
        SingleOutputStreamOperator<NetworkIncident> validIncidents =
                knownIncidents
                        .process(new SplitDeadLetters<>(TypeInformation.of(NetworkIncident.class)))
                        .setParallelism(1)
                        .name("Route unreadable incidents to dead letters")
                        .uid(OperatorIds.SPLIT_INCIDENTS);
        DataStream<Either<ControlRecord, NetworkIncident>> broadcastInputs =
                validControl
                        .map(BroadcastInputs::control)
                        .returns(BroadcastInputs.TYPE)
                        .setParallelism(1)
                        .name("Control records")
                        .uid(OperatorIds.TAG_CONTROL)
                        .union(
                                validIncidents
                                        .map(BroadcastInputs::incident)
                                        .returns(BroadcastInputs.TYPE)
                                        .setParallelism(1)
                                        .name("Incidents read back")
                                        .uid(OperatorIds.TAG_INCIDENTS));

        DataStream<Either<SubscriberEvent, SubscriberProfile>> inputs =
                validEvents
                        .map(SubscriberInputs::event)
                        .returns(SubscriberInputs.TYPE)
                        .name("Events")
                        .uid(OperatorIds.TAG_EVENTS)
                        .union(
                                validProfiles
                                        .map(SubscriberInputs::profile)
                                        .returns(SubscriberInputs.TYPE)
                                        .name("Profiles")
                                        .uid(OperatorIds.TAG_PROFILES));

        SingleOutputStreamOperator<ScoreUpdate> scores =
                inputs.keyBy(SubscriberInputs::subscriberId)
                        .connect(
                                broadcastInputs.broadcast(
                                        ScoreSubscriberFunction.CONTROL_VERSIONS,
                                        ScoreSubscriberFunction.KNOWN_INCIDENTS))
                        .process(new ScoreSubscriberFunction(startVersions, eventsTopic))
                        .name("Score subscribers")
                        .uid(OperatorIds.SCORE_SUBSCRIBERS);

        DataStream<NetworkIncident> incidents =
                scores.getSideOutput(SideOutputs.AREA_SIGNALS)
                        .transform(
                                "Count area signals by hour",
                                TypeInformation.of(AreaHourCount.class),
                                new CountAreaSignalsOperator())
                        .uid(OperatorIds.COUNT_AREA_SIGNALS)
                        .keyBy(AreaHourCount::area)
                        .process(new WatchAreaFunction(startVersions.config()))
                        .name("Watch areas for network incidents")
                        .uid(OperatorIds.WATCH_AREAS);

        DataStream<AccountAlert> accountAlerts =
                scores.getSideOutput(SideOutputs.ACCOUNT_LINES)
                        .keyBy(AccountLine::getAccountId)
                        .process(new WatchAccountFunction(startVersions.config()))
                        .name("Watch customer accounts")
                        .uid(OperatorIds.WATCH_ACCOUNTS);

        DataStream<DeadLetter> deadLetters =
                validEvents
                        .getSideOutput(SideOutputs.DEAD_LETTERS)
                        .union(
                                validProfiles.getSideOutput(SideOutputs.DEAD_LETTERS),
                                validControl.getSideOutput(SideOutputs.DEAD_LETTERS),
                                validIncidents.getSideOutput(SideOutputs.DEAD_LETTERS),
                                scores.getSideOutput(SideOutputs.DEAD_LETTERS));
        return new Outputs(
                scores,
                scores.getSideOutput(SideOutputs.ALERTS),
                deadLetters,
                incidents,
                accountAlerts,
                scores.getSideOutput(SideOutputs.CONTROL_ACKS));
    }

    /** A control stream that brings nothing, for runs that keep their start versions. */
    public static DataStream<Decoded<ControlRecord>> noControl(StreamExecutionEnvironment env) {
        return nothing(env, ControlRecord.class, "control records", OperatorIds.CONTROL_SOURCE);
    }

    /** An incidents stream that brings nothing, for runs without incidents to hold contact for. */
    public static DataStream<Decoded<NetworkIncident>> noIncidents(StreamExecutionEnvironment env) {
        return nothing(env, NetworkIncident.class, "incidents", OperatorIds.INCIDENTS_SOURCE);
    }

    private static <T extends SpecificRecord> DataStream<Decoded<T>> nothing(
            StreamExecutionEnvironment env, Class<T> type, String what, String uid) {
        // one element dropped: Flink's collection source cannot be empty
        return env.fromSequence(0, 0)
                .setParallelism(1)
                .name("No " + what)
                .uid(uid)
                .flatMap((Long ignored, Collector<Decoded<T>> none) -> {})
                .returns(Decoded.typeInfo(type))
                .setParallelism(1)
                .name("No " + what + " read")
                .uid(uid + "-none");
    }
}
