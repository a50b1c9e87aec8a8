package io.pulse.simulator;

/**
 * The behaviour planted in a simulated subscriber: the ground truth the scoring job's alerts can
 * be checked against.
 */
public enum Behaviour {
    /** Regular usage for the whole simulation. */
    STEADY,
    /** Usage falls steadily over the weeks from {@link SimulatedSubscriber#behaviourStart()}. */
    DECLINER,
    /**
     * Stops all activity of their own (calls, SMS, data, top-ups, payments, contacts) at {@link
     * SimulatedSubscriber#behaviourStart()}; incoming calls and SMS, bills and network events go on.
     */
    SILENT,
    /** Complaints, dropped calls, faults repaired late, low survey scores and care contacts. */
    COMPLAINER
}
