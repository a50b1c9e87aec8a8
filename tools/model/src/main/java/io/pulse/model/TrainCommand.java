package io.pulse.model;

import io.pulse.cli.ConfigOption;
import io.pulse.cli.KafkaOptions;
import io.pulse.cli.Numbers;
import io.pulse.model.train.CrossValidation;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pulse-model train}: its options; {@link PulseModel#train} does the training. */
@Command(
        name = "train",
        description = {
            "Trains the churn models and writes the model file.",
            "",
            "--history learns from an event history (JSON lines or Avro files, as bin/pulse-simulate --out writes"
                    + " them, or the job's Kafka topics with --events-topic): every subscriber's features at weekly cut-offs,"
                    + " labelled by a TERMINATED status within --horizon-days; trained on the earliest cut-offs, calibrated on"
                    + " later ones, evaluated on the latest, where the operating points of churn.band are measured.",
            "",
            "--data learns from a labelled file with the columns of the public churn set (Account length,"
                    + " International plan, ..., Customer service calls, Churn): replayed through the job's state and feature"
                    + " code, cross-validated, calibrated on the out-of-fold probabilities; --churn-rate R then moves the"
                    + " calibration from the file's share of churners to R."
        })
final class TrainCommand implements Callable<Integer> {

    @ParentCommand private PulseModel model;

    /** Where the training data comes from: exactly one of these. */
    static final class Source {
        @Option(
                names = "--history",
                paramLabel = "DIR",
                required = true,
                description = "an event history in files, as bin/pulse-simulate --out writes it")
        Path history;

        @Option(
                names = "--events-topic",
                paramLabel = "TOPIC",
                required = true,
                description =
                        "the job's events topic: the history in Kafka (with --profiles-topic and the Kafka options)")
        String eventsTopic;

        @Option(
                names = "--data",
                paramLabel = "FILE.csv",
                required = true,
                description = "a labelled file (the public churn set's columns)")
        Path data;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(
            names = "--profiles-topic",
            paramLabel = "TOPIC",
            defaultValue = "subscriber-profiles",
            description = "with --events-topic: the job's profiles topic")
    String profilesTopic;

    @Mixin KafkaOptions kafka;

    @Mixin ConfigOption config;

    @Option(
            names = "--out",
            paramLabel = "MODEL.json",
            description = "the model file to write (default: churn.model-file of the config)")
    Path out;

    // the model's version, not the tool's: this command's help option is -h, --help alone
    @Option(
            names = "--version",
            paramLabel = "NAME",
            description = "the model's version (default: --out's file name without .json)")
    String version;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "the seed of the folds and the trainers")
    long seed;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description =
                    "also write charts (PNG), the CSVs behind them, report.md and report.html into DIR")
    Path report;

    @Option(
            names = "--horizon-days",
            paramLabel = "N",
            defaultValue = "30",
            converter = Numbers.Positive.class,
            description =
                    "with a history: a snapshot is labelled a churner if TERMINATED within N days")
    int horizonDays;

    @Option(
            names = "--warm-up-days",
            paramLabel = "N",
            defaultValue = "28",
            converter = Numbers.NonNegative.class,
            description =
                    "with a history: the first cut-off is N days after a subscriber's first event")
    int warmUpDays;

    @Option(
            names = "--cutoff-days",
            paramLabel = "N",
            defaultValue = "7",
            converter = Numbers.Positive.class,
            description = "with a history: days between cut-offs")
    int cutoffDays;

    @Option(
            names = "--repeats",
            paramLabel = "N",
            defaultValue = "" + CrossValidation.DEFAULT_REPEATS,
            converter = Numbers.Positive.class,
            description = "with --data: repeats of the cross-validation")
    int repeats;

    @Option(
            names = "--folds",
            paramLabel = "N",
            defaultValue = "" + CrossValidation.DEFAULT_FOLDS,
            converter = Numbers.Positive.class,
            description = "with --data: folds of the cross-validation")
    int folds;

    @Option(
            names = "--churn-rate",
            paramLabel = "R",
            converter = Numbers.Fraction.class,
            description =
                    "with --data: calibrate to a monthly share of churners R (0 < R < 1) instead of the file's")
    Double churnRate;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        model.train(this);
        return 0;
    }
}
