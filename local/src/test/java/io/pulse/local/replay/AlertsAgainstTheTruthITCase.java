package io.pulse.local.replay;

import io.pulse.cli.PulseCommandLine;
import io.pulse.model.report.ChurnReport;
import io.pulse.schema.AlertType;
import io.pulse.schema.history.HistoryFiles;
import io.pulse.scoring.TestEvents;
import io.pulse.simulator.Condition;
import io.pulse.simulator.HistoryWriter;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped configuration and churn model, run through the scoring job on a local Flink cluster
 * by the replay command, on a simulated history of a seed the model was not trained on (it learnt
 * from seed 7), measured against that history's ground truth. It fails when steady subscribers are
 * alerted, not only when planted conditions are missed, and when the report is not written. The
 * targets of the churn types over a larger history are those of docs/evaluation.md
 * (bin/pulse-replay).
 */
class AlertsAgainstTheTruthITCase {
    private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    private static final int SUBSCRIBERS = 700;
    private static final int DAYS = 120;

    @TempDir static Path dir;
    private static AlertEvaluation.Result result;
    private static String printed;

    @BeforeAll
    static void replay() throws Exception {
        Path history = dir.resolve("history");
        HistoryWriter.write(history, SUBSCRIBERS, 11, START, DAYS, 0.02, HistoryFiles.Format.AVRO);
        // the shipped model under another version, scored in shadow beside itself
        Path challenger = dir.resolve("challenger.json");
        Files.writeString(
                challenger,
                Files.readString(TestEvents.repoFile("config/models/churn-sim.json"))
                        .replace(
                                "\"version\" : \"sim-2026.12-2\"", "\"version\" : \"sim-shadow\""));
        StringWriter out = new StringWriter();
        ReplayCommand command = new ReplayCommand();
        CommandLine commandLine = PulseCommandLine.of(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.parseArgs(
                "--history",
                history.toString(),
                "--out",
                dir.resolve("report").toString(),
                "--config",
                TestEvents.repoFile("config/scoring.yaml").toString(),
                "--evaluation",
                TestEvents.repoFile("config/evaluation.yaml").toString(),
                "--state-backend",
                "hashmap",
                "--challenger",
                challenger.toString());
        List<AlertEvaluation.Result> results = command.run();
        printed = out.toString();
        System.out.println(printed);
        result = results.get(0);
    }

    @Test
    void steadySubscribersWhoStayRaiseNoChurnAlert() {
        AlertEvaluation.Overall overall = result.overall();
        assertThat(overall.steadyStayers()).isGreaterThan(SUBSCRIBERS / 2);
        assertThat(overall.steadyQuiet())
                .as("steady stayers with none of %s in %d days", AlertEvaluation.QUIET_TYPES, 100)
                .isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void churnRiskIsRightMoreOftenThanNotAndEarly() {
        AlertEvaluation.TypeFigures risk = ReplayReport.figures(result, AlertType.CHURN_RISK);
        // about 4% of these subscribers leave within 60 days of any moment
        assertThat(risk.judged()).isGreaterThanOrEqualTo(10);
        assertThat(risk.precision()).isGreaterThan(0.3);
        assertThat(risk.recall()).isGreaterThan(0.1);
        assertThat(risk.medianLeadDays()).isGreaterThan(7);
    }

    @Test
    void conditionsOfTheTruthAreFoundAndTheAlertsForThemAreRight() {
        for (AlertType type :
                List.of(AlertType.ARREARS, AlertType.REPAIR_OVERDUE, AlertType.CONTRACT_EXPIRY)) {
            AlertEvaluation.TypeFigures f = ReplayReport.figures(result, type);
            assertThat(f.opened()).as("%s opened", type).isPositive();
            assertThat(f.conditionPrecision())
                    .as("%s whose condition was there", type)
                    .isGreaterThanOrEqualTo(0.95);
        }
        // silence is raised for silent lines, but also by an ordinary quiet spell: more often right
        // than not
        assertThat(ReplayReport.figures(result, AlertType.ZERO_ACTIVITY).conditionPrecision())
                .isGreaterThan(0.5);
        assertThat(ReplayReport.figures(result, AlertType.DORMANT).conditionPrecision())
                .isGreaterThan(0.7);
    }

    /**
     * Cloned SIMs and data surges against each subscriber's own rhythm: most clones and some surges
     * are found, and most spikes are one of them (the larger history of docs/evaluation.md: 32 of
     * 35 clones, 218 of 626 surges, 83% of the alerts right, 3.3 false alarms per 1,000 subscribers
     * a month).
     */
    @Test
    void usageSpikesFindTheClonedSimsAndDataSurgesAndLittleElse() {
        AlertEvaluation.TypeFigures spike = ReplayReport.figures(result, AlertType.USAGE_SPIKE);
        AlertEvaluation.AnomalyFigures clones = anomaly(Condition.FRAUD);
        AlertEvaluation.AnomalyFigures surges = anomaly(Condition.DATA_SURGE);
        assertThat(clones.planted()).as("cloned-SIM days planted").isGreaterThan(2);
        assertThat(clones.recall()).as("%s", clones).isGreaterThanOrEqualTo(0.6);
        assertThat(surges.planted()).as("data surges planted").isGreaterThan(10);
        assertThat(surges.recall()).as("%s", surges).isGreaterThanOrEqualTo(0.2);
        assertThat(surges.falseAlarmsPerThousandPerMonth()).as("%s", surges).isLessThan(10);
        assertThat(spike.conditionPrecision()).as("%s", spike).isGreaterThanOrEqualTo(0.6);
    }

    /**
     * A collapse of paid use raises USAGE_DROP and a burst of dropped calls SATISFACTION_DROP more
     * often than not (the larger history: 0.63 and 0.52), USAGE_DROP with few false alarms (9.0 per
     * 1,000 subscribers a month there; the two ratios before had 13.3).
     */
    @Test
    void collapsesAndBurstsOfDroppedCallsAreFound() {
        AlertEvaluation.AnomalyFigures collapses = anomaly(Condition.SPEND_COLLAPSE);
        AlertEvaluation.AnomalyFigures bursts = anomaly(Condition.CALL_DROPS);
        assertThat(collapses.planted()).as("collapses planted").isGreaterThan(5);
        assertThat(collapses.recall()).as("%s", collapses).isGreaterThanOrEqualTo(0.4);
        assertThat(collapses.falseAlarmsPerThousandPerMonth()).as("%s", collapses).isLessThan(20);
        assertThat(bursts.planted()).as("bursts planted").isGreaterThan(5);
        assertThat(bursts.recall()).as("%s", bursts).isGreaterThanOrEqualTo(0.3);
    }

    private static AlertEvaluation.AnomalyFigures anomaly(Condition condition) {
        return result.anomalies().stream()
                .filter(a -> a.anomaly() == condition)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void retentionContactsStayWithinABudgetOfTheMonthsChurners() {
        assertThat(result.overall().churners()).isPositive();
        // the target of docs/evaluation.md on the larger history is three; this smaller one is
        // noisier
        assertThat(result.overall().contactsPerChurner()).isLessThan(6);
    }

    @Test
    void theReportHasItsChartsCsvsAndTables() throws Exception {
        Path report = dir.resolve("report");
        for (String file :
                List.of(
                        ChurnReport.HTML,
                        ChurnReport.MARKDOWN,
                        ChurnReport.GAINS_CHART,
                        ChurnReport.LIFT_CHART,
                        ChurnReport.PRECISION_RECALL_CHART,
                        ChurnReport.CALIBRATION_CHART,
                        ChurnReport.LEAD_TIME_CHART,
                        ChurnReport.SCORES_CSV,
                        ChurnReport.DECILES_CSV,
                        ReplayReport.ALERT_TYPES_CSV)) {
            assertThat(report.resolve(file)).as(file).isNotEmptyFile();
        }
        String markdown = Files.readString(report.resolve(ChurnReport.MARKDOWN));
        assertThat(markdown)
                .contains(
                        "Alert types: current",
                        "Overall",
                        "CHURN_RISK *",
                        "Key accounts against the truth, current");
        // 12 alert types, a header line
        assertThat(Files.readAllLines(report.resolve(ReplayReport.ALERT_TYPES_CSV))).hasSize(13);
        assertThat(printed).contains("CHURN_RISK precision", "Report: ");
    }

    @Test
    void aChallengerInShadowIsRankedOnTheSameCutOffsAsTheChampion() throws IOException {
        Matcher line =
                Pattern.compile(
                                "champion sim-2026.12-2 AUC ([0-9.]+), challenger sim-shadow in shadow"
                                        + " AUC ([0-9.]+), on the same ([0-9,]+) cut-offs")
                        .matcher(printed);
        assertThat(line.find()).as(printed).isTrue();
        // the same trees: the same ranking, cut-off for cut-off
        assertThat(line.group(2)).isEqualTo(line.group(1));
        assertThat(Integer.parseInt(line.group(3).replace(",", ""))).isGreaterThan(1000);
        assertThat(Files.readString(dir.resolve("report").resolve(ChurnReport.MARKDOWN)))
                .contains("challenger sim-shadow in shadow");
    }
}
