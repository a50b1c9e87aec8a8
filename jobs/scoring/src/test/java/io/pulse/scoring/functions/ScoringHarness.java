package io.pulse.scoring.functions;

import io.pulse.schema.NetworkIncident;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.control.ControlRecord;
import io.pulse.scoring.control.LiveVersions;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;

import java.util.List;

/**
 * The job's scoring operator on Flink's keyed two-input test harness: events and profiles on the
 * keyed input, control records and network incidents on the broadcast one.
 */
public final class ScoringHarness
        extends KeyedTwoInputStreamOperatorTestHarness<
                String,
                Either<SubscriberEvent, SubscriberProfile>,
                Either<ControlRecord, NetworkIncident>,
                ScoreUpdate> {

    public ScoringHarness(LiveVersions versions) throws Exception {
        super(operator(versions), SubscriberInputs::subscriberId, null, Types.STRING);
    }

    /** Subtask {@code subtask} of {@code subtasks}. */
    public ScoringHarness(LiveVersions versions, int maxParallelism, int subtasks, int subtask)
            throws Exception {
        super(
                operator(versions),
                SubscriberInputs::subscriberId,
                null,
                Types.STRING,
                maxParallelism,
                subtasks,
                subtask);
    }

    /** The scoring operator as the job builds it. */
    static CoBroadcastWithKeyedOperator<
                    String,
                    Either<SubscriberEvent, SubscriberProfile>,
                    Either<ControlRecord, NetworkIncident>,
                    ScoreUpdate>
            operator(LiveVersions versions) {
        return new CoBroadcastWithKeyedOperator<>(
                new ScoreSubscriberFunction(versions, "subscriber-events"),
                List.of(
                        ScoreSubscriberFunction.CONTROL_VERSIONS,
                        ScoreSubscriberFunction.KNOWN_INCIDENTS));
    }

    public void event(SubscriberEvent event) throws Exception {
        processElement1(new StreamRecord<>(SubscriberInputs.event(event), event.getEventTime()));
    }

    public void profile(SubscriberProfile profile) throws Exception {
        processElement1(new StreamRecord<>(SubscriberInputs.profile(profile)));
    }

    public void control(ControlRecord record) throws Exception {
        processElement2(new StreamRecord<>(BroadcastInputs.control(record)));
    }

    /** A network incident read back from the incidents topic. */
    public void incident(NetworkIncident incident) throws Exception {
        processElement2(new StreamRecord<>(BroadcastInputs.incident(incident)));
    }
}
