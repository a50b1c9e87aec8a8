package io.pulse.model;

import io.pulse.cli.PulseCommandLine;
import io.pulse.model.replay.FeatureReplay;
import io.pulse.model.replay.LabelledCsv;
import io.pulse.model.replay.LabelledSubscriber;
import io.pulse.model.replay.ReplayedSubscriber;
import io.pulse.model.report.ChurnReport;
import io.pulse.model.train.Metrics;
import io.pulse.schema.history.HistoryFiles;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.features.Feature;
import io.pulse.scoring.model.Calibration;
import io.pulse.scoring.model.ChurnModel;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelSpec;
import io.pulse.simulator.HistoryWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The train and evaluate commands on a labelled file with a planted churn signal. */
class PulseModelTest {
    private static final String CONFIG = TestEvents.repoFile("config/scoring.yaml").toString();

    @TempDir Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PulseModel command =
            new PulseModel(new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void trainsAModelTheJobLoadsAndEvaluatesIt() throws IOException {
        Path data = writeCsv(dir.resolve("labelled.csv"), plantedSubscribers(400, new Random(3)));
        Path model = dir.resolve("models/churn-test.json");

        ModelArtifact artifact =
                command.train(
                        train(
                                "--data",
                                data.toString(),
                                "--config",
                                CONFIG,
                                "--out",
                                model.toString(),
                                "--repeats",
                                "1",
                                "--folds",
                                "3"));

        assertThat(model).exists();
        assertThat(artifact.version()).isEqualTo("churn-test");
        assertThat(artifact.features()).isEqualTo(Feature.names());
        assertThat(artifact.models())
                .extracting(m -> m.name())
                .containsExactly("boosted", "logistic");
        assertThat(artifact.training().rows()).isEqualTo(400);
        assertThat(artifact.crossValidation())
                .containsKeys("boosted", "logistic", "union", "intersection");
        assertThat(artifact.crossValidation().get("boosted").get("auc")).isGreaterThan(0.8);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Cross-validated (1 x 3-fold")
                .contains("boosted");

        // both models combined by the union, judged at a probability: a labelled file's model has
        // no operating points
        String yaml =
                Files.readString(Path.of(CONFIG))
                        .replace("model-file: models/churn-sim.json", "model-file: " + model)
                        .replace("members: [boosted]", "members: [boosted, logistic]")
                        .replace("band: {precision: 0.5}", "band: {probability: 0.5}");
        Path config = dir.resolve("scoring.yaml");
        Files.writeString(config, yaml);
        assertThat(ChurnScorer.loadModels(ScoringConfig.load(config)).version())
                .isEqualTo("churn-test");

        Map<String, Metrics.Report> reports =
                command.evaluate(
                        evaluate("--data", data.toString(), "--config", config.toString()));
        assertThat(reports)
                .containsKeys("boosted", "logistic", "consumption", "union of boosted+logistic");
        assertThat(reports.get("boosted").auc()).isGreaterThan(0.8);
        assertThat(reports.get("union of boosted+logistic").flagged())
                .isGreaterThanOrEqualTo(
                        Math.max(
                                reports.get("boosted").flagged(),
                                reports.get("logistic").flagged()));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("AUC").contains("lift");
    }

    @Test
    void evaluateWritesAReportWhoseFiguresMatchAnIndependentCount() throws IOException {
        Path data = writeCsv(dir.resolve("labelled.csv"), plantedSubscribers(120, new Random(11)));
        Path reportDir = dir.resolve("report");

        command.evaluate(
                evaluate(
                        "--data",
                        data.toString(),
                        "--config",
                        CONFIG,
                        "--report",
                        reportDir.toString()));

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("AUC")
                .contains("Report: " + reportDir.resolve(ChurnReport.HTML));
        for (String file :
                List.of(
                        ChurnReport.HTML,
                        ChurnReport.MARKDOWN,
                        ChurnReport.SCORES_CSV,
                        ChurnReport.DECILES_CSV,
                        ChurnReport.CALIBRATION_CSV,
                        ChurnReport.PRECISION_RECALL_CSV,
                        ChurnReport.LEAD_TIMES_CSV)) {
            assertThat(reportDir.resolve(file)).as(file).isRegularFile().isNotEmptyFile();
        }
        for (String chart :
                List.of(
                        ChurnReport.GAINS_CHART,
                        ChurnReport.LIFT_CHART,
                        ChurnReport.PRECISION_RECALL_CHART,
                        ChurnReport.CALIBRATION_CHART)) {
            BufferedImage image = ImageIO.read(reportDir.resolve(chart).toFile());
            assertThat(image).as(chart).isNotNull();
            assertThat(image.getWidth()).as(chart).isEqualTo(ChurnReport.CHART_WIDTH);
            assertThat(image.getHeight()).as(chart).isEqualTo(ChurnReport.CHART_HEIGHT);
        }
        // a labelled snapshot has no alert history: no lead-time chart
        assertThat(reportDir.resolve(ChurnReport.LEAD_TIME_CHART)).doesNotExist();

        String html = Files.readString(reportDir.resolve(ChurnReport.HTML));
        Matcher reference = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        List<String> referenced = new ArrayList<>();
        while (reference.find()) {
            referenced.add(reference.group(1));
        }
        assertThat(referenced).contains(ChurnReport.GAINS_CHART, ChurnReport.CALIBRATION_CHART);
        for (String file : referenced) {
            assertThat(reportDir.resolve(file))
                    .as("referenced by report.html: %s", file)
                    .isRegularFile();
        }
        assertThat(html).doesNotContain("<script", "http:", "https:");

        // the published probabilities, scored here as the job scores them, and their AUC and hit
        // rate
        // counted pair by pair and subscriber by subscriber
        ScoringConfig config = ScoringConfig.load(Path.of(CONFIG));
        ChurnScorer scorer = new ChurnScorer(config, TestEvents.shippedModels());
        FeatureReplay replay = new FeatureReplay(config);
        List<LabelledSubscriber> rows = LabelledCsv.read(data);
        double[] p = new double[rows.size()];
        int churners = 0;
        for (int i = 0; i < rows.size(); i++) {
            ReplayedSubscriber r = replay.replay(rows.get(i));
            p[i] = scorer.assess(r.state(), r.profile(), r.satisfaction(), r.now()).probability();
            churners += rows.get(i).churned() ? 1 : 0;
        }
        double pairs = 0;
        double ordered = 0;
        int flagged = 0;
        int hits = 0;
        // the shipped model has operating points: judged where the configured band says, as the job
        // flags
        double threshold = scorer.threshold();
        for (int i = 0; i < rows.size(); i++) {
            if (p[i] >= threshold) {
                flagged++;
                hits += rows.get(i).churned() ? 1 : 0;
            }
            for (int j = 0; j < rows.size(); j++) {
                if (rows.get(i).churned() && !rows.get(j).churned()) {
                    pairs++;
                    ordered += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                }
            }
        }
        String[] summary =
                markdownRow(
                        Files.readString(reportDir.resolve(ChurnReport.MARKDOWN)),
                        "union of boosted");
        assertThat(flagged).as("the test needs flagged subscribers").isPositive();
        assertThat(summary[1]).isEqualTo(String.format(Locale.ROOT, "%,d", rows.size()));
        assertThat(summary[2]).isEqualTo(String.format(Locale.ROOT, "%,d", churners));
        assertThat(summary[4]).isEqualTo(String.format(Locale.ROOT, "%.3f", ordered / pairs));
        assertThat(summary[6])
                .isEqualTo(String.format(Locale.ROOT, "%.3f", (double) hits / flagged));
        assertThat(summary[8]).isEqualTo(String.format(Locale.ROOT, "%,d", flagged));
        // the other sets are the models alone
        assertThat(
                        markdownRow(
                                Files.readString(reportDir.resolve(ChurnReport.MARKDOWN)),
                                "boosted"))
                .isNotNull();
        assertThat(
                        markdownRow(
                                Files.readString(reportDir.resolve(ChurnReport.MARKDOWN)),
                                "consumption"))
                .isNotNull();

        // scores.csv holds exactly those probabilities
        List<String> combinedScores =
                Files.readAllLines(reportDir.resolve(ChurnReport.SCORES_CSV)).stream()
                        .filter(line -> line.startsWith("union of boosted,"))
                        .toList();
        assertThat(combinedScores).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(combinedScores.get(i))
                    .isEqualTo(
                            "union of boosted,"
                                    + rows.get(i).id()
                                    + ","
                                    + p[i]
                                    + ","
                                    + (rows.get(i).churned() ? 1 : 0));
        }
    }

    /** The cells of the Markdown table row whose first cell is {@code first}. */
    private static String[] markdownRow(String markdown, String first) {
        for (String line : markdown.split("\n")) {
            if (line.startsWith("| " + first + " |")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                return cells;
            }
        }
        throw new AssertionError("no row '" + first + "' in\n" + markdown);
    }

    @Test
    void everyModelIsCalibratedOutOfFoldAndAChurnRateShiftsItsProbabilities() throws IOException {
        Path data = writeCsv(dir.resolve("labelled.csv"), plantedSubscribers(400, new Random(3)));
        ModelArtifact sample =
                command.train(
                        train(
                                "--data",
                                data.toString(),
                                "--config",
                                CONFIG,
                                "--out",
                                dir.resolve("sample.json").toString(),
                                "--repeats",
                                "1",
                                "--folds",
                                "3"));
        ModelArtifact operator =
                command.train(
                        train(
                                "--data",
                                data.toString(),
                                "--config",
                                CONFIG,
                                "--out",
                                dir.resolve("operator.json").toString(),
                                "--repeats",
                                "1",
                                "--folds",
                                "3",
                                "--churn-rate",
                                "0.02"));

        double rate = (double) sample.training().churners() / sample.training().rows();
        assertThat(rate).isGreaterThan(0.2);
        assertThat(operator.training().method())
                .contains("calibrated out of fold", "churn rate of 0.02");
        FeatureReplay replay = new FeatureReplay(TestEvents.shippedConfig());
        List<LabelledSubscriber> rows = plantedSubscribers(400, new Random(3));
        for (int m = 0; m < sample.models().size(); m++) {
            ModelSpec calibrated = sample.models().get(m);
            ModelSpec shifted = operator.models().get(m);
            assertThat(calibrated.calibration()).isNotEqualTo(Calibration.IDENTITY);
            // the same model, the same slope, the log-odds moved by the change of prior odds
            assertThat(shifted.calibration().a()).isEqualTo(calibrated.calibration().a());
            assertThat(shifted.calibration().b() - calibrated.calibration().b())
                    .isCloseTo(Calibration.logit(0.02) - Calibration.logit(rate), within(1e-12));
            double meanSample = 0;
            double meanOperator = 0;
            for (LabelledSubscriber row : rows) {
                double[] x = replay.replay(row).features();
                meanSample += ChurnModel.of(calibrated).predict(x) / rows.size();
                meanOperator += ChurnModel.of(shifted).predict(x) / rows.size();
            }
            assertThat(meanOperator).as(calibrated.name()).isLessThan(meanSample / 2);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("to 0.0200");

        assertThatThrownBy(
                        () ->
                                command.train(
                                        train(
                                                "--data",
                                                data.toString(),
                                                "--config",
                                                CONFIG,
                                                "--out",
                                                dir.resolve("bad.json").toString(),
                                                "--churn-rate",
                                                "2")))
                .isInstanceOf(ParameterException.class)
                .hasMessage("Invalid value for option '--churn-rate': '2' is not between 0 and 1");
    }

    @Test
    void trainsOnAnEventHistoryLabelledByItsTerminationsAndSplitByTime() throws IOException {
        Path history = dir.resolve("history");
        HistoryWriter.write(history, 800, 5, TestEvents.DAY_0, 180, 0.06, HistoryFiles.Format.AVRO);
        Path model = dir.resolve("models/churn-history.json");
        Path report = dir.resolve("history-report");

        ModelArtifact artifact =
                command.train(
                        train(
                                "--history",
                                history.toString(),
                                "--config",
                                CONFIG,
                                "--out",
                                model.toString(),
                                "--report",
                                report.toString()));

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains(
                        "Labelled by termination within 30 days; split by time:",
                        "train ",
                        "calibration ",
                        "evaluation ",
                        "Calibration in tenths of the snapshots");
        assertThat(artifact.training().method())
                .contains("history split by time", "within 30 days");
        assertThat(artifact.training().churners()).isPositive();
        assertThat(artifact.models())
                .extracting(ModelSpec::name)
                .containsExactly("boosted", "logistic");
        assertThat(artifact.models())
                .allSatisfy(m -> assertThat(m.calibration()).isNotEqualTo(Calibration.IDENTITY));
        // operating points by ascending threshold, the flagged share falling as the threshold rises
        assertThat(artifact.operatingPoints()).hasSizeGreaterThan(20);
        assertThat(artifact.operatingPoints().get(0).monthlyFlagged())
                .isGreaterThan(
                        artifact.operatingPoints()
                                .get(artifact.operatingPoints().size() - 1)
                                .monthlyFlagged());
        // leaving is more than chance to it, on cut-offs it never trained on
        assertThat(artifact.crossValidation().get("boosted").get("auc")).isGreaterThan(0.6);
        assertThat(report.resolve(ChurnReport.HTML)).isNotEmptyFile();
        assertThat(Files.readString(report.resolve(ChurnReport.MARKDOWN)))
                .contains("Operating points");

        // the job loads it with a budget band, which its operating points turn into a probability
        String yaml =
                Files.readString(Path.of(CONFIG))
                        .replace("model-file: models/churn-sim.json", "model-file: " + model)
                        .replace("band: {precision: 0.5}", "band: {monthly-budget: 0.03}");
        Path config = dir.resolve("scoring-history.yaml");
        Files.writeString(config, yaml);
        assertThat(ChurnScorer.loadModels(ScoringConfig.load(config)).version())
                .isEqualTo("churn-history");
    }

    @Test
    void trainNeedsExactlyOneSource() {
        assertThatThrownBy(() -> train("--config", CONFIG))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("Missing required argument")
                .hasMessageContaining("--history")
                .hasMessageContaining("--events-topic")
                .hasMessageContaining("--data");
        assertThatThrownBy(() -> train("--data", "a.csv", "--history", "h"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--data=FILE.csv")
                .hasMessageContaining("--history=DIR")
                .hasMessageContaining("mutually exclusive");
    }

    @Test
    void aFileWithoutTheLabelColumnIsRefusedNamingIt() throws IOException {
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, "Account length,International plan\n1,No\n");
        assertThatThrownBy(
                        () ->
                                command.train(
                                        train(
                                                "--data",
                                                data.toString(),
                                                "--config",
                                                CONFIG,
                                                "--out",
                                                dir.resolve("m.json").toString())))
                .hasMessageContaining("missing column 'Voice mail plan'");
    }

    /** The train command's options from these arguments, as bin/pulse-model train parses them. */
    private static TrainCommand train(String... args) {
        TrainCommand options = new TrainCommand();
        PulseCommandLine.of(options).parseArgs(args);
        return options;
    }

    private static EvaluateCommand evaluate(String... args) {
        EvaluateCommand options = new EvaluateCommand();
        PulseCommandLine.of(options).parseArgs(args);
        return options;
    }

    /**
     * Churners call customer service often and talk a lot in the daytime (as in the public set).
     */
    private static List<LabelledSubscriber> plantedSubscribers(int n, Random random) {
        List<LabelledSubscriber> rows =
                new ArrayList<>(ServingMatchesTrainingTest.randomSubscribers(n, random));
        for (int i = 0; i < rows.size(); i++) {
            LabelledSubscriber r = rows.get(i);
            boolean churned = r.customerServiceCalls() >= 4 || r.day().minutes() > 300;
            if (random.nextInt(10) == 0) {
                churned = !churned;
            }
            rows.set(
                    i,
                    new LabelledSubscriber(
                            r.id(),
                            r.accountLengthDays(),
                            r.internationalPlan(),
                            r.voicemailPlan(),
                            r.day(),
                            r.evening(),
                            r.night(),
                            r.international(),
                            r.customerServiceCalls(),
                            churned));
        }
        return rows;
    }

    private static Path writeCsv(Path file, List<LabelledSubscriber> rows) throws IOException {
        StringBuilder csv =
                new StringBuilder(
                        "State,Account length,Area code,International plan,Voice mail plan,"
                                + "Number vmail messages,Total day minutes,Total day calls,Total day charge,Total eve minutes,"
                                + "Total eve calls,Total eve charge,Total night minutes,Total night calls,Total night charge,"
                                + "Total intl minutes,Total intl calls,Total intl charge,Customer service calls,Churn\n");
        for (LabelledSubscriber r : rows) {
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "XX,%d,415,%s,%s,0,%s,%s,%s,%s,%d,%s%n",
                            r.accountLengthDays(),
                            r.internationalPlan() ? "Yes" : "No",
                            r.voicemailPlan() ? "Yes" : "No",
                            band(r.day()),
                            band(r.evening()),
                            band(r.night()),
                            band(r.international()),
                            r.customerServiceCalls(),
                            r.churned() ? "TRUE" : "FALSE"));
        }
        Files.writeString(file, csv);
        return file;
    }

    private static String band(LabelledSubscriber.Band b) {
        return String.format(Locale.ROOT, "%.1f,%d,%.2f", b.minutes(), b.calls(), b.charge());
    }
}
