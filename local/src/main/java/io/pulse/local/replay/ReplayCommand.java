package io.pulse.local.replay;

import io.pulse.model.CommandLine;
import io.pulse.model.report.ChurnReport;
import io.pulse.model.report.ScoredSet;
import io.pulse.schema.AlertType;
import io.pulse.scoring.config.ConfigException;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelArtifacts;
import io.pulse.scoring.model.ModelFileException;
import io.pulse.simulator.ConditionWindow;
import io.pulse.simulator.GroundTruthFiles;
import io.pulse.simulator.HistoryWriter;
import io.pulse.simulator.SubscriberTruth;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bin/pulse-replay}: runs a simulated history through the scoring job ({@link ReplayRun}),
 * measures every alert type against the history's ground truth ({@link AlertEvaluation}) and the
 * published churn probabilities at weekly cut-offs ({@link ScoreCutoffs}), and writes a report: the
 * charts and CSVs of {@link ChurnReport} and the alert tables. With {@code --compare-config} or
 * {@code --compare-model}, a second run of the same history is measured beside the first.
 */
public final class ReplayCommand {
    static final String USAGE = String.join("\n",
            "usage: pulse-replay --history DIR [--config config/scoring.yaml] [--model MODEL.json]",
            "                    [--compare-config FILE] [--compare-model FILE] [--evaluation config/evaluation.yaml]",
            "                    [--truth DIR] [--out target/replay] [--state-backend rocksdb|hashmap]",
            "",
            "DIR is a history written by the simulator (bin/pulse-simulate --out DIR): its events, profiles and",
            "truth/. --model defaults to churn.model-file of the config; the compare options default to the first run's.");
    private static final Set<String> OPTIONS = Set.of("history", "config", "model", "compare-config", "compare-model",
            "evaluation", "truth", "out", "state-backend");
    private static final int CUTOFF_DAYS = 7;
    private static final long DAY = 86_400_000L;

    private final PrintStream out;

    ReplayCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            new ReplayCommand(System.out).run(args);
            System.exit(0);
        } catch (CommandLine.UsageException e) {
            System.err.println("pulse-replay: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (ConfigException | ModelFileException | IllegalArgumentException e) {
            System.err.println("pulse-replay: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("pulse-replay failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Replays, evaluates and writes the report; returns each run's result, the first run first. */
    List<AlertEvaluation.Result> run(String[] args) throws Exception {
        CommandLine options = new CommandLine(args, 0, OPTIONS);
        Path history = Path.of(options.required("history"));
        Path truthDir = Path.of(options.get("truth", history.resolve(HistoryWriter.TRUTH_DIRECTORY).toString()));
        Path outDir = Path.of(options.get("out", "target/replay"));
        String stateBackend = options.get("state-backend", "rocksdb");
        if (!stateBackend.equals("rocksdb") && !stateBackend.equals("hashmap")) {
            throw new CommandLine.UsageException("--state-backend is rocksdb or hashmap, got '" + stateBackend + "'");
        }
        EvaluationSettings settings = EvaluationSettings.load(Path.of(options.get("evaluation", "config/evaluation.yaml")));
        HistoryWriter.Run simulation = new ObjectMapper().readValue(history.resolve(HistoryWriter.RUN_FILE).toFile(),
                HistoryWriter.Run.class);
        long start = Instant.parse(simulation.start()).toEpochMilli();
        long end = start + simulation.days() * DAY;
        List<SubscriberTruth> subscribers = GroundTruthFiles.readSubscribers(truthDir);
        List<ConditionWindow> conditions = GroundTruthFiles.readConditions(truthDir);
        Map<String, SubscriberTruth> truth = new HashMap<>();
        subscribers.forEach(s -> truth.put(s.subscriberId(), s));

        List<Setup> setups = new ArrayList<>();
        Path configFile = Path.of(options.get("config", "config/scoring.yaml"));
        setups.add(setup("current", configFile, options.get("model", null)));
        if (options.has("compare-config") || options.has("compare-model")) {
            setups.add(setup("challenger", Path.of(options.get("compare-config", configFile.toString())),
                    options.get("compare-model", options.get("model", null))));
        }

        ChurnReport.Builder report = ChurnReport.builder("Replay of " + history.getFileName())
                .input(String.format(Locale.ROOT, "History %s: %,d subscribers, %d days from %s (seed %d, %.1f%% monthly"
                                + " churn), %,d events; ground truth %s", history, simulation.subscribers(),
                        simulation.days(), simulation.start().substring(0, 10), simulation.seed(),
                        100 * simulation.monthlyChurn(), simulation.events(), truthDir))
                .input(String.format(Locale.ROOT, "Evaluation: warm-up %d days, churn window %d days, horizon %d days,"
                                + " contact %.0f yuan, save rate %.2f", settings.warmUpDays(), settings.churnWindowDays(),
                        settings.horizonDays(), settings.contactCostYuan(), settings.saveRate()))
                .threshold(setups.get(0).threshold());
        List<String> names = new ArrayList<>();
        List<AlertEvaluation.Result> results = new ArrayList<>();
        for (Setup setup : setups) {
            out.printf("Replaying %s through the job (%s, model %s, CHURN_RISK from %.3f) ...%n", history,
                    setup.configFile(), setup.artifact().version(), setup.threshold());
            ScoreCutoffs cutoffs = new ScoreCutoffs(start + settings.warmUpDays() * DAY, CUTOFF_DAYS, end);
            ReplayRun.Output output = ReplayRun.run(history, setup.config(), setup.artifact(), stateBackend,
                    outDir.resolve(setup.name() + "-" + ALERTS_FILE), cutoffs);
            out.printf("  %,d events, %,d scores, %,d alerts in %.0f s%n", output.events(), output.scores(),
                    output.alerts().size(), output.seconds());
            AlertEvaluation.Result result = new AlertEvaluation(settings, start, end, subscribers, conditions,
                    output.tiers()).evaluate(output.alerts());
            ScoredSet scored = cutoffs.scoredSet(setup.name(), truth, settings.horizonDays());
            report.set(withLeadTimes(scored, result));
            report.input(String.format(Locale.ROOT, "Run '%s': configuration %s (version %s), model %s, CHURN_RISK from"
                            + " a probability of %.3f", setup.name(), setup.configFile(), setup.config().version(),
                    setup.artifact().version(), setup.threshold()));
            names.add(setup.name());
            results.add(result);
            print(setup.name(), result);
        }
        report.table(ReplayReport.overall(names, results, settings));
        for (int i = 0; i < names.size(); i++) {
            report.table(ReplayReport.alertTypes(names.get(i), results.get(i), settings));
        }
        ChurnReport.ReportFiles files = report.build().writeTo(outDir);
        ReplayReport.writeCsv(outDir.resolve(ReplayReport.ALERT_TYPES_CSV), names, results);
        out.printf("%nReport: %s (and %s, charts and CSVs in %s)%n", files.html(), files.markdown(), outDir);
        return results;
    }

    /** Every alert the run published, as JSON lines in the job's JSON encoding, for analysis beyond the report. */
    static final String ALERTS_FILE = "alerts.jsonl";

    private record Setup(String name, Path configFile, ScoringConfig config, ModelArtifact artifact, double threshold) {}

    private static Setup setup(String name, Path configFile, String modelFile) {
        ScoringConfig config = ScoringConfig.load(configFile);
        ModelArtifact artifact = modelFile == null ? ChurnScorer.loadModels(config) : ModelArtifacts.read(Path.of(modelFile));
        ChurnScorer.validate(config, artifact);
        return new Setup(name, configFile, config, artifact, new ChurnScorer(config, artifact).threshold());
    }

    /** The CHURN_RISK lead times of the run's caught churners, for the lead-time chart. */
    private static ScoredSet withLeadTimes(ScoredSet scored, AlertEvaluation.Result result) {
        List<Double> leads = result.overall().churnRiskLeadDays();
        double[] days = new double[leads.size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = leads.get(i);
        }
        return ScoredSet.of(scored.name(), scored.ids(), scored.scores(), scored.labels(), days);
    }

    private void print(String name, AlertEvaluation.Result result) {
        AlertEvaluation.Overall o = result.overall();
        AlertEvaluation.TypeFigures risk = ReplayReport.figures(result, AlertType.CHURN_RISK);
        out.printf(Locale.ROOT, "  %s: CHURN_RISK precision %.2f (%d judged), recall %.2f, median lead %.0f days;"
                        + " retention contacts a month %.1f for %.1f churners (%.2f each); steady stayers quiet %.3f%n",
                name, risk.precision(), risk.judged(), risk.recall(), risk.medianLeadDays(),
                o.retentionContactsPerMonth(), o.churnersPerMonth(), o.contactsPerChurner(), o.steadyQuiet());
    }
}
