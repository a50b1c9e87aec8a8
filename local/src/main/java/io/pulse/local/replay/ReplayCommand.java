package io.pulse.local.replay;

import io.pulse.cli.ConfigOption;
import io.pulse.cli.PulseCommandLine;
import io.pulse.local.StateBackend;
import io.pulse.model.report.ChurnReport;
import io.pulse.model.report.ScoredSet;
import io.pulse.model.train.Metrics;
import io.pulse.schema.Alert;
import io.pulse.schema.AlertType;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.ValueTier;
import io.pulse.schema.codec.CodecException;
import io.pulse.schema.codec.PlainJsonCodec;
import io.pulse.schema.history.HistoryFiles;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelArtifacts;
import io.pulse.simulator.AccountMove;
import io.pulse.simulator.ConditionWindow;
import io.pulse.simulator.GroundTruthFiles;
import io.pulse.simulator.HistoryWriter;
import io.pulse.simulator.SubscriberTruth;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bin/pulse-replay}: runs a simulated history through the scoring job ({@link ReplayRun}),
 * measures every alert type against the history's ground truth ({@link AlertEvaluation}) and the
 * published churn probabilities at weekly cut-offs ({@link ScoreCutoffs}), and writes a report: the
 * charts and CSVs of {@link ChurnReport} and the alert tables. With {@code --compare-config} or
 * {@code --compare-model}, a second run of the same history is measured beside the first.
 */
@Command(
        name = "pulse-replay",
        mixinStandardHelpOptions = true,
        description =
                "Replays a simulated history through"
                        + " the scoring job and measures every alert type against the history's ground truth; writes a report"
                        + " (charts, CSVs, report.md and report.html). With --compare-config or --compare-model, a second run of the"
                        + " same history is measured beside the first.")
public final class ReplayCommand implements Callable<Integer> {
    private static final int CUTOFF_DAYS = 7;
    private static final long DAY = 86_400_000L;

    @Option(
            names = "--history",
            paramLabel = "DIR",
            required = true,
            description =
                    "a history written by the simulator (bin/pulse-simulate --out DIR): its events, profiles and truth/")
    private Path history;

    @Mixin private ConfigOption config;

    @Option(
            names = "--model",
            paramLabel = "MODEL.json",
            description = "the model file (default: churn.model-file of the config)")
    private Path modelFile;

    @Option(
            names = "--compare-config",
            paramLabel = "FILE",
            description = "measure a second run with this configuration (default: --config's)")
    private Path compareConfig;

    @Option(
            names = "--compare-model",
            paramLabel = "FILE",
            description = "measure a second run with this model file (default: --model's)")
    private Path compareModel;

    @Option(
            names = "--challenger",
            paramLabel = "MODEL.json",
            description =
                    "score this model in shadow in the first run, as the job does once it is published with"
                            + " bin/pulse-control publish --challenger, and compare its ranking with the champion's")
    private Path challengerFile;

    @Option(
            names = "--compare-alerts",
            paramLabel = "alerts.jsonl",
            description =
                    "measure, beside the run, the alerts an earlier run of the same history published (its"
                            + " current-alerts.jsonl, e.g. from another Pulse version); its alerts only, not its scores")
    private Path compareAlerts;

    @Option(
            names = "--evaluation",
            paramLabel = "PATH",
            defaultValue = "config/evaluation.yaml",
            description = "how the alerts are judged against the truth")
    private Path evaluation;

