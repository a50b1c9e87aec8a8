package io.pulse.scoring.incidents;

import io.pulse.schema.EventType;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.state.UsageCounters;

import java.util.ArrayList;
import java.util.List;

/**
 * What a subscriber's counted event tells its area's watch ({@link AreaSignal}): usage (a call, a
 * message, a data session, the traffic that needs the network) once in each hour, the first of the
 * hour after its previous event's; its first dropped call of the day; its first fault report of the
 * day. Once a subscriber and day, so that one subscriber's bad day (a burst of dropped calls where
 * it stands) counts once: an area's fault is many subscribers at once.
 *
 * <p>The areas are the subscriber's region (its profile's) and, where the network tells it, the
 * cell: the cell that carried the event ({@code cellId} of the event), else the subscriber's home
 * cell (of its profile). A cell's area is named {@code <region>/<cell>}, or the cell alone for a
 * subscriber without a region. A subscriber with neither belongs to no area.
 */
public final class AreaSignals {
    private AreaSignals() {}

    /** The areas a subscriber is at home in: its profile's region and home cell, those known. */
    public static List<String> areas(SubscriberProfile profile) {
        if (profile == null) {
            return List.of();
        }
        return areas(profile.getRegion(), profile.getCellId());
    }

    /** The areas of an event: the subscriber's region, and the cell that carried it or its own. */
    static List<String> areas(SubscriberProfile profile, SubscriberEvent event) {
        if (profile == null) {
            return List.of();
        }
        String cell = event.getCellId() != null ? event.getCellId() : profile.getCellId();
        return areas(profile.getRegion(), cell);
    }

    private static List<String> areas(String region, String cell) {
        if (cell == null) {
            return region == null ? List.of() : List.of(region);
        }
        return region == null ? List.of(cell) : List.of(region, region + "/" + cell);
    }

    /**
     * The signals of {@code event} (most events have none: an empty list, allocating nothing);
     * {@code previousActivity} is the subscriber's latest event time before it ({@code
     * Long.MIN_VALUE} for its first), {@code today} its counters of the day with the event counted.
     */
    public static List<AreaSignal> of(
            SubscriberProfile profile,
            long previousActivity,
            SubscriberEvent event,
            UsageCounters today) {
        List<String> areas = areas(profile, event);
        if (areas.isEmpty()) {
            return List.of();
        }
        long time = event.getEventTime();
        EventType type = event.getType();
        boolean usage =
                type == EventType.VOICE_CALL
                        || type == EventType.SMS
                        || type == EventType.DATA_SESSION;
        boolean firstOfHour =
                previousActivity == Long.MIN_VALUE
                        || AreaWatch.hourOf(time) > AreaWatch.hourOf(previousActivity);
        boolean active = usage && firstOfHour;
        boolean dropped =
                type == EventType.VOICE_CALL
                        && Boolean.TRUE.equals(event.getDropped())
                        && today.getDroppedCalls() == 1;
        boolean fault = type == EventType.FAULT_REPORT && today.getFaults() == 1;
        if (!active && !dropped && !fault) {
            return List.of();
        }
        List<AreaSignal> signals = new ArrayList<>(2 * areas.size());
        for (String area : areas) {
            if (active) {
                signals.add(new AreaSignal(area, AreaSignal.Kind.ACTIVE, time));
            }
            if (dropped) {
                signals.add(new AreaSignal(area, AreaSignal.Kind.DROPPED_CALL, time));
            }
            if (fault) {
                signals.add(new AreaSignal(area, AreaSignal.Kind.FAULT_REPORT, time));
            }
        }
        return signals;
    }
}
