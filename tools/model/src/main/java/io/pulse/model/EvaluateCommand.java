package io.pulse.model;

import io.pulse.cli.ConfigOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pulse-model evaluate}: its options; {@link PulseModel#evaluate} does the evaluation. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Replays a labelled file and scores it"
                        + " with a model file through the job's own churn scoring; prints AUC, hit rate, coverage and top-10%% lift"
                        + " per model and combined.")
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand private PulseModel model;

    @Option(
            names = "--data",
            paramLabel = "FILE.csv",
            required = true,
            description = "a labelled file (the public churn set's columns)")
    Path data;

    @Mixin ConfigOption config;

    @Option(
            names = "--model",
            paramLabel = "MODEL.json",
            description = "the model file (default: churn.model-file of the config)")
    Path modelFile;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description =
                    "also write charts (PNG), the CSVs behind them, report.md and report.html into DIR")
    Path report;

    @Override
    public Integer call() throws Exception {
        model.evaluate(this);
        return 0;
    }
}
