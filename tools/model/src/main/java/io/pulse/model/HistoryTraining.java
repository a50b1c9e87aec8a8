package io.pulse.model;

import io.pulse.model.history.History;
import io.pulse.model.history.OperatingPoints;
import io.pulse.model.history.Snapshot;
import io.pulse.model.history.SnapshotReplay;
import io.pulse.model.history.TimeSplit;
import io.pulse.model.report.Calibration;
import io.pulse.model.report.ChurnReport;
import io.pulse.model.report.ReportTable;
import io.pulse.model.report.ScoredSet;
import io.pulse.model.train.BoostedTreesTrainer;
import io.pulse.model.train.CalibrationFit;
import io.pulse.model.train.LabelledSet;
import io.pulse.model.train.LogisticTrainer;
import io.pulse.model.train.Metrics;
import io.pulse.model.train.ModelTrainer;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.churn.ChurnBand;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ConfigException;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.model.ChurnModel;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelArtifacts;
import io.pulse.scoring.model.ModelSpec;
import io.pulse.scoring.model.OperatingPoint;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pulse-model train --history}: learns churn from an operator's own event history. The
 * history is replayed through the job's state and feature code ({@link SnapshotReplay}), every
 * subscriber is snapshotted at weekly cut-offs and labelled by whether the history records its
 * termination within the horizon, and the snapshots are split by time ({@link TimeSplit}): the
 * models learn from the earliest cut-offs, are calibrated on later ones and evaluated on the
 * latest, where the operating points of the combined probability are measured too. The model file
 * written is the one evaluated.
 */
final class HistoryTraining {

    /** What the training is asked for. */
    record Settings(
            int horizonDays,
            int warmUpDays,
            int cutoffDays,
            double calibrationShare,
            double evaluationShare,
            long seed) {}

    private final PrintStream out;

    HistoryTraining(PrintStream out) {
        this.out = out;
    }

