package io.pulse.scoring.functions;

import io.pulse.schema.NetworkIncident;
import io.pulse.scoring.incidents.KnownIncidents;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The network incidents the scoring operator has read back ({@link KnownIncidents}), kept in its
 * broadcast state by incident id, the latest record of each: the same on every subtask, and back
 * after a restart.
 *
 * <p>The state's name is part of savepoint compatibility: never rename it.
 */
final class KnownIncidentsState {
    static final MapStateDescriptor<String, NetworkIncident> DESCRIPTOR =
            new MapStateDescriptor<>(
                    "pulse-network-incidents",
                    Types.STRING,
                    TypeInformation.of(NetworkIncident.class));

    private final BroadcastState<String, NetworkIncident> state;
    private final KnownIncidents known = new KnownIncidents();

    /** The incidents a checkpoint kept, taken again in their order of event time. */
    KnownIncidentsState(BroadcastState<String, NetworkIncident> state) throws Exception {
        this.state = state;
        List<NetworkIncident> kept = new ArrayList<>();
        for (Map.Entry<String, NetworkIncident> entry : state.entries()) {
            kept.add(entry.getValue());
        }
        kept.sort(Comparator.comparingLong(NetworkIncident::getEventTime));
        for (NetworkIncident incident : kept) {
            for (String forgotten : known.record(incident)) {
                state.remove(forgotten);
            }
        }
    }

    void record(NetworkIncident incident) throws Exception {
        for (String forgotten : known.record(incident)) {
            state.remove(forgotten);
        }
        NetworkIncident latest = known.latest(incident.getIncidentId());
        if (latest != null) {
            state.put(latest.getIncidentId(), latest);
        }
    }

    KnownIncidents known() {
        return known;
    }
}
