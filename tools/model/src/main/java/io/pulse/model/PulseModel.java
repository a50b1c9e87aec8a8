package io.pulse.model;

import io.pulse.cli.PulseCommandLine;
import io.pulse.model.history.FileHistory;
import io.pulse.model.history.History;
import io.pulse.model.history.KafkaHistory;
import io.pulse.model.replay.FeatureReplay;
import io.pulse.model.replay.LabelledCsv;
import io.pulse.model.replay.LabelledSubscriber;
import io.pulse.model.replay.ReplayedSubscriber;
import io.pulse.model.train.BoostedTreesTrainer;
import io.pulse.model.train.CalibrationFit;
import io.pulse.model.train.CrossValidation;
import io.pulse.model.train.LabelledSet;
import io.pulse.model.train.LogisticTrainer;
import io.pulse.model.train.Metrics;
import io.pulse.model.train.ModelTrainer;
import io.pulse.scoring.churn.ChurnAssessment;
import io.pulse.scoring.churn.ChurnBand;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.model.Calibration;
import io.pulse.scoring.model.CombineRule;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelArtifacts;
import io.pulse.scoring.model.ModelSpec;

import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/pulse-model}, the churn model commands. {@code train} ({@link TrainCommand}) replays a
 * history or a labelled file through the job's state and feature code, trains the model families
 * and writes the model file; {@code evaluate} ({@link EvaluateCommand}) replays a labelled file and
 * scores it with a model file through the job's own scoring code, printing AUC, hit rate, coverage
 * and top-10% lift per model and combined.
 */
@Command(
        name = "pulse-model",
        mixinStandardHelpOptions = true,
        subcommands = {TrainCommand.class, EvaluateCommand.class},
        description =
                "The churn model commands: train writes a model file from a history or a labelled file,"
                        + " evaluate measures a model file on a labelled file. pulse-model COMMAND --help lists a command's options.")
public final class PulseModel {
    private final PrintStream out;

    PulseModel() {
        this(System.out);
    }

    PulseModel(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        PulseCommandLine.exit(new PulseModel(), args);
    }

    /** Trains on a history or a labelled file and writes the model file; returns what it wrote. */
    ModelArtifact train(TrainCommand options) throws IOException {
        ScoringConfig config = ScoringConfig.load(options.config.path());
        Path target = options.out != null ? options.out : Path.of(config.churn().modelFile());
        String version =
                options.version != null
                        ? options.version
                        : target.getFileName().toString().replaceFirst("\\.json$", "");
        if (options.source.data == null) {
            HistoryTraining.Settings settings =
                    new HistoryTraining.Settings(
                            options.horizonDays,
                            options.warmUpDays,
                            options.cutoffDays,
                            0.2,
                            0.3,
                            options.seed);
            return new HistoryTraining(out)
                    .train(history(options), config, settings, target, version, options.report);
        }
        return trainOnLabelledFile(options, config, target, version);
    }

    private static History history(TrainCommand options) {
        if (options.source.history != null) {
            return new FileHistory(options.source.history);
        }
        return new KafkaHistory(
                options.kafka.settings(System.getenv()),
                options.source.eventsTopic,
                options.profilesTopic);
    }

