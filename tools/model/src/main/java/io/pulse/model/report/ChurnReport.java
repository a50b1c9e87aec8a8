package io.pulse.model.report;

import io.pulse.model.train.Metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The churn evaluation report a retention analyst opens: for one or more scored sets (say "current"
 * and "challenger") the charts operators judge a churn model by, the CSVs behind them, and
 * report.md and report.html with the inputs, a summary table, the caller's own tables and the
 * charts with a sentence each on how to read them.
 *
 * <pre>{@code
 * ChurnReport.builder("Churn model evaluation")
 *         .input("Labelled file data/churn-test.csv")
 *         .threshold(0.5)
 *         .set(current)            // ScoredSet.of("current", ids, scores, labels)
 *         .set(challenger)
 *         .table(ReportTable.builder("Alerts", "alert type", "precision").row("CHURN_RISK", "0.820").build())
 *         .build()
 *         .writeTo(Path.of("target/report"));
 * }</pre>
 *
 * <p>Every set is one series in every chart, in the order added, in the same colour throughout;
 * readable up to about four sets. Figures that need something a set lacks are left out rather than
 * drawn empty: the lead-time chart appears only when a set has lead times.
 */
public final class ChurnReport {
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    public static final String GAINS_CHART = "gains.png";
    public static final String LIFT_CHART = "lift.png";
    public static final String PRECISION_RECALL_CHART = "precision-recall.png";
    public static final String CALIBRATION_CHART = "calibration.png";
    public static final String LEAD_TIME_CHART = "lead-times.png";
    public static final String SCORES_CSV = CsvFiles.SCORES;
    public static final String DECILES_CSV = CsvFiles.DECILES;
    public static final String CALIBRATION_CSV = CsvFiles.CALIBRATION;
    public static final String PRECISION_RECALL_CSV = CsvFiles.PRECISION_RECALL;
    public static final String LEAD_TIMES_CSV = CsvFiles.LEAD_TIMES;

    /** The size of every chart, in pixels. */
    public static final int CHART_WIDTH = Charts.WIDTH;

    public static final int CHART_HEIGHT = Charts.HEIGHT;

    /** The summary table's title in report.md and report.html. */
    public static final String SUMMARY = "Summary";

    private static final List<String> CHARTS =
            List.of(
                    GAINS_CHART,
                    LIFT_CHART,
                    PRECISION_RECALL_CHART,
                    CALIBRATION_CHART,
                    LEAD_TIME_CHART);

    private final String title;
    private final List<String> inputs;
    private final double threshold;
    private final List<ScoredSet> sets;
    private final List<ReportTable> tables;

