package io.pulse.scoring.incidents;

/**
 * A network incident of an area opened, went on (once an hour, with the hour's figures) or
 * resolved. {@code affected} is the usual number of active subscribers in the hour less those
 * active: the subscribers the network lost.
 */
public record IncidentChange(
        Status status,
        String incidentId,
        String area,
        long start,
        long hourStart,
        int usualActive,
        int active,
        int affected,
        int faultReports,
        int usualFaultReports,
        int droppedCalls,
        int usualDroppedCalls,
        String reason) {

    public enum Status {
        OPEN,
        UPDATED,
        RESOLVED
    }
}
