package io.pulse.local.replay;

import io.pulse.model.report.ReportTable;
import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.NetworkIncident;

import java.util.List;
import java.util.Locale;

/**
 * What holding back the silence and decline of areas in a network incident did in a replay: the
 * same history replayed without the incidents read back and with them, as the job reads its
 * incidents topic. Contacts are the retention contacts of the evaluated time ({@link
 * AlertEvaluation}); an episode released after its incident counts as a contact at its release.
 */
record IncidentHolding(
        int incidents, int held, int released, int contactsWithout, int contactsWith) {

    static IncidentHolding of(
            List<NetworkIncident> incidents,
            AlertEvaluation.Result without,
            AlertEvaluation.Result with,
            List<Alert> alertsWith) {
        int opened =
                (int) incidents.stream().filter(i -> i.getStatus() == AlertStatus.OPEN).count();
        int held =
                (int)
                        alertsWith.stream()
                                .filter(a -> a.getStatus() == AlertStatus.OPEN)
                                .filter(a -> a.getIncidentId() != null)
                                .count();
        int released =
                (int)
                        AlertEvaluation.actedOn(alertsWith).stream()
                                .filter(a -> a.getStatus() == AlertStatus.UPDATED)
                                .count();
        return new IncidentHolding(
                opened,
                held,
                released,
                without.overall().retentionContacts(),
                with.overall().retentionContacts());
    }

    /** Retention contacts the incidents spared. */
    int saved() {
        return contactsWithout - contactsWith;
    }

    String summary() {
        return String.format(
                Locale.ROOT,
                "%d network incidents held back %d episodes (%d released after their incident);"
                        + " retention contacts %d without holding, %d with: %d saved",
                incidents,
                held,
                released,
                contactsWithout,
                contactsWith,
                saved());
    }

    ReportTable table(String run) {
        return ReportTable.builder("Network incidents: contacts held back, " + run, "", "")
                .row("incidents opened", Integer.toString(incidents))
                .row("episodes held back (silence, usage drop, churn risk)", Integer.toString(held))
                .row("of them released after the incident", Integer.toString(released))
                .row("retention contacts without holding", Integer.toString(contactsWithout))
                .row("retention contacts with holding", Integer.toString(contactsWith))
                .row("retention contacts saved", Integer.toString(saved()))
                .note(
                        "The history replayed twice: without the incidents read back, and with"
                                + " them, as the job reads its incidents topic (an incident"
                                + " counts from the end of its first hour).")
                .build();
    }
}
