package io.pulse.scoring.alerts;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.features.Feature;
import io.pulse.scoring.functions.ScoringHarness;
import io.pulse.scoring.functions.SideOutputs;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelSpec;
import io.pulse.scoring.model.TreeSpec;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One subscriber's story through the job's scoring operator on Flink's test harness: events,
 * profiles and watermarks in, alerts out. The churn models are a fixed test model (churn from care
 * contacts in 30 days: up to 3 → 0.1, 4 → 0.45, 5 and more → 0.9), so churn risk is predictable and
 * stays low in every scenario that does not aim at it. Churn risk may be raised from the first day
 * ({@code min-observed-days: 0}) unless a scenario is given the shipped setting.
 */
final class AlertScenario implements AutoCloseable {
    static final String SUB = "sub-1";

    private final ScoringConfig config;
    private ScoringHarness harness;
    private List<Alert> emittedBeforeRestart = List.of();

    AlertScenario() throws Exception {
        this(testConfig(0));
    }

    /** The shipped configuration with the churn band at a probability of 0.5. */
    static ScoringConfig testConfig(int churnRiskMinObservedDays) {
        return ScoringConfig.parse(
                testConfigText(churnRiskMinObservedDays), TestEvents.repoFile("config"));
    }

    /** {@link #testConfig} with one line of the shipped configuration replaced. */
    /** The test configuration with lines replaced: line, its replacement, the next line, ... */
    static ScoringConfig testConfigWith(String... linesAndReplacements) {
        String text = testConfigText(0);
        for (int i = 0; i < linesAndReplacements.length; i += 2) {
            String line = linesAndReplacements[i];
            if (!text.contains(line)) {
                throw new IllegalStateException("config/scoring.yaml no longer has: " + line);
            }
            text = text.replace(line, linesAndReplacements[i + 1]);
        }
        return ScoringConfig.parse(text, TestEvents.repoFile("config"));
    }

    private static String testConfigText(int churnRiskMinObservedDays) {
        return TestEvents.shippedConfigText()
                .replace("band: {precision: 0.5}", "band: {probability: 0.5}")
                .replace("min-observed-days: 28", "min-observed-days: " + churnRiskMinObservedDays);
    }

    AlertScenario(ScoringConfig config) throws Exception {
        this.config = config;
        this.harness = newHarness();
        harness.open();
    }

    private ScoringHarness newHarness() throws Exception {
        return new ScoringHarness(LiveVersions.atStart(config, careContactModel()));
    }

    AlertScenario profile(SubscriberProfile profile) throws Exception {
        harness.profile(profile);
        return this;
    }

    AlertScenario event(SubscriberEvent event) throws Exception {
        harness.event(event);
        return this;
    }

    AlertScenario watermark(long time) throws Exception {
        harness.processBothWatermarks(new Watermark(time));
        return this;
    }

    /** Takes a snapshot and continues on a fresh operator restored from it, as after a restart. */
    AlertScenario restart() throws Exception {
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        List<Alert> before = alerts();
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        emittedBeforeRestart = before;
        return this;
    }

    /**
     * Keyed state entries of all subscribers (the operator's state and its remembered
     * terminations).
     */
    int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    /** Every alert published so far, in order (across a restart). */
    List<Alert> alerts() {
        var output = harness.getSideOutput(SideOutputs.ALERTS);
        List<Alert> now =
                output == null
                        ? List.of()
                        : output.stream().map(StreamRecord::getValue).collect(Collectors.toList());
        if (emittedBeforeRestart.isEmpty()) {
            return now;
        }
        List<Alert> all = new ArrayList<>(emittedBeforeRestart);
        all.addAll(now);
        return all;
    }

    List<Alert> alerts(AlertType type) {
        return alerts().stream().filter(a -> a.getType() == type).collect(Collectors.toList());
    }

    List<AlertStatus> statuses(AlertType type) {
        return alerts(type).stream().map(Alert::getStatus).collect(Collectors.toList());
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }

    /**
     * The test churn model: one boosted tree on care contacts in 30 days (probability 0.1 under 4
     * contacts, 0.45 at 4, 0.9 from 5), and a logistic model that always says about 0; flagged from
     * a probability of 0.5 (the shipped band is a precision, which this hand-made file has no
     * operating points for), cleared and raised to HIGH at the shipped factors of it.
     */
    static ModelArtifact careContactModel() {
        int care = Feature.CARE_CONTACTS_30D.ordinal();
        double low = logit(0.1);
        double four = logit(0.45);
        double many = logit(0.9);
        TreeSpec tree =
                new TreeSpec(
                        new int[] {care, -1, care, -1, -1},
                        new float[] {3.5f, 0, 4.5f, 0, 0},
                        new int[] {1, -1, 3, -1, -1},
                        new int[] {2, -1, 4, -1, -1},
                        new int[] {1, -1, 3, -1, -1},
                        new double[] {
                            (2 * low + four + many) / 4, low, (four + many) / 2, four, many
                        },
                        new double[] {4, 2, 2, 1, 1});
        int n = Feature.count();
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        return new ModelArtifact(
                ModelArtifact.FORMAT,
                "test-care-contacts",
                "2026-11-26T00:00:00Z",
                new ModelArtifact.TrainingData("none", "none", 0, 0, "hand-made for tests"),
                Feature.names(),
                new double[n],
                List.of(
                        ModelSpec.boosted("boosted", "care contacts", 0.0, List.of(tree)),
                        ModelSpec.logistic(
                                "logistic",
                                "never",
                                -20.0,
                                new double[n],
                                new double[n],
                                ones,
                                new double[n],
                                ones)),
                Map.of(),
                List.of());
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