    /** The public churn set's path: replays the rows, cross-validates, calibrates out of fold. */
    private ModelArtifact trainOnLabelledFile(
            TrainCommand options, ScoringConfig config, Path target, String version)
            throws IOException {
        Path data = options.source.data;
        int repeats = options.repeats;
        int folds = options.folds;
        long seed = options.seed;
        Double churnRate = options.churnRate;

        LabelledSet set = new FeatureReplay(config).labelledSet(LabelledCsv.read(data));
        out.printf(
                "Replayed %d labelled subscribers (%d churners) from %s through the job's state and feature code%n",
                set.size(), set.churners(), data);
        List<ModelTrainer> trainers =
                List.of(BoostedTreesTrainer.defaults(), LogisticTrainer.defaults());
        CrossValidation.OutOfFold raw =
                CrossValidation.outOfFold(set, trainers, repeats, folds, seed);
        Map<String, Calibration> calibrations = calibrate(raw, set.baseRate(), churnRate);
        CrossValidation.OutOfFold oof = raw.calibrated(calibrations);
        Map<String, Metrics.Report> reports = crossValidated(oof, config);
        out.printf(
                "%nCross-validated (%d x %d-fold, stratified), calibrated, alert threshold %.2f:%n",
                repeats, folds, reportThreshold(config));
        printTable(reports.values());

        List<ModelSpec> models = new ArrayList<>();
        for (ModelTrainer trainer : trainers) {
            models.add(trainer.train(set, seed).withCalibration(calibrations.get(trainer.name())));
        }
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        reports.forEach((name, report) -> metrics.put(name, report.toMap()));
        ModelArtifact artifact =
                new ModelArtifact(
                        ModelArtifact.FORMAT,
                        version,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        new ModelArtifact.TrainingData(
                                data.getFileName().toString(),
                                sha256(data),
                                set.size(),
                                set.churners(),
                                repeats
                                        + " x "
                                        + folds
                                        + "-fold stratified cross-validation, seed "
                                        + seed
                                        + "; Platt-calibrated out of fold"
                                        + (churnRate == null
                                                ? ""
                                                : ", shifted to a churn rate of " + churnRate)),
                        set.featureNames(),
                        set.means(),
                        models,
                        metrics,
                        List.of());
        ChurnScorer.validateModels(config, artifact);
        ModelArtifacts.write(target, artifact);
        out.printf("%nWrote %s (version %s): %s%n", target, version, trainers);
        return artifact;
    }

    /**
     * Each model's Platt calibration, fitted on its out-of-fold probabilities (every repeat), and
     * moved from the sample's churn rate to {@code churnRate} when given; prints what it does to
     * the mean probability and the Brier score.
     */
    private Map<String, Calibration> calibrate(
            CrossValidation.OutOfFold oof, double sampleRate, Double churnRate) {
        Map<String, Calibration> calibrations = new LinkedHashMap<>();
        int[] y = oof.pooledLabels();
        out.printf(
                "%nCalibration out of fold (Platt: p' = sigmoid(a * logit(p) + b))%s:%n",
                churnRate == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", then from the file's churn rate %.4f to %.4f",
                                sampleRate,
                                churnRate));
        for (String model : oof.models()) {
            double[] p = oof.pooled(model);
            Calibration fitted = CalibrationFit.fit(p, y);
            double[] calibrated = CalibrationFit.apply(fitted, p);
            out.printf(
                    Locale.ROOT,
                    "  %-10s a %.4f, b %.4f: mean %.4f -> %.4f (churn rate %.4f), log loss %.4f -> %.4f, "
                            + "Brier %.4f -> %.4f%n",
                    model,
                    fitted.a(),
                    fitted.b(),
                    mean(p),
                    mean(calibrated),
                    sampleRate,
                    CalibrationFit.logLoss(p, y),
                    CalibrationFit.logLoss(calibrated, y),
                    CalibrationFit.brier(p, y),
                    CalibrationFit.brier(calibrated, y));
            if (churnRate != null) {
                fitted = CalibrationFit.priorShift(fitted, sampleRate, churnRate);
                out.printf(
                        Locale.ROOT,
                        "  %-10s shifted: b %.4f, mean %.4f over the file's rows weighted to a churn "
                                + "rate of %.4f%n",
                        model,
                        fitted.b(),
                        CalibrationFit.meanAtRate(CalibrationFit.apply(fitted, p), y, churnRate),
                        churnRate);
            }
            calibrations.put(model, fitted);
        }
        return calibrations;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Every model, then the configured rule and the other rule over the trained members. */
    private static Map<String, Metrics.Report> crossValidated(
            CrossValidation.OutOfFold oof, ScoringConfig config) {
        Map<String, Metrics.Report> reports = new LinkedHashMap<>();
        double threshold = reportThreshold(config);
        for (String model : oof.models()) {
            reports.put(model, oof.report(model, threshold));
        }
        reports.put("union", rename(oof.combined(CombineRule.UNION, threshold), "union"));
        reports.put(
                "intersection",
                rename(oof.combined(CombineRule.INTERSECTION, threshold), "intersection"));
        return reports;
    }

