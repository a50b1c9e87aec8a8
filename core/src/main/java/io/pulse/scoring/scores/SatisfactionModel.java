package io.pulse.scoring.scores;

import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.scoring.config.ScoringConfig.BillShock;
import io.pulse.scoring.config.ScoringConfig.Satisfaction;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.SubscriberFacts;
import io.pulse.state.OpenFault;
import io.pulse.state.SubscriberState;

import java.util.ArrayList;
import java.util.List;

/**
 * Satisfaction 0..100: an anchor (the segment baseline, or the survey index once the subscriber has
 * answered) minus penalties for bad experience that fade with a half-life: complaints by category
 * and severity, dropped calls, faults and repairs later than committed, bill shock, and repeated
 * care contacts (a slow or failed first response). Repairs overdue right now weigh without fading
 * until they are cleared. A fresh survey answer re-anchors the score and clears the penalties it
 * already reflects.
 */
public final class SatisfactionModel {
    private final Satisfaction config;
    private final BillShock billShock;
    private final double halfLifeMillis;

    public SatisfactionModel(Satisfaction config, BillShock billShock) {
        this.config = config;
        this.billShock = billShock;
        this.halfLifeMillis = Days.days(config.halfLifeDays());
    }

    /** Applies what an event says about the subscriber's experience. */
    public void apply(SubscriberState state, SubscriberEvent event) {
        switch (event.getType()) {
            case COMPLAINT:
                int severity = event.getSeverity() == null ? 1 : event.getSeverity();
                double penalty = config.complaintBySeverity().get(severity - 1);
                if (event.getCategory() == ComplaintCategory.BILLING) {
                    penalty += config.billingComplaintExtra();
                }
                addPenalty(state, penalty, event.getEventTime());
                break;
            case VOICE_CALL:
                if (Boolean.TRUE.equals(event.getDropped())) {
                    addPenalty(state, config.droppedCall(), event.getEventTime());
                }
                break;
            case FAULT_REPORT:
                addPenalty(state, config.fault(), event.getEventTime());
                break;
            case FAULT_CLEARED:
                if (clearedLate(state, event)) {
                    addPenalty(state, config.lateRepair(), event.getEventTime());
                }
                break;
            case CARE_CONTACT:
                Long previous = state.getLastCareContactTime();
                boolean repeated =
                        previous != null
                                && Math.abs(event.getEventTime() - previous)
                                        <= Days.days(config.repeatContactDays());
                addPenalty(
                        state,
                        config.careContact() + (repeated ? config.repeatContact() : 0),
                        event.getEventTime());
                break;
            case BILL:
                // judged before the bill joins the recent bills
                if (isBillShock(
                        event.getAmountMinor(),
                        usualBillMinor(state.getRecentBills()),
                        billShock)) {
                    addPenalty(state, config.billShock(), event.getEventTime());
                }
                break;
            case SURVEY:
                answerSurvey(state, event.getSurveyScore(), event.getEventTime());
                break;
            default:
                // other events say nothing about satisfaction
        }
    }

    public double score(SubscriberState state, Segment segment, long now) {
        double anchor =
                state.getSatisfactionAnchor() != null
                        ? state.getSatisfactionAnchor()
                        : config.baseline().get(segment);
        return clamp(
                anchor
                        - penaltyAt(state, now)
                        - config.overdueRepair() * SubscriberFacts.overdueRepairs(state, now));
    }

    /**
     * The subscriber's usual bill: the mean of the bills before the one being judged (the state's
     * recent bills before a new bill is recorded); 0 without any.
     */
    public static long usualBillMinor(List<Long> previousBills) {
        if (previousBills.isEmpty()) {
            return 0;
        }
        long sum = 0;
        for (long amount : previousBills) {
            sum += amount;
        }
        return sum / previousBills.size();
    }

    /**
     * A bill far above the usual one (alerts.bill-shock): what both the alert and the penalty use.
     */
    public static boolean isBillShock(long amountMinor, long usualMinor, BillShock config) {
        return usualMinor > 0
                && amountMinor > config.ratio() * usualMinor
                && amountMinor >= config.minYuan() * 100;
    }

    private static boolean clearedLate(SubscriberState state, SubscriberEvent event) {
        for (OpenFault fault : state.getOpenFaults()) {
            if (fault.getId().equals(event.getReferenceId())) {
                return fault.getCommitTime() != null
                        && event.getEventTime() > fault.getCommitTime();
            }
        }
        return false;
    }

    /** Survey index E = sum(i * P_i) over the latest answers, mapped from 1..5 to 0..100. */
    static double surveyAnchor(List<Integer> answers) {
        double e = answers.stream().mapToInt(Integer::intValue).average().orElse(3.0);
        return (e - 1) / 4 * 100;
    }

    private void answerSurvey(SubscriberState state, int answer, long time) {
        List<Integer> answers = new ArrayList<>(state.getSurveys());
        answers.add(answer);
        while (answers.size() > config.surveyAnswers()) {
            answers.remove(0);
        }
        state.setSurveys(answers);
        state.setSatisfactionAnchor(surveyAnchor(answers));
        state.setPenalty(0.0);
        state.setPenaltyTime(time);
    }

    private void addPenalty(SubscriberState state, double penalty, long time) {
        if (time >= state.getPenaltyTime()) {
            state.setPenalty(penaltyAt(state, time) + penalty);
            state.setPenaltyTime(time);
        } else {
            // a late event: add it as already faded to the time the penalty is kept at
            state.setPenalty(state.getPenalty() + penalty * fade(state.getPenaltyTime() - time));
        }
    }

    private double penaltyAt(SubscriberState state, long now) {
        return state.getPenalty() * fade(Math.max(0, now - state.getPenaltyTime()));
    }

    private double fade(long elapsedMillis) {
        return Math.pow(0.5, elapsedMillis / halfLifeMillis);
    }

    private static double clamp(double value) {
        return Math.max(0.0, Math.min(100.0, value));
    }
}
