package io.pulse.scoring.anomaly;

import java.util.Locale;

/**
 * A measure of a subscriber's recent sealed days against its baselines, kept where the days were
 * often low: how many of the last {@link DailyBaselines#RECENT_DAYS} days were judged (the
 * subscriber known, a baseline for the day's class, the measure defined), how many of them were low
 * (at least {@link DailyBaselines#LOW_FROM} spreads under the median of their class), and the
 * totals: measured, expected (the medians of their classes) and usually at least (the low ends of
 * the usual ranges).
 */
public record Shortfall(
        Measure measure,
        int judgedDays,
        int lowDays,
        double value,
        double expected,
        double usualLow) {

    /** How much less than expected the days brought, in the measure's units. */
    public double missing() {
        return expected - value;
    }

    /**
     * Evidence in words, e.g. "local call minutes in the last 14 days 35, usually 420 (at least
     * 300); low on 13 of them".
     */
    public String text() {
        return String.format(
                Locale.ROOT,
                "%s in the last %d days %.0f%s, usually %.0f (at least %.0f); low on %d of them",
                measure.label(),
                judgedDays,
                value,
                measure.unit(),
                expected,
                usualLow,
                lowDays);
    }
}
