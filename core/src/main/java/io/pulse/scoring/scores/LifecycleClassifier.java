package io.pulse.scoring.scores;

import io.pulse.schema.LifecycleStage;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.config.ScoringConfig.Lifecycle;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.RollingUsage;
import io.pulse.scoring.usage.UsageMath;
import io.pulse.state.SubscriberState;

/**
 * Lifecycle stage of docs/specification.md, section 4. DECLINE comes first: within the configured
 * days before the contract ends, or, without a contract, after a clear traffic drop or several
 * silent days.
 */
public final class LifecycleClassifier {
    private final Lifecycle config;

    public LifecycleClassifier(Lifecycle config) {
        this.config = config;
    }

    public LifecycleStage stage(SubscriberProfile profile, SubscriberState state, long now) {
        int today = Days.epochDay(now);
        if (profile != null && profile.getContractEndDate() != null) {
            long daysToEnd = profile.getContractEndDate().toEpochDay() - today;
            if (daysToEnd >= 0 && daysToEnd <= config.declineBeforeContractEndDays()) {
                return LifecycleStage.DECLINE;
            }
        } else if (silentDays(state, now) >= config.declineSilentDays() || trafficDropped(state)) {
            return LifecycleStage.DECLINE;
        }
        long tenureDays =
                profile != null
                        ? today - profile.getActivationDate().toEpochDay()
                        : today - Days.epochDay(state.getFirstEventTime());
        if (tenureDays < config.onboardingDays()) {
            return LifecycleStage.ONBOARDING;
        }
        return tenureDays < config.growthDays() ? LifecycleStage.GROWTH : LifecycleStage.MATURITY;
    }

    /** Whole days since the last outgoing activity (or since first seen, if there was none). */
    public static long silentDays(SubscriberState state, long now) {
        long since =
                state.getLastOutgoingTime() != null
                        ? state.getLastOutgoingTime()
                        : state.getFirstEventTime();
        return Math.max(0, (now - since) / Days.MILLIS_PER_DAY);
    }

    /** Last 30 days below the configured share of the prior 60 days' monthly average. */
    private boolean trafficDropped(SubscriberState state) {
        double prior =
                (UsageMath.outgoingTraffic(state.getMonth2())
                                + UsageMath.outgoingTraffic(state.getMonth3()))
                        / 2;
        boolean enoughHistory = RollingUsage.observedDays(state) >= RollingUsage.WINDOW_DAYS;
        return enoughHistory
                && prior > 0
                && (UsageMath.outgoingTraffic(state.getMonth1())
                                + UsageMath.outgoingTraffic(state.getToday()))
                        < config.declineUsageRatio() * prior;
    }
}
