package io.pulse.local.replay;

import io.pulse.model.report.ReportTable;
import io.pulse.schema.AlertType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The replay's own tables: every alert type's figures, and the overall ones, for each run compared.
 */
final class ReplayReport {
    static final String ALERT_TYPES_CSV = "alert-types.csv";

    private ReplayReport() {}

    static ReportTable alertTypes(
            String run, AlertEvaluation.Result result, EvaluationSettings settings) {
        ReportTable.Builder table =
                ReportTable.builder(
                        "Alert types: " + run,
                        "alert type",
                        "opened",
                        "per 1,000 subscribers a month",
                        "precision",
                        "judged",
                        "condition there",
                        "conditions found",
                        "recall of churners",
                        "median lead (days)",
                        "retention contacts",
                        "contacts per churner caught",
                        "value (yuan)");
        for (AlertEvaluation.TypeFigures f : result.types()) {
            table.row(
                    f.type().name() + (f.churnType() ? " *" : ""),
                    count(f.opened()),
                    number(f.perThousandPerMonth(), 1),
                    share(f.churnType() ? f.precision() : f.conditionPrecision()),
                    count(f.churnType() ? f.judged() : f.opened()),
                    share(f.conditionPrecision()),
                    f.conditionWindows() == 0
                            ? "n/a"
                            : share(f.conditionRecall()) + " of " + count(f.conditionWindows()),
                    share(f.recall()),
                    number(f.medianLeadDays(), 0),
                    count(f.contacts()),
                    number(f.contactsPerChurnerCaught(), 1),
                    number(f.value(), 0));
        }
        return table.note(
                        String.format(
                                Locale.ROOT,
                                "* churn types: precision is the share of alerted subscribers who left within %d days of an alert"
                                        + " (alerts too close to the history's end to tell are not judged); for the others it is the"
                                        + " share of alerts whose condition was really there (the column beside it, for every type)."
                                        + " Conditions found: the type's conditions of the truth begun in the evaluated time that an alert"
                                        + " of the type was opened in."
                                        + " Recall: churners with an alert of the type in the %d days before they left.",
                                settings.churnWindowDays(),
                                settings.churnWindowDays()))
                .build();
    }

    static ReportTable overall(
            List<String> runs, List<AlertEvaluation.Result> results, EvaluationSettings settings) {
        String[] header = new String[runs.size() + 1];
        header[0] = "";
        for (int i = 0; i < runs.size(); i++) {
            header[i + 1] = runs.get(i);
        }
        ReportTable.Builder table = ReportTable.builder("Overall", header);
        row(table, results, "subscribers", r -> count(r.overall().subscribers()));
        row(table, results, "churners (after the warm-up)", r -> count(r.overall().churners()));
        row(table, results, "churners a month", r -> number(r.overall().churnersPerMonth(), 1));
        row(
                table,
                results,
                "retention contacts a month",
                r -> number(r.overall().retentionContactsPerMonth(), 1));
        row(
                table,
                results,
                "retention contacts a month per churner",
                r -> number(r.overall().contactsPerChurner(), 2));
        row(
                table,
                results,
                "churners caught by any retention contact",
                r -> share(r.overall().recallOfAnyRetentionAlert()));
        row(
                table,
                results,
                "steady stayers quiet " + settings.quietDays() + " days (waverers left out)",
                r ->
                        share(r.overall().steadyQuiet())
                                + " of "
                                + count(r.overall().steadyStayers()));
        row(
                table,
                results,
                "steady stayers quiet " + settings.quietDays() + " days (waverers counted)",
                r ->
                        share(r.overall().steadyQuietWithWaverers())
                                + " of "
                                + count(r.overall().steadyStayersWithWaverers()));
        row(
                table,
                results,
                "churn within "
                        + settings.churnWindowDays()
                        + " days of a retention alert: contacted",
                r -> share(r.uplift().contactedChurn()) + " of " + count(r.uplift().contacted()));
        row(
                table,
                results,
                "the same: control group (held out of contact)",
                r -> share(r.uplift().controlChurn()) + " of " + count(r.uplift().control()));
        row(
                table,
                results,
                "uplift: churn the contacts saved (95% interval)",
                r ->
                        r.uplift().control() == 0 || r.uplift().contacted() == 0
                                ? "n/a (no control group)"
                                : share(r.uplift().uplift())
                                        + " ± "
                                        + share(r.uplift().halfWidth95()));
        return table.note(
                        "Quiet: raised none of "
                                + AlertEvaluation.QUIET_TYPES
                                + " in the first "
                                + settings.quietDays()
                                + " days of the history. Waverers considered leaving for a while and stayed."
                                + " Uplift: the control group's churn less the contacted's"
                                + " (alerts.control-group; a simulated world does not answer"
                                + " contacts, so its uplift is 0 within the interval).")
                .build();
    }

