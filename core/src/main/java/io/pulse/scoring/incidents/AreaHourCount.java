package io.pulse.scoring.incidents;

/**
 * An area's signals of one hour as one subtask counted them: what travels to the area's watch
 * instead of each signal.
 */
public record AreaHourCount(
        String area, long hour, int active, int faultReports, int droppedCalls) {

    public AreaHourCount plus(AreaSignal.Kind kind) {
        return switch (kind) {
            case ACTIVE -> new AreaHourCount(area, hour, active + 1, faultReports, droppedCalls);
            case FAULT_REPORT ->
                    new AreaHourCount(area, hour, active, faultReports + 1, droppedCalls);
            case DROPPED_CALL ->
                    new AreaHourCount(area, hour, active, faultReports, droppedCalls + 1);
        };
    }

    public AreaHourCount plus(AreaHourCount other) {
        return new AreaHourCount(
                area,
                hour,
                active + other.active,
                faultReports + other.faultReports,
                droppedCalls + other.droppedCalls);
    }
}
