package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.scoring.config.ScoringConfig.SatisfactionDrop;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.util.ArrayList;
import java.util.List;

/**
 * SATISFACTION_DROP: satisfaction below the threshold, or a dissatisfied survey answer: a live
 * agent calls back and follows up until resolved. Cleared when satisfaction is back above a higher
 * level and the latest answer is no longer dissatisfied.
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
        if (satisfaction < config.below() || dissatisfied) {
            boolean severe = satisfaction < config.below() / 2 || (answer != null && answer == 1);
            return Finding.raise(
                    severe ? Severity.HIGH : Severity.MEDIUM,
                    c.now(),
                    () -> reasons(satisfaction, answer));
        }
        return satisfaction >= config.clearFrom()
                ? Finding.clear(SATISFACTION_RECOVERED, () -> reasons(satisfaction, answer))
                : Finding.hold();
    }

    private List<Reason> reasons(double satisfaction, Integer answer) {
        List<Reason> reasons = new ArrayList<>(2);
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
        return reasons;
    }

    private static Integer latestAnswer(SubscriberState state) {
        List<Integer> answers = state.getSurveys();
        return answers.isEmpty() ? null : answers.get(answers.size() - 1);
    }
}