    ModelArtifact train(
            History history,
            ScoringConfig config,
            Settings settings,
            Path target,
            String version,
            Path reportDir)
            throws IOException {
        List<SubscriberProfile> profiles = history.profiles();
        SnapshotReplay replay =
                new SnapshotReplay(config, profiles, settings.warmUpDays(), settings.cutoffDays());
        long began = System.nanoTime();
        history.forEachEvent(replay::accept);
        List<Snapshot> snapshots = replay.finish();
        out.printf(
                Locale.ROOT,
                "Replayed %s through the job's state and feature code in %.0f s: %,d subscribers, %s;"
                        + " %,d snapshots every %d days after %d days%n",
                history.description(),
                (System.nanoTime() - began) / 1e9,
                replay.subscribers(),
                replay.verdicts(),
                snapshots.size(),
                settings.cutoffDays(),
                settings.warmUpDays());
        if (!history.rejected().isEmpty()) {
            out.printf("Left out as the job would dead-letter them: %s%n", history.rejected());
        }
        TimeSplit split =
                TimeSplit.of(
                        snapshots,
                        replay.lastEventTime(),
                        settings.horizonDays(),
                        settings.calibrationShare(),
                        settings.evaluationShare());
        LabelledSet train = split.trainSet();
        LabelledSet calibration = split.calibrationSet();
        LabelledSet evaluation = split.evaluationSet();
        out.printf(
                Locale.ROOT,
                "Labelled by termination within %d days; split by time:%n"
                        + "  train       %s: %,d snapshots, %,d leave (%.2f%%)%n"
                        + "  calibration %s: %,d snapshots, %,d leave%n"
                        + "  evaluation  %s: %,d snapshots, %,d leave%n",
                settings.horizonDays(),
                TimeSplit.describe(split.train()),
                train.size(),
                train.churners(),
                100 * train.baseRate(),
                TimeSplit.describe(split.calibration()),
                calibration.size(),
                calibration.churners(),
                TimeSplit.describe(split.evaluation()),
                evaluation.size(),
                evaluation.churners());

        List<ModelTrainer> trainers =
                List.of(BoostedTreesTrainer.defaults(), LogisticTrainer.defaults());
        List<ModelSpec> models = new ArrayList<>();
        for (ModelTrainer trainer : trainers) {
            ModelSpec raw = trainer.train(train, settings.seed());
            var calibrated = CalibrationFit.fit(predict(raw, calibration), calibration.y());
            models.add(raw.withCalibration(calibrated));
            out.printf(
                    Locale.ROOT,
                    "  %-9s calibrated on the calibration cut-offs: a %.3f, b %.3f%n",
                    trainer.name(),
                    calibrated.a(),
                    calibrated.b());
        }

        List<String> members =
                config.churn().members().stream()
                        .filter(m -> !m.equals(ScoringConfig.Churn.CONSUMPTION))
                        .toList();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (ModelSpec model : models) {
            scores.put(model.name(), predict(model, evaluation));
        }
        String combinedName =
                config.churn().combine().name().toLowerCase(Locale.ROOT)
                        + " of "
                        + String.join("+", members);
        double[] combined = combine(config, members, scores, evaluation.size());
        List<OperatingPoint> points =
                OperatingPoints.of(split.evaluation(), combined, settings.horizonDays());

        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        ModelArtifact draft =
                artifact(history, version, settings, split, train, models, metrics, points);
        double threshold;
        try {
            threshold = ChurnBand.threshold(config.churn().band(), draft);
            out.printf(
                    Locale.ROOT,
                    "%nEvaluated on the latest cut-offs; CHURN_RISK band %s %.3f: from a probability of %.4f%n",
                    config.churn().band().kind().key,
                    config.churn().band().value(),
                    threshold);
        } catch (ConfigException e) {
            // the file is still worth writing: another band may suit it; the job names the problem
            // at start
            threshold = 0.5;
            out.printf(
                    "%nEvaluated on the latest cut-offs, at 0.5: the configured band cannot be used with this model: %s%n",
                    e.getMessage());
        }
        out.println(Metrics.Report.header());
        for (Map.Entry<String, double[]> e : scores.entrySet()) {
            Metrics.Report r = Metrics.report(e.getKey(), e.getValue(), evaluation.y(), threshold);
            metrics.put(e.getKey(), r.toMap());
            out.println(r.row());
        }
        Metrics.Report combinedReport =
                Metrics.report(combinedName, combined, evaluation.y(), threshold);
        metrics.put(combinedName, combinedReport.toMap());
        out.println(combinedReport.row());
        printCalibration(combined, evaluation.y());
        OperatingPoint at = pointAt(points, threshold);
        if (at != null) {
            out.printf(
                    Locale.ROOT,
                    "At %.4f: %.2f%% of the subscribers flagged a month, precision %.3f, recall %.3f "
                            + "(leaving within %d days)%n",
                    at.threshold(),
                    100 * at.monthlyFlagged(),
                    at.precision(),
                    at.recall(),
                    settings.horizonDays());
        }

        ModelArtifact artifact =
                artifact(history, version, settings, split, train, models, metrics, points);
        ChurnScorer.validateModels(config, artifact);
        ModelArtifacts.write(target, artifact);
        out.printf("%nWrote %s (version %s): %s%n", target, version, trainers);
        if (reportDir != null) {
            ChurnReport.Builder report =
                    ChurnReport.builder("Churn model trained on " + history.description())
                            .input(
                                    String.format(
                                            Locale.ROOT,
                                            "Evaluation cut-offs %s: %,d snapshots, %,d leave within %d days",
                                            TimeSplit.describe(split.evaluation()),
                                            evaluation.size(),
                                            evaluation.churners(),
                                            settings.horizonDays()))
                            .input(
                                    "Model file "
                                            + target
                                            + " (version "
                                            + version
                                            + "), trained on the cut-offs "
                                            + TimeSplit.describe(split.train())
                                            + ", calibrated on "
                                            + TimeSplit.describe(split.calibration()))
                            .threshold(threshold)
                            .set(
                                    ScoredSet.of(
                                            combinedName,
                                            ids(split.evaluation()),
                                            combined,
                                            evaluation.y()));
            scores.forEach(
                    (name, s) ->
                            report.set(
                                    ScoredSet.of(
                                            name, ids(split.evaluation()), s, evaluation.y())));
            report.table(operatingPointTable(points));
            Path html = report.build().writeTo(reportDir).html();
            out.printf("Report: %s%n", html);
        }
        return artifact;
    }