    private ChurnReport(Builder b) {
        if (b.sets.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one scored set");
        }
        if (!(b.threshold >= 0 && b.threshold <= 1)) {
            throw new IllegalArgumentException(
                    "alert threshold " + b.threshold + " is not a probability in 0..1");
        }
        Set<String> names = new HashSet<>();
        for (ScoredSet set : b.sets) {
            if (!names.add(set.name())) {
                throw new IllegalArgumentException(
                        "two scored sets are named '" + set.name() + "'");
            }
        }
        this.title = b.title;
        this.inputs = List.copyOf(b.inputs);
        this.threshold = b.threshold;
        this.sets = List.copyOf(b.sets);
        this.tables = List.copyOf(b.tables);
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** The summary figures of each set, in the order the sets were added. */
    public List<SetSummary> summaries() {
        List<SetSummary> summaries = new ArrayList<>(sets.size());
        for (ScoredSet set : sets) {
            summaries.add(SetSummary.of(set, threshold));
        }
        return summaries;
    }

    /**
     * Writes the report into {@code directory}, creating it if needed and replacing a report
     * written there before (a chart this report does not draw is removed, so no stale one is left
     * behind).
     */
    public ReportFiles writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String> names = sets.stream().map(ScoredSet::name).toList();
        List<SetSummary> summaries = summaries();
        List<List<Deciles.Decile>> deciles = new ArrayList<>();
        List<List<Gains.Point>> gains = new ArrayList<>();
        List<List<PrecisionRecall.Point>> precisionRecall = new ArrayList<>();
        List<List<Calibration.Bin>> calibration = new ArrayList<>();
        for (ScoredSet set : sets) {
            double[] scores = set.scores();
            int[] y = set.labels();
            deciles.add(Deciles.of(scores, y));
            gains.add(Gains.curve(scores, y));
            precisionRecall.add(PrecisionRecall.curve(scores, y));
            calibration.add(Calibration.bins(scores, y));
        }
        boolean leadTimes = sets.stream().anyMatch(ScoredSet::hasLeadTimes);

        List<Path> written = new ArrayList<>();
        CsvFiles.scores(add(written, directory, SCORES_CSV), sets);
        CsvFiles.deciles(add(written, directory, DECILES_CSV), names, deciles);
        CsvFiles.calibration(add(written, directory, CALIBRATION_CSV), names, calibration);
        CsvFiles.precisionRecall(
                add(written, directory, PRECISION_RECALL_CSV), names, precisionRecall);
        CsvFiles.leadTimes(add(written, directory, LEAD_TIMES_CSV), sets);

        List<ReportDocument.Figure> figures = new ArrayList<>();
        Charts.gains(add(written, directory, GAINS_CHART), names, gains);
        figures.add(
                new ReportDocument.Figure(
                        GAINS_CHART,
                        "Cumulative gains",
                        "Read up from a share of subscribers contacted, highest scores first, to the share of all churners"
                                + " reached: the higher the curve above the dashed diagonal (contacting at random), the fewer"
                                + " contacts a campaign needs for the same churners."));
        Charts.lift(add(written, directory, LIFT_CHART), names, deciles);
        figures.add(
                new ReportDocument.Figure(
                        LIFT_CHART,
                        "Lift by decile",
                        "Each bar is a tenth of the subscribers, highest scores first, and its height how many times the"
                                + " overall churn rate that tenth churns at: a good ranking falls from a tall first bar to"
                                + " below the dashed line at 1 (random) in the last deciles."));
        Charts.precisionRecall(
                add(written, directory, PRECISION_RECALL_CHART),
                names,
                precisionRecall,
                summaries,
                threshold);
        figures.add(
                new ReportDocument.Figure(
                        PRECISION_RECALL_CHART,
                        "Precision and recall",
                        "Each point of a curve is an alert threshold, and lowering it moves right: more of the churners are"
                                + " flagged (recall, coverage) while a smaller share of the flagged really churn (precision,"
                                + " hit rate); the diamond is the alert threshold "
                                + Format.threshold(threshold)
                                + " and the dashed line the hit rate of flagging at random."));
        Charts.calibration(add(written, directory, CALIBRATION_CHART), names, calibration);
        figures.add(
                new ReportDocument.Figure(
                        CALIBRATION_CHART,
                        "Calibration",
                        "Each point is the subscribers whose predicted probability fell into one tenth of 0..1: on the"
                                + " diagonal the probability is the real churn share, below it the model overstates the risk"
                                + " and above it understates it (bin counts in "
                                + CALIBRATION_CSV
                                + ")."));
        if (leadTimes) {
            Charts.leadTimes(
                    add(written, directory, LEAD_TIME_CHART),
                    names,
                    sets.stream().map(ScoredSet::leadTimesDays).toList());
            figures.add(
                    new ReportDocument.Figure(
                            LEAD_TIME_CHART,
                            "Lead time",
                            "Each bar counts the caught churners by how many days before churning they were first alerted:"
                                    + " the further right, the more time retention had to act."));
        }
        for (String chart : CHARTS) {
            Path file = directory.resolve(chart);
            if (!written.contains(file)) {
                Files.deleteIfExists(file);
            }
        }

        List<ReportTable> allTables = new ArrayList<>();
        allTables.add(summaryTable(summaries, leadTimes));
        allTables.addAll(tables);
        ReportDocument doc =
                new ReportDocument(title, inputs, allTables, figures, dataFiles(leadTimes));
        Path markdown = add(written, directory, MARKDOWN);
        Files.writeString(markdown, MarkdownReport.render(doc), StandardCharsets.UTF_8);
        Path html = add(written, directory, HTML);
        Files.writeString(html, HtmlReport.render(doc), StandardCharsets.UTF_8);
        return new ReportFiles(directory, html, markdown, List.copyOf(written));
    }

