package io.pulse.simulator;

import io.pulse.schema.ChurnCause;

import java.util.ArrayList;
import java.util.List;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;

/**
 * The conditions a subscriber's plan implies, known when the population is made: the planted
 * behaviour's window and the conditions of its way out (or change of mind), and a contract that
 * ends. Those that only single events reveal (arrears, late repairs, shock bills) and ordinary life
 * are recorded as the simulation reaches them.
 */
final class GroundTruth {
    /** A contract ending within this long is a renewal case (the source: 1-3 months). */
    static final long CONTRACT_ENDING_MILLIS = 90 * DAY_MILLIS;

    private static final long OPEN = ConditionWindow.OPEN;

    private GroundTruth() {}

    static List<ConditionWindow> plannedConditions(SimulatedSubscriber s) {
        List<ConditionWindow> conditions = new ArrayList<>();
        String id = s.id();
        long from = s.behaviourStart();
        long until = s.behaviourEnd() == SimulatedSubscriber.FOREVER ? OPEN : s.behaviourEnd();
        switch (s.behaviour()) {
            case DECLINER ->
                    conditions.add(new ConditionWindow(id, Condition.USAGE_DECLINE, from, until));
            case SILENT -> conditions.add(new ConditionWindow(id, Condition.SILENCE, from, until));
            case DORMANT ->
                    conditions.add(new ConditionWindow(id, Condition.NO_CALLS, from, until));
            case COMPLAINER, FAULTY ->
                    conditions.add(new ConditionWindow(id, Condition.DISSATISFIED, from, until));
            case SPIKER -> conditions.add(new ConditionWindow(id, Condition.FRAUD, from, until));
            case COURTED ->
                    conditions.add(
                            new ConditionWindow(id, Condition.COMPETITOR_APPROACH, from, until));
            case SPEND_DECLINER ->
                    conditions.add(new ConditionWindow(id, Condition.SPEND_DECLINE, from, until));
            default -> {}
        }
        if (s.nonPayerSuspendedFrom() != 0) {
            conditions.add(
                    new ConditionWindow(
                            id,
                            Condition.SUSPENDED,
                            s.nonPayerSuspendedFrom(),
                            s.nonPayerResumesAt()));
        }
        for (ChurnPlan plan : new ChurnPlan[] {s.churn(), s.waver()}) {
            if (plan != null) {
                planConditions(id, plan, conditions);
            }
        }
        if (s.accountMove() != null) {
            conditions.add(s.accountMove());
        }
        if (s.profile().getContractEndDate() != null) {
            long end = s.profile().getContractEndDate().toEpochDay() * DAY_MILLIS;
            conditions.add(
                    new ConditionWindow(
                            id, Condition.CONTRACT_ENDING, end - CONTRACT_ENDING_MILLIS, end));
        }
        return conditions;
    }

    private static void planConditions(
            String id, ChurnPlan plan, List<ConditionWindow> conditions) {
        if (plan.cause() == ChurnCause.DISAPPOINTMENT) {
            conditions.add(
                    new ConditionWindow(id, Condition.DISSATISFIED, plan.from(), plan.until()));
        }
        if (plan.shows(Sign.USAGE_MIGRATION)
                || plan.shows(Sign.FADES)
                || plan.shows(Sign.LATE_DECLINE)) {
            conditions.add(
                    new ConditionWindow(
                            id, Condition.USAGE_DECLINE, plan.declineFrom(), plan.until()));
        }
        if (plan.shows(Sign.STOPS_USING)) {
            conditions.add(
                    new ConditionWindow(id, Condition.SILENCE, plan.stopFrom(), plan.until()));
        }
        if (plan.shows(Sign.SUSPENDED)) {
            conditions.add(
                    new ConditionWindow(
                            id, Condition.SUSPENDED, plan.suspendedFrom(), plan.until()));
        }
        if (plan.shows(Sign.COMPETITOR_CONTACTS)) {
            conditions.add(
                    new ConditionWindow(
                            id, Condition.COMPETITOR_APPROACH, plan.from(), plan.until()));
        }
    }
}
