package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.scoring.anomaly.Anomaly;
import io.pulse.scoring.anomaly.AnomalyScorer;
import io.pulse.scoring.anomaly.Attribution;
import io.pulse.scoring.anomaly.DailyBaselines;
import io.pulse.scoring.anomaly.Measure;
import io.pulse.scoring.config.ScoringConfig.SatisfactionDrop;
import io.pulse.scoring.usage.Days;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * SATISFACTION_DROP: satisfaction below the threshold, a dissatisfied survey answer, a complaint
 * about service attitude in the last 30 days (disappointment with the people: a live agent, not the
 * channel complained about, should answer it), or a burst of dropped calls today far above the
 * subscriber's own usual share (a failing handset or cell, before the subscriber complains): a live
 * agent calls back and follows up until resolved. Cleared when satisfaction is back above a higher
 * level, the latest answer is no longer dissatisfied, no attitude complaint is that recent and no
 * burst is under way (a burst holds its episode for the rest of its day).
 */
final class SatisfactionDropRule extends BasicRule {
    static final String SATISFACTION_RECOVERED = "SATISFACTION_RECOVERED";

    private final SatisfactionDrop config;

    SatisfactionDropRule(SatisfactionDrop config) {
        super(AlertType.SATISFACTION_DROP, Route.CARE_CENTRE, config.action());
        this.config = config;
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        double satisfaction = c.scores().satisfaction();
        Integer answer = latestAnswer(c.state());
        boolean dissatisfied = answer != null && answer <= config.dissatisfiedAnswer();
        int attitude =
                c.state().getMonth1().getServiceAttitudeComplaints()
                        + c.state().getToday().getServiceAttitudeComplaints();
        Attribution burst = droppedCallBurst(c.state());
        if (satisfaction < config.below() || dissatisfied || attitude > 0 || burst != null) {
            boolean severe = satisfaction < config.below() / 2 || (answer != null && answer == 1);
            return Finding.raise(
                    severe ? Severity.HIGH : Severity.MEDIUM,
                    c.now(),
                    () -> reasons(satisfaction, answer, attitude, burst));
        }
        if (open != null && burstDayGoesOn(c.state(), open)) {
            return Finding.hold();
        }
        return satisfaction >= config.clearFrom()
                ? Finding.clear(
                        SATISFACTION_RECOVERED, () -> reasons(satisfaction, answer, attitude, null))
                : Finding.hold();
    }

    /**
     * An episode opened today with dropped calls enough for a burst is held until the day ends: the
     * share falls back as the day's good calls arrive, and the order they arrive in must not open
     * and resolve the same burst several times.
     */
    private boolean burstDayGoesOn(SubscriberState state, OpenEpisode open) {
        return Days.epochDay(open.getStart()) == state.getCurrentDay()
                && state.getToday().getDroppedCalls() >= config.burstMinDropped();
    }

    /**
     * Today's dropped-call share against the subscriber's own, if it is a burst: enough dropped
     * calls, and a share far above the usual one; null otherwise or without a baseline.
     */
    private Attribution droppedCallBurst(SubscriberState state) {
        if (state.getToday().getDroppedCalls() < config.burstMinDropped()) {
            return null;
        }
        DailyBaselines baselines = DailyBaselines.decode(state.getAnomalyBaselines());
        if (baselines.day() != state.getCurrentDay()) {
            return null;
        }
        Anomaly today =
                AnomalyScorer.score(
                        state.getToday(),
                        state.getCurrentDay(),
                        false,
                        baselines,
                        EnumSet.of(Measure.DROPPED_CALL_SHARE));
        return today.score() >= config.burstMinScore() ? today.attributions().get(0) : null;
    }

    private List<Reason> reasons(
            double satisfaction, Integer answer, int attitudeComplaints, Attribution burst) {
        List<Reason> reasons = new ArrayList<>(4);
        if (burst != null) {
            reasons.add(
                    Reasons.of(
                            "DROPPED_CALL_BURST",
                            burst.value(),
                            burst.levelAt(config.burstMinScore()),
                            burst.expected(),
                            "%s (%.1f spreads above the usual; alert from %.0f)",
                            burst.text("today"),
                            burst.deviation(),
                            config.burstMinScore()));
        }
        if (attitudeComplaints > 0 && satisfaction >= config.below()) {
            reasons.add(attitudeReason(attitudeComplaints));
        }
        reasons.add(
                Reasons.of(
                        "LOW_SATISFACTION",
                        satisfaction,
                        config.below(),
                        null,
                        "Satisfaction %.0f of 100 (alert below %.0f)",
                        satisfaction,
                        config.below()));
        if (answer != null) {
            reasons.add(
                    Reasons.of(
                            "SURVEY_ANSWER",
                            (double) answer,
                            (double) config.dissatisfiedAnswer(),
                            3.0,
                            "Latest survey answer %d of 5 (dissatisfied up to %d, neutral 3)",
                            answer,
                            config.dissatisfiedAnswer()));
        }
        if (attitudeComplaints > 0 && satisfaction < config.below()) {
            reasons.add(attitudeReason(attitudeComplaints));
        }
        return reasons;
    }

    private static Reason attitudeReason(int complaints) {
        return Reasons.of(
                "SERVICE_ATTITUDE_COMPLAINT",
                (double) complaints,
                1.0,
                0.0,
                "%d complaint%s about service attitude in the last 30 days",
                complaints,
                complaints == 1 ? "" : "s");
    }

    private static Integer latestAnswer(SubscriberState state) {
        List<Integer> answers = state.getSurveys();
        return answers.isEmpty() ? null : answers.get(answers.size() - 1);
    }
}
