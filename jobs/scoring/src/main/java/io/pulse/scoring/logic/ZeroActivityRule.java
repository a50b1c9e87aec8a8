package io.pulse.scoring.logic;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.config.ScoringConfig.ZeroActivity;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ZERO_ACTIVITY (SPEC section 5): several consecutive days without outgoing activity (calls,
 * messages or data), fewer days for key accounts. Raised when the silence reaches the threshold
 * in event time, resolved by the next outgoing activity later than the silence began. A suspended subscriber is silent because
 * service is stopped (an arrears matter) and a terminated one has churned: both close the episode
 * with that outcome instead.
 */
public final class ZeroActivityRule {
    public static final String ACTIVITY_RESUMED = "ACTIVITY_RESUMED";

    private final ZeroActivity config;
    private final AlertFactory alerts;

    public ZeroActivityRule(ZeroActivity config, AlertFactory alerts) {
        this.config = config;
        this.alerts = alerts;
    }

    /** When the silence reaches the threshold, or Long.MAX_VALUE if it cannot be raised now. */
    public long dueTime(SubscriberState state, Segment segment) {
        if (state.getStatus() != SubscriberStatus.ACTIVE || openEpisode(state) != null) {
            return Long.MAX_VALUE;
        }
        return silenceStart(state) + Days.days(config.silentDays().get(segment));
    }

    /**
     * Raises the alert for a silence that reached the threshold at {@link #dueTime}. The alert's
     * event time is the due time whichever way the silence was noticed (the watermark passing it,
     * or the subscriber's next record arriving first), so the output does not depend on how
     * records and watermarks interleave.
     */
    public Alert raise(
            String subscriberId, SubscriberState state, SubscriberProfile profile, ScoreSnapshot scoresAtDue,
            long processingTime) {
        long due = dueTime(state, scoresAtDue.segment());
        long start = silenceStart(state);
        boolean keyAccount = scoresAtDue.segment() == Segment.KEY_ACCOUNT;
        Severity severity = keyAccount ? Severity.HIGH : Severity.MEDIUM;
        Alert alert = alerts.alert(
                subscriberId, AlertType.ZERO_ACTIVITY, AlertStatus.OPEN, severity, Route.RETENTION_TEAM,
                start, due, processingTime, reasons(state, scoresAtDue.segment(), due), null, profile, scoresAtDue);
        List<OpenEpisode> episodes = new ArrayList<>(state.getEpisodes());
        episodes.add(new OpenEpisode(AlertType.ZERO_ACTIVITY, alert.getAlertId(), start, severity));
        state.setEpisodes(episodes);
        return alert;
    }

    /**
     * Resolves an open episode after outgoing activity later than its start, or a status change
     * that explains the silence. Returns null when nothing is open or nothing changed.
     */
    public Alert resolveIfCleared(
            String subscriberId, SubscriberState state, SubscriberProfile profile, ScoreSnapshot scores,
            long eventTime, boolean outgoingActivity, long processingTime) {
        OpenEpisode episode = openEpisode(state);
        if (episode == null) {
            return null;
        }
        String outcome;
        if (state.getStatus() != SubscriberStatus.ACTIVE) {
            outcome = state.getStatus().name();
        } else if (outgoingActivity && eventTime > episode.getStart()) {
            outcome = ACTIVITY_RESUMED;
        } else {
            return null;
        }
        List<OpenEpisode> episodes = new ArrayList<>(state.getEpisodes());
        episodes.remove(episode);
        state.setEpisodes(episodes);
        return alerts.alert(
                subscriberId, AlertType.ZERO_ACTIVITY, AlertStatus.RESOLVED, episode.getSeverity(),
                Route.RETENTION_TEAM, episode.getStart(), eventTime, processingTime,
                reasons(state, scores.segment(), eventTime), outcome, profile, scores);
    }

    private List<Reason> reasons(SubscriberState state, Segment segment, long now) {
        long silentDays = Math.max(0, (now - silenceStart(state)) / Days.MILLIS_PER_DAY);
        int threshold = config.silentDays().get(segment);
        return List.of(Reason.newBuilder()
                .setCode("NO_OUTGOING_ACTIVITY")
                .setText(String.format(Locale.ROOT,
                        "No outgoing calls, messages or data for %d days (alert from %d days)", silentDays, threshold))
                .setMeasured((double) silentDays)
                .setThreshold((double) threshold)
                .build());
    }

    private static long silenceStart(SubscriberState state) {
        return state.getLastOutgoingTime() != null ? state.getLastOutgoingTime() : state.getFirstEventTime();
    }

    private static OpenEpisode openEpisode(SubscriberState state) {
        for (OpenEpisode episode : state.getEpisodes()) {
            if (episode.getType() == AlertType.ZERO_ACTIVITY) {
                return episode;
            }
        }
        return null;
    }
}
