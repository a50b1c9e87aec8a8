package io.pulse.scoring.incidents;

import io.pulse.schema.AlertStatus;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.alerts.AreaIncidents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network incidents the scoring job has read back from its incidents topic, in event time: an
 * incident holds the subscribers at home in its area (their region, or their home cell: {@link
 * AreaSignals#areas}) from the end of its first hour (when the areas' watch opened it) to the event
 * time of its RESOLVED record. A resolved incident is remembered for {@link #MEMORY_MILLIS} of
 * incident time after its end, so that an episode it held, looked at later, finds it ended; then it
 * is forgotten.
 *
 * <p>Every scoring subtask reads the same records in the same order, so all decide alike.
 */
public final class KnownIncidents implements AreaIncidents {
    public static final long MEMORY_MILLIS = 7 * 24 * AreaWatch.HOUR;

    private final Map<String, NetworkIncident> latest = new LinkedHashMap<>();
    private long clock = Long.MIN_VALUE;

    /**
     * Takes the latest record of an incident; returns the ids of the incidents now forgotten.
     * Records of an incident already forgotten, or older than the one kept, change nothing.
     */
    public List<String> record(NetworkIncident incident) {
        clock = Math.max(clock, incident.getEventTime());
        NetworkIncident kept = latest.get(incident.getIncidentId());
        boolean forgotten =
                incident.getStatus() == AlertStatus.RESOLVED
                        && incident.getEventTime() + MEMORY_MILLIS <= clock;
        if (!forgotten && (kept == null || kept.getEventTime() <= incident.getEventTime())) {
            latest.put(incident.getIncidentId(), incident);
        }
        List<String> gone = new ArrayList<>();
        for (NetworkIncident known : latest.values()) {
            if (known.getStatus() == AlertStatus.RESOLVED
                    && known.getEventTime() + MEMORY_MILLIS <= clock) {
                gone.add(known.getIncidentId());
            }
        }
        gone.forEach(latest::remove);
        return gone;
    }

    @Override
    public String openAt(SubscriberProfile profile, long time) {
        List<String> areas = AreaSignals.areas(profile);
        if (areas.isEmpty()) {
            return null;
        }
        for (NetworkIncident incident : latest.values()) {
            if (areas.contains(incident.getArea())
                    && knownFrom(incident) <= time
                    && !endedBy(incident, time)) {
                return incident.getIncidentId();
            }
        }
        return null;
    }

    @Override
    public boolean endedBy(String incidentId, long time) {
        NetworkIncident incident = latest.get(incidentId);
        return incident == null || endedBy(incident, time);
    }

    /** The latest record of a remembered incident, or null. */
    public NetworkIncident latest(String incidentId) {
        return latest.get(incidentId);
    }

    private static boolean endedBy(NetworkIncident incident, long time) {
        return incident.getStatus() == AlertStatus.RESOLVED && incident.getEventTime() <= time;
    }

    /** The end of the incident's first hour, when the watch opened it. */
    private static long knownFrom(NetworkIncident incident) {
        return incident.getEpisodeStart() + AreaWatch.HOUR;
    }
}
