package io.pulse.scoring.incidents;

import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.scoring.config.ScoringConfig;

import java.util.List;

/** The record network operations receive for a change of an incident. */
public final class NetworkIncidents {
    private NetworkIncidents() {}

    public static NetworkIncident of(
            IncidentChange change, ScoringConfig config, long processingTime) {
        return NetworkIncident.newBuilder()
                .setIncidentId(change.incidentId())
                .setType(AlertType.NETWORK_INCIDENT)
                .setStatus(AlertStatus.valueOf(change.status().name()))
                .setSeverity(
                        2 * change.affected() >= change.usualActive() && change.usualActive() > 0
                                ? Severity.HIGH
                                : Severity.MEDIUM)
                .setRoute(Route.NETWORK_OPERATIONS)
                .setArea(change.area())
                .setEpisodeStart(change.start())
                .setEventTime(change.hourStart() + AreaWatch.HOUR)
                .setProcessingTime(processingTime)
                .setUsualActive(change.usualActive())
                .setActive(change.active())
                .setAffectedSubscribers(change.affected())
                .setFaultReports(change.faultReports())
                .setUsualFaultReports(change.usualFaultReports())
                .setDroppedCalls(change.droppedCalls())
                .setUsualDroppedCalls(change.usualDroppedCalls())
                .setReasons(
                        List.of(
                                Reason.newBuilder()
                                        .setCode(
                                                change.status() == IncidentChange.Status.RESOLVED
                                                        ? "AREA_RECOVERED"
                                                        : "AREA_SILENT_OR_FAULTY")
                                        .setText(change.reason())
                                        .setMeasured((double) change.active())
                                        .setBaseline((double) change.usualActive())
                                        .build()))
                .setRecommendedAction(config.alerts().networkIncident().action())
                .setConfigVersion(config.version())
                .build();
    }
}
