package io.pulse.simulator;

import io.pulse.schema.AlertType;

/**
 * The behaviour planted in a simulated subscriber: the ground truth the scoring job's alerts can
 * be checked against. Each planted behaviour is shaped to raise one alert type ({@link
 * #plantedAlert()}) once the scoring job has seen enough history for that type.
 */
public enum Behaviour {
    /** Regular usage for the whole simulation. */
    STEADY(null),
    /** Usage falls steadily over the weeks from {@link SimulatedSubscriber#behaviourStart()}. */
    DECLINER(AlertType.USAGE_DROP),
    /**
     * Stops all activity of their own (calls, SMS, data, top-ups, payments, contacts) at {@link
     * SimulatedSubscriber#behaviourStart()}; incoming calls and SMS, bills and network events go on.
     */
    SILENT(AlertType.ZERO_ACTIVITY),
    /** Complaints, dropped calls, faults repaired late, low survey scores and care contacts. */
    COMPLAINER(AlertType.SATISFACTION_DROP),
    /**
     * Voice has moved elsewhere (a messaging app, another operator's SIM): from {@link
     * SimulatedSubscriber#behaviourStart()} no call is made or received, while data sessions,
     * messages and bills go on.
     */
    DORMANT(AlertType.DORMANT),
    /** Uses the line as usual but pays no bill. */
    NON_PAYER(AlertType.ARREARS),
    /**
     * One bill, the first at or after {@link SimulatedSubscriber#behaviourStart()}, several times
     * the usual one (roaming and premium-rate charges); the others are ordinary.
     */
    BILL_SHOCKED(AlertType.BILL_SHOCK),
    /**
     * One day, starting at {@link SimulatedSubscriber#behaviourStart()}, of many long
     * international calls (a cloned or stolen SIM).
     */
    SPIKER(AlertType.USAGE_SPIKE),
    /**
     * A line fault from {@link SimulatedSubscriber#behaviourStart()} that keeps coming back:
     * repeated fault reports whose repairs mostly miss the committed time, and dropped calls.
     */
    FAULTY(AlertType.REPAIR_OVERDUE),
    /**
     * Key accounts only: approached by competitors from {@link SimulatedSubscriber#behaviourStart()}
     * on, again every few weeks.
     */
    COURTED(AlertType.COMPETITOR_CONTACT),
    /**
     * About to leave, as the churn model's calibration data knows leavers: from {@link
     * SimulatedSubscriber#behaviourStart()} repeated calls to customer service and heavy, costly
     * daytime calling.
     */
    CHURNER(AlertType.CHURN_RISK),
    /**
     * Key accounts only: moves a good part of its lines to a competitor within a week from {@link
     * SimulatedSubscriber#behaviourStart()}, so call spend and bills drop and stay down.
     */
    SPEND_DECLINER(AlertType.SPEND_DROP);

    private final AlertType plantedAlert;

    Behaviour(AlertType plantedAlert) {
        this.plantedAlert = plantedAlert;
    }

    /** The alert type the behaviour is planted to raise; null for {@link #STEADY}. */
    public AlertType plantedAlert() {
        return plantedAlert;
    }
}