    private static ModelArtifact artifact(
            History history,
            String version,
            Settings settings,
            TimeSplit split,
            LabelledSet train,
            List<ModelSpec> models,
            Map<String, Map<String, Double>> metrics,
            List<OperatingPoint> points) {
        return new ModelArtifact(
                ModelArtifact.FORMAT,
                version,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new ModelArtifact.TrainingData(
                        history.description(),
                        null,
                        train.size(),
                        train.churners(),
                        String.format(
                                Locale.ROOT,
                                "history split by time: trained on the cut-offs %s, Platt-calibrated"
                                        + " on %s, evaluated on %s; labelled by termination within %d days; seed %d",
                                TimeSplit.describe(split.train()),
                                TimeSplit.describe(split.calibration()),
                                TimeSplit.describe(split.evaluation()),
                                settings.horizonDays(),
                                settings.seed())),
                train.featureNames(),
                train.means(),
                models,
                metrics,
                points);
    }

    private static double[] predict(ModelSpec spec, LabelledSet set) {
        ChurnModel model = ChurnModel.of(spec);
        double[] p = new double[set.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = model.predict(set.x()[i]);
        }
        return p;
    }

    private static double[] combine(
            ScoringConfig config, List<String> members, Map<String, double[]> scores, int n) {
        double[] combined = new double[n];
        double[] memberScores = new double[members.size()];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < members.size(); m++) {
                memberScores[m] = scores.get(members.get(m))[i];
            }
            combined[i] = config.churn().combine().combine(memberScores);
        }
        return combined;
    }

    /**
     * The reliability of the combined probability: ten bins of predicted probability against the
     * share who left.
     */
    private void printCalibration(double[] p, int[] y) {
        out.printf(
                Locale.ROOT,
                "Calibration in tenths of the snapshots (Brier %.5f; mean predicted %.4f, share leaving %.4f):%n",
                Metrics.brier(p, y),
                mean(p),
                Metrics.baseRate(y));
        for (Calibration.Bin bin : Calibration.bins(p, y)) {
            if (bin.subscribers() > 0) {
                out.printf(
                        Locale.ROOT,
                        "  %.4f-%.4f: %,7d snapshots, predicted %.4f, left %.4f%n",
                        bin.from(),
                        bin.to(),
                        bin.subscribers(),
                        bin.meanPredicted(),
                        bin.observedRate());
            }
        }
    }

    private static ReportTable operatingPointTable(List<OperatingPoint> points) {
        ReportTable.Builder table =
                ReportTable.builder(
                        "Operating points",
                        "probability from",
                        "flagged a month",
                        "precision",
                        "recall");
        int step = Math.max(1, points.size() / 20);
        for (int i = 0; i < points.size(); i += step) {
            OperatingPoint p = points.get(i);
            table.row(
                    String.format(Locale.ROOT, "%.4f", p.threshold()),
                    String.format(Locale.ROOT, "%.2f%%", 100 * p.monthlyFlagged()),
                    String.format(Locale.ROOT, "%.3f", p.precision()),
                    String.format(Locale.ROOT, "%.3f", p.recall()));
        }
        return table.note(
                        "On the evaluation cut-offs: the share of subscribers flagged at least once in a month, and"
                                + " the precision and recall of the flagged snapshots. churn.band.monthly-budget and"
                                + " churn.band.precision are read off this table (the model file holds all of it).")
                .build();
    }

    private static OperatingPoint pointAt(List<OperatingPoint> points, double threshold) {
        OperatingPoint at = null;
        for (OperatingPoint p : points) {
            if (p.threshold() <= threshold) {
                at = p;
            }
        }
        return at;
    }

    private static List<String> ids(List<Snapshot> snapshots) {
        return snapshots.stream()
                .map(
                        s ->
                                s.subscriberId()
                                        + "@"
                                        + Instant.ofEpochMilli(s.cutoff())
                                                .toString()
                                                .substring(0, 10))
                .toList();
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return v.length == 0 ? Double.NaN : sum / v.length;
    }
}