    private ReportTable summaryTable(List<SetSummary> summaries, boolean leadTimes) {
        String at = " at " + Format.threshold(threshold);
        ReportTable.Builder table =
                ReportTable.builder(
                        SUMMARY,
                        "set",
                        "subscribers",
                        "churners",
                        "churn rate",
                        "AUC",
                        "Brier",
                        "precision" + at,
                        "recall" + at,
                        "flagged" + at,
                        "top-10% precision",
                        "top-10% lift",
                        "median lead time (days)");
        for (SetSummary s : summaries) {
            table.row(
                    s.name(),
                    Format.count(s.subscribers()),
                    Format.count(s.churners()),
                    Format.rate(s.baseRate()),
                    Format.rate(s.auc()),
                    Format.rate(s.brier()),
                    Format.rate(s.precision()),
                    Format.rate(s.recall()),
                    Format.count(s.flagged()),
                    Format.rate(s.top10Precision()),
                    Format.lift(s.top10Lift()),
                    Format.days(s.medianLeadTimeDays()));
        }
        return table.note(
                        "AUC is the chance that a churner scores above a subscriber who stays (ties count half);"
                                + " Brier is the mean squared error of the probabilities (0 is perfect, lower is better);"
                                + " precision (hit rate), recall (coverage) and flagged count the subscribers whose score reaches the"
                                + " alert threshold "
                                + Format.threshold(threshold)
                                + "; top 10% is each set's "
                                + Math.round(Metrics.TOP_FRACTION * 100)
                                + "% highest scores (decile 1, equal scores in input order)"
                                + " and its lift that hit rate over the churn rate; "
                                + (leadTimes
                                        ? "lead time is the days from a caught churner's first alert to its churn date."
                                        : "no lead times: these scores have no alert history (lead times come from a replay)."))
                .build();
    }

    private static List<ReportDocument.DataFile> dataFiles(boolean leadTimes) {
        return List.of(
                new ReportDocument.DataFile(
                        SCORES_CSV,
                        "every subscriber's score and outcome (label 1: churned), per set"),
                new ReportDocument.DataFile(
                        DECILES_CSV,
                        "per set and decile: subscribers, churners, churn rate, lift,"
                                + " cumulative gain and score range (the gains curve at each tenth)"),
                new ReportDocument.DataFile(
                        CALIBRATION_CSV,
                        "per set and probability bin: subscribers, churners, mean"
                                + " predicted probability and observed churn rate"),
                new ReportDocument.DataFile(
                        PRECISION_RECALL_CSV,
                        "per set and threshold (each distinct score): flagged,"
                                + " churners caught, precision and recall"),
                new ReportDocument.DataFile(
                        LEAD_TIMES_CSV,
                        leadTimes
                                ? "per set, the lead time in days of each caught churner"
                                : "lead time of each caught churner (empty: no alert history)"));
    }

    private static Path add(List<Path> written, Path directory, String name) {
        Path file = directory.resolve(name);
        written.add(file);
        return file;
    }

    /**
     * Where a report was written: its directory, the two documents and every file, in writing
     * order.
     */
    public record ReportFiles(Path directory, Path html, Path markdown, List<Path> files) {}

    /** Collects a report's title, inputs, alert threshold, sets and extra tables. */
    public static final class Builder {
        private final String title;
        private final List<String> inputs = new ArrayList<>();
        private final List<ScoredSet> sets = new ArrayList<>();
        private final List<ReportTable> tables = new ArrayList<>();
        private double threshold = 0.5;

        private Builder(String title) {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("a report needs a title");
            }
            this.title = title;
        }

        /**
         * One line describing an input (data file, model version, configuration), listed under the
         * title.
         */
        public Builder input(String line) {
            inputs.add(line);
            return this;
        }

        /**
         * The alert threshold the summary's precision, recall and flagged are at; 0.5 unless set.
         */
        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** A scored set; the first one added is drawn first and listed first. */
        public Builder set(ScoredSet set) {
            sets.add(set);
            return this;
        }

        /** A table shown after the summary, in the order added. */
        public Builder table(ReportTable table) {
            tables.add(table);
            return this;
        }

        public ChurnReport build() {
            return new ChurnReport(this);
        }
    }
}