    /**
     * The planted anomalies of the truth, per run: how many the type that should find each found,
     * and that type's false alarms.
     */
    static ReportTable anomalies(List<String> runs, List<AlertEvaluation.Result> results) {
        ReportTable.Builder table =
                ReportTable.builder(
                        "Planted anomalies",
                        "run",
                        "anomaly",
                        "found by",
                        "planted",
                        "found",
                        "recall",
                        "its false alarms per 1,000 subscribers a month");
        for (int i = 0; i < runs.size(); i++) {
            for (AlertEvaluation.AnomalyFigures f : results.get(i).anomalies()) {
                table.row(
                        runs.get(i),
                        f.anomaly().name(),
                        f.detector().name(),
                        count(f.planted()),
                        count(f.found()),
                        share(f.recall()),
                        number(f.falseAlarmsPerThousandPerMonth(), 2));
            }
        }
        return table.note(
                        "Planted: the anomalies begun in the evaluated time. Found: an alert of the type opened within"
                                + " the anomaly's window, give or take two days. False alarms: the type's alerts within none of"
                                + " its conditions of the truth, over the subscriber-months observed.")
                .build();
    }

    /** Every run's per-type figures in one CSV, numbers unformatted. */
    static void writeCsv(Path file, List<String> runs, List<AlertEvaluation.Result> results)
            throws IOException {
        StringBuilder csv =
                new StringBuilder(
                        "run,alert_type,churn_type,opened,per_1000_per_month,precision,judged,"
                                + "condition_precision,condition_recall,condition_windows,recall,median_lead_days,retention_contacts,contacts_per_churner_caught,value_yuan\n");
        for (int i = 0; i < runs.size(); i++) {
            for (AlertEvaluation.TypeFigures f : results.get(i).types()) {
                csv.append(
                                String.join(
                                        ",",
                                        runs.get(i),
                                        f.type().name(),
                                        Boolean.toString(f.churnType()),
                                        Integer.toString(f.opened()),
                                        raw(f.perThousandPerMonth()),
                                        raw(f.precision()),
                                        Integer.toString(f.judged()),
                                        raw(f.conditionPrecision()),
                                        raw(f.conditionRecall()),
                                        Integer.toString(f.conditionWindows()),
                                        raw(f.recall()),
                                        raw(f.medianLeadDays()),
                                        Integer.toString(f.contacts()),
                                        raw(f.contactsPerChurnerCaught()),
                                        raw(f.value())))
                        .append('\n');
            }
        }
        Files.writeString(file, csv);
    }

    static AlertEvaluation.TypeFigures figures(AlertEvaluation.Result result, AlertType type) {
        return result.types().stream().filter(f -> f.type() == type).findFirst().orElseThrow();
    }

    private interface Cell {
        String of(AlertEvaluation.Result result);
    }

    private static void row(
            ReportTable.Builder table,
            List<AlertEvaluation.Result> results,
            String name,
            Cell cell) {
        String[] cells = new String[results.size() + 1];
        cells[0] = name;
        for (int i = 0; i < results.size(); i++) {
            cells[i + 1] = cell.of(results.get(i));
        }
        table.row(cells);
    }

    private static String raw(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String share(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String number(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