    /**
     * Scores a labelled file with a model file through the job's own churn scoring; with {@code
     * --report DIR}, also writes the evaluation report of the combined and each model's scores.
     */
    Map<String, Metrics.Report> evaluate(EvaluateCommand options) throws IOException {
        Path configFile = options.config.path();
        ScoringConfig config = ScoringConfig.load(configFile);
        Path data = options.data;
        Path modelFile =
                options.modelFile != null ? options.modelFile : Path.of(config.churn().modelFile());
        ModelArtifact artifact = ModelArtifacts.read(modelFile);
        ChurnScorer scorer =
                new ChurnScorer(
                        config,
                        artifact,
                        artifact.operatingPoints().isEmpty()
                                ? reportThreshold(config)
                                : ChurnBand.threshold(config.churn().band(), artifact));
        FeatureReplay replay = new FeatureReplay(config);
        List<LabelledSubscriber> rows = LabelledCsv.read(data);

        List<String> models = new ArrayList<>();
        artifact.models().forEach(m -> models.add(m.name()));
        models.add(ScoringConfig.Churn.CONSUMPTION);
        double[][] byModel = new double[models.size()][rows.size()];
        double[] combined = new double[rows.size()];
        int[] y = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ReplayedSubscriber r = replay.replay(rows.get(i));
            ChurnAssessment churn =
                    scorer.assess(r.state(), r.profile(), r.satisfaction(), r.now());
            for (int m = 0; m < models.size(); m++) {
                byModel[m][i] = churn.probabilityOf(models.get(m));
            }
            combined[i] = churn.probability();
            y[i] = rows.get(i).churned() ? 1 : 0;
        }
        double threshold = scorer.threshold();
        Map<String, Metrics.Report> reports = new LinkedHashMap<>();
        for (int m = 0; m < models.size(); m++) {
            reports.put(models.get(m), Metrics.report(models.get(m), byModel[m], y, threshold));
        }
        String rule =
                config.churn().combine().name().toLowerCase(Locale.ROOT)
                        + " of "
                        + String.join("+", config.churn().members());
        reports.put(rule, Metrics.report(rule, combined, y, threshold));
        out.printf(
                "Model file %s (version %s) on %s: %d subscribers, %d churners; alert threshold %.2f%n",
                modelFile, artifact.version(), data, rows.size(), count(y), threshold);
        printTable(reports.values());
        if (options.report != null) {
            List<String> ids = rows.stream().map(LabelledSubscriber::id).toList();
            Path html =
                    EvaluationReport.write(
                                    options.report,
                                    data,
                                    configFile,
                                    config,
                                    modelFile,
                                    artifact,
                                    threshold,
                                    new EvaluationReport.Scored(
                                            ids, y, rule, combined, models, byModel))
                            .html();
            out.printf("%nReport: %s (report.md, the charts and their CSVs beside it)%n", html);
        }
        return reports;
    }

    /**
     * The threshold a labelled file's figures are reported at: the band's probability, or 0.5 when
     * the band is a budget or a precision, which only a history's operating points can turn into
     * one.
     */
    private static double reportThreshold(ScoringConfig config) {
        ScoringConfig.Band band = config.churn().band();
        return band.kind() == ScoringConfig.BandKind.PROBABILITY ? band.value() : 0.5;
    }

    private void printTable(Iterable<Metrics.Report> reports) {
        out.println(Metrics.Report.header());
        for (Metrics.Report report : reports) {
            out.println(report.row());
        }
    }

    private static Metrics.Report rename(Metrics.Report r, String name) {
        return new Metrics.Report(
                name,
                r.auc(),
                r.precision(),
                r.recall(),
                r.flagged(),
                r.top10Precision(),
                r.top10Lift());
    }

    private static int count(int[] y) {
        int n = 0;
        for (int v : y) {
            n += v;
        }
        return n;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
