package io.pulse.model.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CSVs behind the charts, one row per set and item with the set's name in the first column, so
 * one file holds every set and filters by set in a spreadsheet. RFC 4180: comma-separated, a cell
 * with a comma, quote or line break quoted, UTF-8, a header row.
 */
final class CsvFiles {
    static final String SCORES = "scores.csv";
    static final String DECILES = "deciles.csv";
    static final String CALIBRATION = "calibration.csv";
    static final String PRECISION_RECALL = "precision-recall.csv";
    static final String LEAD_TIMES = "lead-times.csv";

    private CsvFiles() {}

    static void scores(Path file, List<ScoredSet> sets) throws IOException {
        try (Csv csv = new Csv(file, "set", "id", "score", "label")) {
            for (ScoredSet set : sets) {
                double[] scores = set.scores();
                int[] labels = set.labels();
                for (int i = 0; i < scores.length; i++) {
                    csv.row(
                            set.name(),
                            set.ids().get(i),
                            Format.csv(scores[i]),
                            Integer.toString(labels[i]));
                }
            }
        }
    }

    static void deciles(Path file, List<String> names, List<List<Deciles.Decile>> deciles)
            throws IOException {
        try (Csv csv =
                new Csv(
                        file,
                        "set",
                        "decile",
                        "subscribers",
                        "churners",
                        "churn_rate",
                        "lift",
                        "cumulative_gain",
                        "min_score",
                        "max_score")) {
            for (int s = 0; s < names.size(); s++) {
                for (Deciles.Decile d : deciles.get(s)) {
                    csv.row(
                            names.get(s),
                            Integer.toString(d.decile()),
                            Integer.toString(d.subscribers()),
                            Integer.toString(d.churners()),
                            Format.csv(d.churnRate()),
                            Format.csv(d.lift()),
                            Format.csv(d.cumulativeGain()),
                            Format.csv(d.minScore()),
                            Format.csv(d.maxScore()));
                }
            }
        }
    }

    static void calibration(Path file, List<String> names, List<List<Calibration.Bin>> bins)
            throws IOException {
        try (Csv csv =
                new Csv(
                        file,
                        "set",
                        "bin",
                        "from",
                        "to",
                        "subscribers",
                        "churners",
                        "mean_predicted",
                        "observed_churn_rate")) {
            for (int s = 0; s < names.size(); s++) {
                for (Calibration.Bin b : bins.get(s)) {
                    csv.row(
                            names.get(s),
                            Integer.toString(b.bin() + 1),
                            Format.csv(b.from()),
                            Format.csv(b.to()),
                            Integer.toString(b.subscribers()),
                            Integer.toString(b.churners()),
                            Format.csv(b.meanPredicted()),
                            Format.csv(b.observedRate()));
                }
            }
        }
    }

    static void precisionRecall(
            Path file, List<String> names, List<List<PrecisionRecall.Point>> curves)
            throws IOException {
        try (Csv csv =
                new Csv(
                        file,
                        "set",
                        "threshold",
                        "flagged",
                        "churners_caught",
                        "precision",
                        "recall")) {
            for (int s = 0; s < names.size(); s++) {
                for (PrecisionRecall.Point p : curves.get(s)) {
                    csv.row(
                            names.get(s),
                            Format.csv(p.threshold()),
                            Integer.toString(p.flagged()),
                            Integer.toString(p.caught()),
                            Format.csv(p.precision()),
                            Format.csv(p.recall()));
                }
            }
        }
    }

    static void leadTimes(Path file, List<ScoredSet> sets) throws IOException {
        try (Csv csv = new Csv(file, "set", "lead_time_days")) {
            for (ScoredSet set : sets) {
                for (double days : set.leadTimesDays()) {
                    csv.row(set.name(), Format.csv(days));
                }
            }
        }
    }

    /** One CSV file being written. */
    private static final class Csv implements AutoCloseable {
        private final BufferedWriter out;

        Csv(Path file, String... header) throws IOException {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            row(header);
        }

        void row(String... cells) throws IOException {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quote(cells[i]));
            }
            out.write("\r\n");
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0
                && cell.indexOf('"') < 0
                && cell.indexOf('\n') < 0
                && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