    @Option(
            names = "--truth",
            paramLabel = "DIR",
            description = "the ground truth (default: truth/ of the history)")
    private Path truthDirectory;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "target/replay",
            description = "where the report goes")
    private Path outDir;

    @Option(
            names = "--state-backend",
            paramLabel = "rocksdb|hashmap",
            defaultValue = "rocksdb",
            description = "the job's state backend")
    private StateBackend stateBackend;

    @Spec private CommandSpec spec;

    public static void main(String[] args) {
        PulseCommandLine.exit(new ReplayCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        run();
        return 0;
    }

    /** Replays, evaluates and writes the report; returns each run's result, the first run first. */
    List<AlertEvaluation.Result> run() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path truthDir =
                truthDirectory != null
                        ? truthDirectory
                        : history.resolve(HistoryWriter.TRUTH_DIRECTORY);
        EvaluationSettings settings = EvaluationSettings.load(evaluation);
        HistoryWriter.Run simulation =
                new ObjectMapper()
                        .readValue(
                                history.resolve(HistoryWriter.RUN_FILE).toFile(),
                                HistoryWriter.Run.class);
        long start = Instant.parse(simulation.start()).toEpochMilli();
        long end = start + simulation.days() * DAY;
        List<SubscriberTruth> subscribers = GroundTruthFiles.readSubscribers(truthDir);
        List<ConditionWindow> conditions = GroundTruthFiles.readConditions(truthDir);
        Map<String, SubscriberTruth> truth = new HashMap<>();
        subscribers.forEach(s -> truth.put(s.subscriberId(), s));

        Map<String, String> accountOf = new HashMap<>();
        for (SubscriberProfile profile : HistoryFiles.readProfiles(history)) {
            if (profile.getAccountId() != null) {
                accountOf.put(profile.getSubscriberId(), profile.getAccountId());
            }
        }
        List<AccountMove> moves = GroundTruthFiles.readAccountMoves(truthDir);

        List<Setup> setups = new ArrayList<>();
        Path configFile = config.path();
        setups.add(setup("current", configFile, modelFile));
        if (compareConfig != null || compareModel != null) {
            setups.add(
                    setup(
                            "challenger",
                            compareConfig != null ? compareConfig : configFile,
                            compareModel != null ? compareModel : modelFile));
        }

        ChurnReport.Builder report =
                ChurnReport.builder("Replay of " + history.getFileName())
                        .input(
                                String.format(
                                        Locale.ROOT,
                                        "History %s: %,d subscribers, %d days from %s (seed %d, %.1f%% monthly"
                                                + " churn), %,d events; ground truth %s",
                                        history,
                                        simulation.subscribers(),
                                        simulation.days(),
                                        simulation.start().substring(0, 10),
                                        simulation.seed(),
                                        100 * simulation.monthlyChurn(),
                                        simulation.events(),
                                        truthDir))
                        .input(
                                String.format(
                                        Locale.ROOT,
                                        "Evaluation: warm-up %d days, churn window %d days, horizon %d days,"
                                                + " contact %.0f yuan, save rate %.2f",
                                        settings.warmUpDays(),
                                        settings.churnWindowDays(),
                                        settings.horizonDays(),
                                        settings.contactCostYuan(),
                                        settings.saveRate()))
                        .threshold(setups.get(0).threshold());
        ModelArtifact challenger =
                challengerFile == null ? null : ModelArtifacts.read(challengerFile);
        List<String> names = new ArrayList<>();
        List<AlertEvaluation.Result> results = new ArrayList<>();
        for (Setup setup : setups) {
            ModelArtifact shadow = setup == setups.get(0) ? challenger : null;
            out.printf(
                    "Replaying %s through the job (%s, model %s, CHURN_RISK from %.3f) ...%n",
                    history, setup.configFile(), setup.artifact().version(), setup.threshold());
            ScoreCutoffs cutoffs =
                    new ScoreCutoffs(start + settings.warmUpDays() * DAY, CUTOFF_DAYS, end);
            ScoreCutoffs shadowCutoffs =
                    new ScoreCutoffs(start + settings.warmUpDays() * DAY, CUTOFF_DAYS, end);
            ReplayRun.Output output = replay(setup, shadow, List.of(), cutoffs, shadowCutoffs);
            AlertEvaluation evaluation =
                    new AlertEvaluation(
                            settings, start, end, subscribers, conditions, output.tiers());
            AlertEvaluation.Result result = evaluation.evaluate(output.alerts());
            if (!output.incidents().isEmpty()) {
                // the job reads its incidents back: replay again with those this run found
                out.printf(
                        "  %d network incident records: replaying again with them read back ...%n",
                        output.incidents().size());
                cutoffs = new ScoreCutoffs(start + settings.warmUpDays() * DAY, CUTOFF_DAYS, end);
                shadowCutoffs =
                        new ScoreCutoffs(start + settings.warmUpDays() * DAY, CUTOFF_DAYS, end);
                ReplayRun.Output held =
                        replay(setup, shadow, output.incidents(), cutoffs, shadowCutoffs);
                AlertEvaluation.Result heldResult = evaluation.evaluate(held.alerts());
                IncidentHolding holding =
                        IncidentHolding.of(output.incidents(), result, heldResult, held.alerts());
                out.printf("  %s%n", holding.summary());
                report.table(holding.table(setup.name()));
                output = held;
                result = heldResult;
            }
            if (!accountOf.isEmpty()) {
                AccountEvaluation.Result accounts =
                        AccountEvaluation.evaluate(
                                output.accountAlerts(),
                                accountOf,
                                moves,
                                conditions,
                                subscribers,
                                start + settings.warmUpDays() * DAY,
                                end);
                out.printf("  %s%n", accounts.summary());
                report.table(accounts.table(setup.name()));
            }
            ScoredSet scored = cutoffs.scoredSet(setup.name(), truth, settings.horizonDays());
            report.set(withLeadTimes(scored, result));
            if (shadow != null) {
                ScoredSet shadowed =
                        shadowCutoffs.scoredSet(
                                setup.name() + ", challenger " + shadow.version() + " in shadow",
                                truth,
                                settings.horizonDays());
                report.set(shadowed);
                out.printf(
                        Locale.ROOT,
                        "  champion %s AUC %.3f, challenger %s in shadow AUC %.3f, on the same %,d cut-offs%n",
                        setup.artifact().version(),
                        Metrics.auc(scored.scores(), scored.labels()),
                        shadow.version(),
                        Metrics.auc(shadowed.scores(), shadowed.labels()),
                        shadowed.size());
            }
            report.input(
                    String.format(
                            Locale.ROOT,
                            "Run '%s': configuration %s (version %s), model %s, CHURN_RISK from"
                                    + " a probability of %.3f",
                            setup.name(),
                            setup.configFile(),
                            setup.config().version(),
                            setup.artifact().version(),
                            setup.threshold()));
            names.add(setup.name());
            results.add(result);
            print(out, setup.name(), result);
        }
        if (compareAlerts != null) {
            List<Alert> earlier = readAlerts(compareAlerts);
            Map<String, ValueTier> tiers = new HashMap<>();
            earlier.forEach(a -> tiers.put(a.getSubscriberId(), a.getValueTier()));
            AlertEvaluation.Result result =
                    new AlertEvaluation(settings, start, end, subscribers, conditions, tiers)
                            .evaluate(earlier);
            report.input(
                    String.format(
                            Locale.ROOT,
                            "Run 'earlier': the %,d alerts of %s",
                            earlier.size(),
                            compareAlerts));
            names.add("earlier");
            results.add(result);
            print(out, "earlier", result);
        }
        report.table(ReplayReport.overall(names, results, settings));
        report.table(ReplayReport.anomalies(names, results));
        for (int i = 0; i < names.size(); i++) {
            report.table(ReplayReport.alertTypes(names.get(i), results.get(i), settings));
        }
        ChurnReport.ReportFiles files = report.build().writeTo(outDir);
        ReplayReport.writeCsv(outDir.resolve(ReplayReport.ALERT_TYPES_CSV), names, results);
        out.printf(
                "%nReport: %s (and %s, charts and CSVs in %s)%n",
                files.html(), files.markdown(), outDir);
        return results;
    }

    private ReplayRun.Output replay(
            Setup setup,
            ModelArtifact shadow,
            List<NetworkIncident> knownIncidents,
            ScoreCutoffs cutoffs,
            ScoreCutoffs shadowCutoffs)
            throws Exception {
        ReplayRun.Output output =
                ReplayRun.run(
                        history,
                        setup.config(),
                        setup.artifact(),
                        shadow,
                        stateBackend.flinkName(),
                        outDir.resolve(setup.name() + "-" + ALERTS_FILE),
                        knownIncidents,
                        cutoffs,
                        shadowCutoffs);
        spec.commandLine()
                .getOut()
                .printf(
                        "  %,d events, %,d scores, %,d alerts in %.0f s%n",
                        output.events(), output.scores(), output.alerts().size(), output.seconds());
        return output;
    }

    /**
     * Every alert the run published, as JSON lines in the job's JSON encoding, for analysis beyond
     * the report.
     */
    static final String ALERTS_FILE = "alerts.jsonl";

    private static List<Alert> readAlerts(Path file) throws IOException {
        PlainJsonCodec<Alert> codec = new PlainJsonCodec<>(Alert.class);
        List<Alert> alerts = new ArrayList<>();
        int line = 0;
        for (String json : Files.readAllLines(file)) {
            line++;
            if (json.isBlank()) {
                continue;
            }
            try {
                alerts.add(codec.decode(json.getBytes(StandardCharsets.UTF_8)));
            } catch (CodecException e) {
                throw new IOException(file + " line " + line + ": " + e.getMessage(), e);
            }
        }
        return alerts;
    }

    private record Setup(
            String name,
            Path configFile,
            ScoringConfig config,
            ModelArtifact artifact,
            double threshold) {}

    private static Setup setup(String name, Path configFile, Path modelFile) {
        ScoringConfig config = ScoringConfig.load(configFile);
        ModelArtifact artifact =
                modelFile == null ? ChurnScorer.loadModels(config) : ModelArtifacts.read(modelFile);
        ChurnScorer.validate(config, artifact);
        return new Setup(
                name, configFile, config, artifact, new ChurnScorer(config, artifact).threshold());
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

    private static void print(PrintWriter out, String name, AlertEvaluation.Result result) {
        AlertEvaluation.Overall o = result.overall();
        AlertEvaluation.TypeFigures risk = ReplayReport.figures(result, AlertType.CHURN_RISK);
        out.printf(
                Locale.ROOT,
                "  %s: CHURN_RISK precision %.2f (%d judged), recall %.2f, median lead %.0f days;"
                        + " retention contacts a month %.1f for %.1f churners (%.2f each); steady stayers quiet %.3f%n",
                name,
                risk.precision(),
                risk.judged(),
                risk.recall(),
                risk.medianLeadDays(),
                o.retentionContactsPerMonth(),
                o.churnersPerMonth(),
                o.contactsPerChurner(),
                o.steadyQuiet());
    }
}
