package io.pulse.scoring.engine;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.anomaly.DailyBaselines;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.scores.SatisfactionModel;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.RollingUsage;
import io.pulse.scoring.usage.SubscriberFacts;
import io.pulse.scoring.usage.SubscriberHistory;
import io.pulse.scoring.usage.UsageMath;
import io.pulse.state.SubscriberState;

import java.util.ArrayList;

/**
 * What an accepted event does to a subscriber's rolling state: usage buckets and, once a day, the
 * anomaly baselines; experience (satisfaction) and facts. The job runs every event through it; the
 * {@code train} command replays labelled subscribers through it before extracting features, so both
 * see the same state.
 */
public final class SubscriberStateUpdater {
    private final RollingUsage usage;
    private final SubscriberFacts facts;
    private final SatisfactionModel satisfaction;

    public SubscriberStateUpdater(ScoringConfig config) {
        this.usage = new RollingUsage(config.state().retentionDays());
        this.facts = new SubscriberFacts(config.state());
        this.satisfaction =
                new SatisfactionModel(config.satisfaction(), config.alerts().billShock());
    }

    /** A fresh state for a subscriber whose first accepted event this is. */
    public static SubscriberState newState(SubscriberEvent event) {
        return SubscriberState.newBuilder()
                .setFirstEventTime(event.getEventTime())
                .setCurrentDay(Days.epochDay(event.getEventTime()))
                .setToday(UsageMath.zero())
                .setMonth1(UsageMath.zero())
                .setMonth2(UsageMath.zero())
                .setMonth3(UsageMath.zero())
                .setLastActivityTime(event.getEventTime())
                .setServices(new ArrayList<>())
                .setOpenFaults(new ArrayList<>())
                .setUnpaidBills(new ArrayList<>())
                .setSurveys(new ArrayList<>())
                .setEpisodes(new ArrayList<>())
                .build();
    }

    /** Whether an event day can still be bucketed, given the subscriber's current day. */
    public boolean withinRetention(SubscriberState state, long eventTime) {
        return usage.withinRetention(state, Days.epochDay(eventTime));
    }

    /** Applies an accepted event; {@code profile} is the subscriber's latest (null: none yet). */
    public void apply(
            SubscriberState state,
            SubscriberEvent event,
            SubscriberProfile profile,
            SubscriberHistory history) {
        int day = state.getCurrentDay();
        usage.record(state, event, history);
        if (state.getCurrentDay() != day) {
            // the history is at hand once a day: the baselines are made then, for the day begun
            state.setAnomalyBaselines(
                    DailyBaselines.before(
                                    history,
                                    Days.epochDay(state.getFirstEventTime()),
                                    state.getCurrentDay())
                            .encode());
        }
        // before the facts, so the experience is judged against the state the event found
        satisfaction.apply(state, event);
        facts.apply(state, event, profile);
    }

    /** Satisfaction of the subscriber at event time {@code now}. */
    public double satisfaction(SubscriberState state, SubscriberProfile profile, long now) {
        return satisfaction.score(state, SubscriberFacts.segment(profile), now);
    }
}
