package io.pulse.scoring.functions;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.EventType;
import io.pulse.schema.ScoreUpdate;
import io.pulse.scoring.metrics.PulseMetrics;
import io.pulse.scoring.validation.DeadLetters;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The scoring operator's metrics, registered once when it opens; the record path only increments
 * counters found by enum ordinal and updates two histograms per published score. Nothing is timed
 * and state is never iterated.
 *
 * <p>Per subtask, under {@code <operator>.pulse} (see {@link PulseMetrics} for the Prometheus
 * form): events in by type, profiles in, re-sent events, dead letters by reason ({@code LATE},
 * {@code FLOOD}), scores published, alerts by type and status, the churn probability (in percent)
 * and satisfaction of published scores, the event-time lag, subscribers whose state was created or
 * removed, the serialized size of a sample of subscriber values, and the versions published on the
 * control topic that were applied or refused.
 */
final class ScoringMetrics {
    /**
     * Histograms keep the latest this many values: enough for stable quantiles, cheap to sort at
     * report time.
     */
    static final int HISTOGRAM_WINDOW = 10_000;

    /** One subscriber value in this many writes is serialized once more to measure its size. */
    static final int STATE_SIZE_SAMPLE_EVERY = 1_000;

    private final Counter[] eventsByType;
    private final Counter profiles;
    private final Counter duplicates;
    private final DeadLetterMetrics deadLetters;
    private final Counter scores;
    private final Counter[][] alertsByTypeAndStatus;
    private final Histogram churnPercent;
    private final Histogram satisfaction;
    private final Counter subscribersCreated;
    private final Counter subscribersRemoved;
    private final Histogram stateBytes;
    private final Counter versionsApplied;
    private final Counter versionsRefused;
    private int writesUntilSample = 1;
    private volatile long latestEventTime = Long.MIN_VALUE;

    ScoringMetrics(MetricGroup operatorGroup) {
        MetricGroup pulse = PulseMetrics.of(operatorGroup);
        eventsByType = PulseMetrics.countersByEnum(pulse, "events", "type", EventType.values());
        profiles = pulse.counter("profiles_total");
        duplicates = pulse.counter("duplicate_events_total");
        deadLetters =
                new DeadLetterMetrics(
                        pulse, DeadLetters.LATE, DeadLetters.FLOOD, DeadLetters.TERMINATED);
        scores = pulse.counter("scores_total");
        MetricGroup alerts = pulse.addGroup("alerts");
        alertsByTypeAndStatus = new Counter[AlertType.values().length][AlertStatus.values().length];
        for (AlertType type : AlertType.values()) {
            MetricGroup ofType = alerts.addGroup("type", type.name());
            for (AlertStatus status : AlertStatus.values()) {
                alertsByTypeAndStatus[type.ordinal()][status.ordinal()] =
                        ofType.addGroup("status", status.name()).counter(PulseMetrics.TOTAL);
            }
        }
        churnPercent =
                pulse.histogram(
                        "churn_probability_percent",
                        new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        satisfaction =
                pulse.histogram(
                        "satisfaction", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        pulse.gauge("event_time_lag_seconds", (Gauge<Double>) this::eventTimeLagSeconds);
        subscribersCreated = pulse.counter("subscribers_created_total");
        subscribersRemoved = pulse.counter("subscribers_removed_total");
        stateBytes =
                pulse.histogram(
                        "subscriber_state_bytes",
                        new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        versionsApplied = pulse.counter("control_versions_applied_total");
        versionsRefused = pulse.counter("control_versions_refused_total");
    }

    /**
     * An event arrived at the scorer, before it is judged (late, flood and re-sent events
     * included).
     */
    void eventIn(EventType type, long eventTime) {
        eventsByType[type.ordinal()].inc();
        if (eventTime > latestEventTime) {
            latestEventTime = eventTime;
        }
    }

    void profileIn() {
        profiles.inc();
    }

    void duplicate() {
        duplicates.inc();
    }

    void deadLetter(String reason) {
        deadLetters.count(reason);
    }

    void score(ScoreUpdate score) {
        scores.inc();
        churnPercent.update(Math.round(score.getChurnProbability() * 100));
        satisfaction.update(Math.round(score.getSatisfaction()));
    }

    void alert(Alert alert) {
        alertsByTypeAndStatus[alert.getType().ordinal()][alert.getStatus().ordinal()].inc();
    }

    void subscriberCreated() {
        subscribersCreated.inc();
    }

    void subscriberRemoved() {
        subscribersRemoved.inc();
    }

    void versionApplied() {
        versionsApplied.inc();
    }

    void versionRefused() {
        versionsRefused.inc();
    }

    /**
     * Whether this write of a subscriber value is one to measure; true for the first and then every
     * {@link #STATE_SIZE_SAMPLE_EVERY}th.
     */
    boolean sampleStateSize() {
        if (--writesUntilSample > 0) {
            return false;
        }
        writesUntilSample = STATE_SIZE_SAMPLE_EVERY;
        return true;
    }

    void stateBytes(int bytes) {
        stateBytes.update(bytes);
    }

    /**
     * Wall-clock time minus the latest event time this subtask has seen, in seconds; NaN before its
     * first event.
     */
    double eventTimeLagSeconds() {
        long latest = latestEventTime;
        if (latest == Long.MIN_VALUE) {
            return Double.NaN;
        }
        return (System.currentTimeMillis() - latest) / 1000.0;
    }
}
