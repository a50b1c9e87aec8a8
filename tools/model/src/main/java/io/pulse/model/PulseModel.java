package io.pulse.model;

import io.pulse.kafka.KafkaClientSettings;
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
import io.pulse.scoring.config.ConfigException;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.churn.ChurnAssessment;
import io.pulse.scoring.churn.ChurnBand;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.model.Calibration;
import io.pulse.scoring.model.CombineRule;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelArtifacts;
import io.pulse.scoring.model.ModelFileException;
import io.pulse.scoring.model.ModelSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The churn model commands. {@code train} replays a labelled file through the job's state and
 * feature code, cross-validates the model families, trains them on all rows and writes the model
 * file; {@code evaluate} replays a labelled file and scores it with a model file through the job's
 * own scoring code, printing AUC, hit rate, coverage and top-10% lift per model and combined.
 */
public final class PulseModel {
    static final String USAGE = String.join("\n",
            "usage: pulse-model train --history DIR [--config config/scoring.yaml] [--out MODEL.json] [--version NAME]",
            "                         [--horizon-days 30] [--warm-up-days 28] [--cutoff-days 7] [--seed 42] [--report DIR]",
            "       pulse-model train --events-topic T --profiles-topic T --bootstrap-servers HOST:PORT",
            "                         [--kafka-properties FILE] (and the options of --history)",
            "       pulse-model train --data FILE.csv [--config config/scoring.yaml] [--out MODEL.json]",
            "                         [--version NAME] [--repeats 3] [--folds 5] [--seed 42] [--churn-rate R]",
            "       pulse-model evaluate --data FILE.csv [--config config/scoring.yaml] [--model MODEL.json]",
            "                            [--report DIR]",
            "",
            "train --history learns from an event history (JSON lines or Avro files, as bin/pulse-simulate --out",
            "writes them, or the job's Kafka topics): every subscriber's features at weekly cut-offs, labelled by",
            "a TERMINATED status within --horizon-days; trained on the earliest cut-offs, calibrated on later ones,",
            "evaluated on the latest, where the operating points of churn.band are measured.",
            "FILE.csv has the columns of the public churn set (Account length, International plan, ...,",
            "Customer service calls, Churn). --out and --model default to churn.model-file of the config.",
            "train calibrates every model on its out-of-fold probabilities; --churn-rate R (a monthly share of",
            "churners, 0 < R < 1) then moves the calibration from the file's share of churners to R.",
            "--report writes charts (PNG), the CSVs behind them, report.md and report.html into DIR.");

    private final PrintStream out;

    PulseModel(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            new PulseModel(System.out).run(args);
        } catch (CommandLine.UsageException e) {
            System.err.println("pulse-model: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (ConfigException | ModelFileException | IllegalArgumentException | IOException e) {
            System.err.println("pulse-model: " + e.getMessage());
            System.exit(1);
        }
    }

    void run(String[] args) throws IOException {
        if (args.length == 0) {
            throw new CommandLine.UsageException("name a command: train or evaluate");
        }
        switch (args[0]) {
            case "train" -> train(new CommandLine(args, 1, Set.of("data", "history", "events-topic", "profiles-topic",
                    "bootstrap-servers", "kafka-properties", "config", "out", "version", "repeats", "folds", "seed",
                    "churn-rate", "horizon-days", "warm-up-days", "cutoff-days", "report")));
            case "evaluate" -> evaluate(new CommandLine(args, 1, Set.of("data", "config", "model", "report")));
            default -> throw new CommandLine.UsageException("unknown command '" + args[0] + "'");
        }
    }

