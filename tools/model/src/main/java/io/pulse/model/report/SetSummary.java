package io.pulse.model.report;

import io.pulse.model.train.Metrics;

/**
 * The report's summary figures of one scored set: what the operators read (docs/specification.md,
 * section 4) plus the Brier score and the median lead time. Precision, recall and flagged are at
 * the alert threshold ({@code score >= threshold}); the top-10% figures at {@link
 * Metrics#TOP_FRACTION}, whose list is exactly decile 1 of {@link Deciles}. NaN where a figure is
 * undefined (AUC without churners or without stayers, median lead time without lead times).
 */
public record SetSummary(
        String name,
        int subscribers,
        int churners,
        double baseRate,
        double auc,
        double brier,
        double threshold,
        double precision,
        double recall,
        int flagged,
        double top10Precision,
        double top10Lift,
        int leadTimes,
        double medianLeadTimeDays) {

    public static SetSummary of(ScoredSet set, double threshold) {
        double[] scores = set.scores();
        int[] y = set.labels();
        Metrics.Report report = Metrics.report(set.name(), scores, y, threshold);
        double[] leadTimes = set.leadTimesDays();
        return new SetSummary(
                set.name(),
                set.size(),
                set.churners(),
                Metrics.baseRate(y),
                report.auc(),
                Metrics.brier(scores, y),
                threshold,
                report.precision(),
                report.recall(),
                report.flagged(),
                report.top10Precision(),
                report.top10Lift(),
                leadTimes.length,
                LeadTimes.median(leadTimes));
    }
}
