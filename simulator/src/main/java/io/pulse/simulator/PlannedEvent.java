package io.pulse.simulator;

import io.pulse.schema.EventType;
import io.pulse.schema.SubscriberStatus;

/**
 * An event decided when the population was made: a status change, or a plan downgrade ({@code
 * status} null).
 */
record PlannedEvent(long time, EventType type, SubscriberStatus status) {

    static PlannedEvent status(long time, SubscriberStatus status) {
        return new PlannedEvent(time, EventType.STATUS_CHANGE, status);
    }

    static PlannedEvent downgrade(long time) {
        return new PlannedEvent(time, EventType.PLAN_CHANGE, null);
    }
}
