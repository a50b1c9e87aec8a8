package io.pulse.scoring.incidents;

/**
 * What one subscriber tells its area's watch: it was active in an hour (said once per subscriber
 * and hour, so the signals of an hour count its active subscribers), a call of it dropped, or it
 * reported a fault. The area is the subscriber's region.
 */
public record AreaSignal(String area, Kind kind, long time) {

    public enum Kind {
        ACTIVE,
        DROPPED_CALL,
        FAULT_REPORT
    }
}
