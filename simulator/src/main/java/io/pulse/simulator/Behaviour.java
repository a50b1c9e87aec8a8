package io.pulse.simulator;

import io.pulse.schema.AlertType;

/**
 * A condition planted in a simulated subscriber for a while, independently of whether they later
 * leave (churn is drawn apart, see {@link ChurnPlan}). Each is something that happens to real
 * subscribers, with its own strength and length drawn from a range, not fitted to any alert rule: a
 * decline to 80% of the usual traffic is as much a decline as one to 10%, and whether an alert
 * should fire for it is for the evaluation to measure. The ground truth records the condition and
 * its window.
 */
public enum Behaviour {
    /**
     * Nothing planted: only ordinary life (quiet spells, travel, the odd complaint or late
     * payment).
     */
    STEADY(null),
    /**
     * Usage falls over some weeks to a lower level and stays there (a company phone, a new
     * routine).
     */
    DECLINER(AlertType.USAGE_DROP),
    /**
     * A line kept but no longer used (a second SIM in a drawer): from the start of the behaviour no
     * activity of their own; some incoming calls and messages, bills and network events go on.
     */
    SILENT(AlertType.ZERO_ACTIVITY),
    /**
     * A spell of bad experiences: complaints, dropped calls, late repairs, low survey answers, care
     * contacts.
     */
    COMPLAINER(AlertType.SATISFACTION_DROP),
    /** Voice has moved to messaging apps: no call is made or received; data and messages go on. */
    DORMANT(AlertType.DORMANT),
    /**
     * Stops paying for one to three bills, then pays everything; a bill thirty days past due
     * suspends the line until then.
     */
    NON_PAYER(AlertType.ARREARS),
    /**
     * One bill several times the usual one (roaming, premium-rate services); the others are
     * ordinary.
     */
    BILL_SHOCKED(AlertType.BILL_SHOCK),
    /** One day of many long international calls (a cloned or stolen SIM). */
    SPIKER(AlertType.USAGE_SPIKE),
    /**
     * A line fault that keeps coming back for some weeks: repeated fault reports, repairs mostly
     * late, dropped calls.
     */
    FAULTY(AlertType.REPAIR_OVERDUE),
    /** Key accounts only: approached by competitors' account teams every few weeks for a while. */
    COURTED(AlertType.COMPETITOR_CONTACT),
    /**
     * Key-account lines only: part of the line's use moves to a competitor within a week, so its
     * spend and bills drop and stay down (an account losing whole lines is {@link KeyAccounts}).
     */
    SPEND_DECLINER(AlertType.SPEND_DROP);

    private final AlertType alertType;

    Behaviour(AlertType alertType) {
        this.alertType = alertType;
    }

    /** The alert type that names the condition; null for {@link #STEADY}. */
    public AlertType alertType() {
        return alertType;
    }
}
