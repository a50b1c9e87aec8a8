package io.pulse.simulator;

import io.pulse.schema.SubscriberEvent;

import java.util.List;

/**
 * The events of all subscribers in one simulated hour [start, start + 1 h), sorted by event time.
 *
 * @param start epoch millis, a whole hour
 * @param events sorted by event time; ties keep generation order
 */
public record SimulatedHour(long start, List<SubscriberEvent> events) {

    /** Epoch millis just after the hour. */
    public long end() {
        return start + CalendarHour.HOUR_MILLIS;
    }
}
