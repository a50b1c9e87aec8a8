package io.pulse.scoring.functions;

import io.pulse.schema.NetworkIncident;
import io.pulse.schema.control.ControlRecord;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;

/**
 * What every scoring subtask reads alike, the broadcast input of the scoring operator: the control
 * topic's records on the left, the network incidents read back from the job's own incidents topic
 * on the right.
 */
public final class BroadcastInputs {
    public static final TypeInformation<Either<ControlRecord, NetworkIncident>> TYPE =
            new EitherTypeInfo<>(
                    TypeInformation.of(ControlRecord.class),
                    TypeInformation.of(NetworkIncident.class));

    private BroadcastInputs() {}

    public static Either<ControlRecord, NetworkIncident> control(ControlRecord record) {
        return Either.Left(record);
    }

    public static Either<ControlRecord, NetworkIncident> incident(NetworkIncident incident) {
        return Either.Right(incident);
    }
}