    /** Trains on a history or a labelled file and writes the model file; returns what it wrote. */
    ModelArtifact train(CommandLine options) throws IOException {
        ScoringConfig config = ScoringConfig.load(Path.of(options.get("config", "config/scoring.yaml")));
        Path target = Path.of(options.get("out", config.churn().modelFile()));
        String version = options.get("version", target.getFileName().toString().replaceFirst("\\.json$", ""));
        int sources = (options.has("data") ? 1 : 0) + (options.has("history") ? 1 : 0) + (options.has("events-topic") ? 1 : 0);
        if (sources != 1) {
            throw new CommandLine.UsageException("train needs exactly one of --history, --events-topic or --data");
        }
        if (!options.has("data")) {
            HistoryTraining.Settings settings = new HistoryTraining.Settings(
                    options.integer("horizon-days", 30), options.integer("warm-up-days", 28),
                    options.integer("cutoff-days", 7), 0.2, 0.3, options.integer("seed", 42));
            String report = options.get("report", null);
            return new HistoryTraining(out).train(history(options), config, settings, target, version,
                    report == null ? null : Path.of(report));
        }
        return trainOnLabelledFile(options, config, target, version);
    }

    private static History history(CommandLine options) {
        if (options.has("history")) {
            return new FileHistory(Path.of(options.get("history", null)));
        }
        Map<String, String> kafka = new HashMap<>();
        kafka.put(KafkaClientSettings.BOOTSTRAP_SERVERS_OPTION, options.required("bootstrap-servers"));
        if (options.has("kafka-properties")) {
            kafka.put(KafkaClientSettings.PROPERTIES_FILE_OPTION, options.get("kafka-properties", null));
        }
        return new KafkaHistory(KafkaClientSettings.fromOptions(kafka, System.getenv(), null),
                options.required("events-topic"), options.get("profiles-topic", "subscriber-profiles"));
    }

