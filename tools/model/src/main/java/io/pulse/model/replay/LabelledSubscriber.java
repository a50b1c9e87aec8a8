package io.pulse.model.replay;

/**
 * One row of a labelled churn file in the format of the public calibration set: a month of a
 * subscriber's usage, plans and customer-service calls, and whether they churned.
 */
public record LabelledSubscriber(
        String id,
        int accountLengthDays,
        boolean internationalPlan,
        boolean voicemailPlan,
        Band day,
        Band evening,
        Band night,
        Band international,
        int customerServiceCalls,
        boolean churned) {

    /** Calls, minutes and charge (in currency units) of one part of the month's calls. */
    public record Band(int calls, double minutes, double charge) {}
}
