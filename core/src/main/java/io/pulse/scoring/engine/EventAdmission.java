package io.pulse.scoring.engine;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.RecentEventIds;
import io.pulse.scoring.usage.SubscriberHistory;
import io.pulse.state.SubscriberState;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Whether an event may change a subscriber's state: not older than the allowed lateness or the
 * retention, not beyond the day's flood limit, not a re-sent record. The job's scorer and the model
 * tools' history replay admit events the same way, so a model learns from exactly the state the job
 * keeps.
 */
public final class EventAdmission {

    /** The verdict on one event. */
    public enum Verdict {
        ADMITTED,
        LATE,
        FLOOD,
        DUPLICATE
    }

    private final ScoringConfig config;
    private final SubscriberStateUpdater updater;
    private final long allowedLatenessMillis;
    private final long dedupHorizonMillis;
    private final int maxEventsPerDay;

    public EventAdmission(ScoringConfig config) {
        this.config = config;
        this.updater = new SubscriberStateUpdater(config);
        this.allowedLatenessMillis = config.time().allowedLatenessHours() * Days.MILLIS_PER_HOUR;
        this.dedupHorizonMillis = config.state().dedupHorizonHours() * Days.MILLIS_PER_HOUR;
        this.maxEventsPerDay = config.state().maxEventsPerDay();
    }

    /** Judges an event against the state it would change; an admitted event's id is remembered. */
    public Verdict admit(SubscriberState state, SubscriberEvent event) {
        long time = event.getEventTime();
        if (time < state.getLastActivityTime() - allowedLatenessMillis
                || !updater.withinRetention(state, time)) {
            return Verdict.LATE;
        }
        if (Days.epochDay(time) <= state.getCurrentDay()
                && state.getEventsToday() >= maxEventsPerDay) {
            return Verdict.FLOOD;
        }
        return RecentEventIds.markSeen(state, event.getEventId(), Days.epochDay(time))
                ? Verdict.ADMITTED
                : Verdict.DUPLICATE;
    }

    /** Why a LATE or FLOOD event was not admitted, for its dead letter. */
    public String detail(Verdict verdict, SubscriberState state, SubscriberEvent event) {
        if (verdict == Verdict.LATE) {
            return String.format(
                    "event at %s is more than %d h older than the subscriber's latest event at %s",
                    Instant.ofEpochMilli(event.getEventTime()),
                    config.time().allowedLatenessHours(),
                    Instant.ofEpochMilli(state.getLastActivityTime()));
        }
        return String.format(
                "subscriber already has %d events on %s (state.max-events-per-day)",
                state.getEventsToday(), LocalDate.ofEpochDay(state.getCurrentDay()));
    }

    /**
     * Applies an admitted event to the state: the rolling usage, experience and facts, then the
     * day's count, and on a new day the ids older than the dedup horizon are forgotten.
     */
    public void apply(
            SubscriberState state,
            SubscriberEvent event,
            SubscriberProfile profile,
            SubscriberHistory history) {
        int dayBefore = state.getCurrentDay();
        updater.apply(state, event, profile, history);
        if (state.getCurrentDay() != dayBefore) {
            RecentEventIds.forgetBefore(
                    state, Days.epochDay(event.getEventTime() - dedupHorizonMillis));
        }
        state.setEventsToday(state.getEventsToday() + 1);
    }
}