    /** The public churn set's path: replays the rows, cross-validates, calibrates out of fold. */
    private ModelArtifact trainOnLabelledFile(CommandLine options, ScoringConfig config, Path target, String version)
            throws IOException {
        Path data = Path.of(options.required("data"));
        int repeats = options.integer("repeats", CrossValidation.DEFAULT_REPEATS);
        int folds = options.integer("folds", CrossValidation.DEFAULT_FOLDS);
        long seed = options.integer("seed", 42);
        Double churnRate = options.has("churn-rate") ? options.fraction("churn-rate") : null;

        LabelledSet set = new FeatureReplay(config).labelledSet(LabelledCsv.read(data));
        out.printf("Replayed %d labelled subscribers (%d churners) from %s through the job's state and feature code%n",
                set.size(), set.churners(), data);
        List<ModelTrainer> trainers = List.of(BoostedTreesTrainer.defaults(), LogisticTrainer.defaults());
        CrossValidation.OutOfFold raw = CrossValidation.outOfFold(set, trainers, repeats, folds, seed);
        Map<String, Calibration> calibrations = calibrate(raw, set.baseRate(), churnRate);
        CrossValidation.OutOfFold oof = raw.calibrated(calibrations);
        Map<String, Metrics.Report> reports = crossValidated(oof, config);
        out.printf("%nCross-validated (%d x %d-fold, stratified), calibrated, alert threshold %.2f:%n", repeats, folds,
                reportThreshold(config));
        printTable(reports.values());

        List<ModelSpec> models = new ArrayList<>();
        for (ModelTrainer trainer : trainers) {
            models.add(trainer.train(set, seed).withCalibration(calibrations.get(trainer.name())));
        }
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        reports.forEach((name, report) -> metrics.put(name, report.toMap()));
        ModelArtifact artifact = new ModelArtifact(
                ModelArtifact.FORMAT,
                version,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new ModelArtifact.TrainingData(data.getFileName().toString(), sha256(data), set.size(), set.churners(),
                        repeats + " x " + folds + "-fold stratified cross-validation, seed " + seed
                                + "; Platt-calibrated out of fold"
                                + (churnRate == null ? "" : ", shifted to a churn rate of " + churnRate)),
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
     * moved from the sample's churn rate to {@code churnRate} when given; prints what it does to the
     * mean probability and the Brier score.
     */
    private Map<String, Calibration> calibrate(CrossValidation.OutOfFold oof, double sampleRate, Double churnRate) {
        Map<String, Calibration> calibrations = new LinkedHashMap<>();
        int[] y = oof.pooledLabels();
        out.printf("%nCalibration out of fold (Platt: p' = sigmoid(a * logit(p) + b))%s:%n", churnRate == null ? ""
                : String.format(Locale.ROOT, ", then from the file's churn rate %.4f to %.4f", sampleRate, churnRate));
        for (String model : oof.models()) {
            double[] p = oof.pooled(model);
            Calibration fitted = CalibrationFit.fit(p, y);
            double[] calibrated = CalibrationFit.apply(fitted, p);
            out.printf(Locale.ROOT, "  %-10s a %.4f, b %.4f: mean %.4f -> %.4f (churn rate %.4f), log loss %.4f -> %.4f, "
                    + "Brier %.4f -> %.4f%n", model, fitted.a(), fitted.b(), mean(p), mean(calibrated), sampleRate,
                    CalibrationFit.logLoss(p, y), CalibrationFit.logLoss(calibrated, y),
                    CalibrationFit.brier(p, y), CalibrationFit.brier(calibrated, y));
            if (churnRate != null) {
                fitted = CalibrationFit.priorShift(fitted, sampleRate, churnRate);
                out.printf(Locale.ROOT, "  %-10s shifted: b %.4f, mean %.4f over the file's rows weighted to a churn "
                        + "rate of %.4f%n", model, fitted.b(),
                        CalibrationFit.meanAtRate(CalibrationFit.apply(fitted, p), y, churnRate), churnRate);
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
    private static Map<String, Metrics.Report> crossValidated(CrossValidation.OutOfFold oof, ScoringConfig config) {
        Map<String, Metrics.Report> reports = new LinkedHashMap<>();
        double threshold = reportThreshold(config);
        for (String model : oof.models()) {
            reports.put(model, oof.report(model, threshold));
        }
        reports.put("union", rename(oof.combined(CombineRule.UNION, threshold), "union"));
        reports.put("intersection", rename(oof.combined(CombineRule.INTERSECTION, threshold), "intersection"));
        return reports;
    }

    /**
     * Scores a labelled file with a model file through the job's own churn scoring; with
     * {@code --report DIR}, also writes the evaluation report of the combined and each model's scores.
     */
    Map<String, Metrics.Report> evaluate(CommandLine options) throws IOException {
        Path configFile = Path.of(options.get("config", "config/scoring.yaml"));
        ScoringConfig config = ScoringConfig.load(configFile);
        Path data = Path.of(options.required("data"));
        Path modelFile = Path.of(options.get("model", config.churn().modelFile()));
        ModelArtifact artifact = ModelArtifacts.read(modelFile);
        ChurnScorer scorer = new ChurnScorer(config, artifact, artifact.operatingPoints().isEmpty()
                ? reportThreshold(config) : ChurnBand.threshold(config.churn().band(), artifact));
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
            ChurnAssessment churn = scorer.assess(r.state(), r.profile(), r.satisfaction(), r.now());
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
        String rule = config.churn().combine().name().toLowerCase(Locale.ROOT)
                + " of " + String.join("+", config.churn().members());
        reports.put(rule, Metrics.report(rule, combined, y, threshold));
        out.printf("Model file %s (version %s) on %s: %d subscribers, %d churners; alert threshold %.2f%n",
                modelFile, artifact.version(), data, rows.size(), count(y), threshold);
        printTable(reports.values());
        String reportDir = options.get("report", null);
        if (reportDir != null) {
            List<String> ids = rows.stream().map(LabelledSubscriber::id).toList();
            Path html = EvaluationReport.write(Path.of(reportDir), data, configFile, config, modelFile, artifact,
                    threshold, new EvaluationReport.Scored(ids, y, rule, combined, models, byModel)).html();
            out.printf("%nReport: %s (report.md, the charts and their CSVs beside it)%n", html);
        }
        return reports;
    }

    /**
     * The threshold a labelled file's figures are reported at: the band's probability, or 0.5 when the
     * band is a budget or a precision, which only a history's operating points can turn into one.
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
        return new Metrics.Report(name, r.auc(), r.precision(), r.recall(), r.flagged(), r.top10Precision(), r.top10Lift());
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
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
