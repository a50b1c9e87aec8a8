package io.pulse.scoring.config;

import io.pulse.schema.Segment;
import io.pulse.scoring.TestEvents;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoringConfigTest {
    private final String shipped = TestEvents.shippedConfigText();

    /**
     * A configuration written before alerts.network-incident existed: refused at start, and taken
     * with the job's own section when it comes from the control topic or a savepoint.
     */
    @Test
    void aSectionAddedSinceIsTakenFromTheJobsOwnConfigurationWhenPublished() {
        int start = shipped.indexOf("  network-incident:");
        int end = shipped.indexOf("\noutputs:");
        String before = shipped.substring(0, start) + shipped.substring(end + 1);
        assertThatThrownBy(() -> ScoringConfig.parse(before, TestEvents.repoFile("config")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("network-incident");

        ScoringConfig own = ScoringConfig.parse(shipped, TestEvents.repoFile("config"));
        ScoringConfig published = ScoringConfig.parse(before, Path.of(""), own);
        assertThat(published.alerts().networkIncident()).isEqualTo(own.alerts().networkIncident());
        assertThat(published.alerts().networkIncident().baselineDays()).isEqualTo(28);
    }

    @Test
    void theNetworkIncidentsHistoryFitsTheWeekendsOfItsBaseline() {
        String yaml = shipped.replace("    min-history-days: 4\n", "    min-history-days: 9\n");
        assertThatThrownBy(() -> ScoringConfig.parse(yaml, TestEvents.repoFile("config")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "alerts.network-incident.min-history-days must be at most the weekend days among baseline-days (8)");
    }

    @Test
    void theShippedConfigurationLoadsWithTheSourceWeights() {
        ScoringConfig config = TestEvents.shippedConfig();
        var services = config.churn().consumption().services();
        assertThat(services.get(ConsumptionService.CUG).weight()).isEqualTo(0.05);
        assertThat(services.get(ConsumptionService.RINGBACK).weight()).isEqualTo(0.12);
        assertThat(services.get(ConsumptionService.CALLER_ID).weight()).isEqualTo(0.25);
        assertThat(services.get(ConsumptionService.SMS).weight()).isEqualTo(0.8);
        assertThat(services.get(ConsumptionService.LONG_DISTANCE_MINUTES).weight()).isEqualTo(0.92);
        assertThat(services.get(ConsumptionService.LOCAL_MINUTES).weight()).isEqualTo(1.0);
        assertThat(config.alerts().zeroActivity().silentDays())
                .containsEntry(Segment.KEY_ACCOUNT, 3)
                .containsEntry(Segment.MASS, 7);
    }

    @Test
    void aMissingKeyIsNamed() {
        String yaml = shipped.replace("    k: 1.5\n", "");
        assertThatThrownBy(() -> ScoringConfig.parse(yaml, TestEvents.repoFile("config")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("missing key 'churn.consumption.k'");
    }

    @Test
    void anUnknownKeyIsNamed() {
        String yaml =
                shipped.replace("  half-life-days: 30", "  half-life-days: 30\n  halflife: 3");
        assertThatThrownBy(() -> ScoringConfig.parse(yaml, TestEvents.repoFile("config")))
                .hasMessage("unknown key 'satisfaction.halflife'");
    }

    @Test
    void aWeightOutOfRangeIsNamed() {
        String yaml =
                shipped.replace(
                        "sms:                   {weight: 0.80",
                        "sms:                   {weight: -1");
        assertThatThrownBy(() -> ScoringConfig.parse(yaml, TestEvents.repoFile("config")))
                .hasMessageStartingWith(
                        "churn.consumption.services.sms.weight is -1.0, must be between");
    }

    @Test
    void segmentThresholdsOverrideTheDefaultAndAnUnknownSegmentIsNamed() {
        ScoringConfig config =
                ScoringConfig.parse(
                        shipped.replace(
                                "# min-score-by-segment: {KEY_ACCOUNT: 6}",
                                "min-score-by-segment: {KEY_ACCOUNT: 6}"),
                        TestEvents.repoFile("config"));
        assertThat(config.alerts().usageSpike().minScore(Segment.KEY_ACCOUNT)).isEqualTo(6.0);
        assertThat(config.alerts().usageSpike().minScore(Segment.MASS)).isEqualTo(8.0);
        String yaml =
                shipped.replace(
                        "# low-days-by-segment: {KEY_ACCOUNT: 10}",
                        "low-days-by-segment: {KEY: 10}");
        assertThatThrownBy(() -> ScoringConfig.parse(yaml, TestEvents.repoFile("config")))
                .hasMessage("alerts.usage-drop.low-days-by-segment.KEY: not a segment");
    }

    @Test
    void aServiceCanOnlyExemptAWatchedMeasure() {
        String yaml =
                shipped.replace(
                        "# min-score-by-segment: {KEY_ACCOUNT: 6}",
                        "ignored-with-service: {roaming-minutes: [INTERNATIONAL]}");
        assertThatThrownBy(() -> ScoringConfig.parse(yaml, TestEvents.repoFile("config")))
                .hasMessage(
                        "alerts.usage-spike.ignored-with-service.roaming-minutes: not a watched measure"
                                + " (a key of min-excess)");
    }

    @Test
    void onlyAWatchedMeasureHasAScoreOfItsOwn() {
        String yaml = shipped.replace("      data-mb: 4\n", "      roaming-minutes: 4\n");
        assertThatThrownBy(() -> ScoringConfig.parse(yaml, TestEvents.repoFile("config")))
                .hasMessage(
                        "alerts.usage-spike.min-score-by-measure.roaming-minutes: not a watched"
                                + " measure (a key of min-excess)");
        assertThat(
                        ScoringConfig.parse(shipped, TestEvents.repoFile("config"))
                                .alerts()
                                .usageSpike()
                                .minScoreByMeasure())
                .containsEntry("data-mb", 4.0);
    }

    @Test
    void aMissingSegmentIsNamed() {
        String yaml =
                shipped.replace(
                        "silent-days: {MASS: 7, BUSINESS: 7, KEY_ACCOUNT: 3}",
                        "silent-days: {MASS: 7, KEY_ACCOUNT: 3}");
        assertThatThrownBy(() -> ScoringConfig.parse(yaml, TestEvents.repoFile("config")))
                .hasMessage("missing key 'alerts.zero-activity.silent-days.BUSINESS'");
    }

    @Test
    void aWrongTypeIsNamed() {
        String yaml = shipped.replace("idleness-seconds: 60", "idleness-seconds: soon");
        assertThatThrownBy(() -> ScoringConfig.parse(yaml, TestEvents.repoFile("config")))
                .hasMessage("time.idleness-seconds must be a whole number, got 'soon'");
    }

    @Test
    void thresholdsThatWouldFlapAreRefused() {
        String usage = shipped.replace("    clear-ratio: 0.6", "    clear-ratio: 0.4");
        assertThatThrownBy(() -> ScoringConfig.parse(usage, TestEvents.repoFile("config")))
                .hasMessage("alerts.usage-drop.clear-ratio must be above alerts.usage-drop.ratio");
        String churn = shipped.replace("    clear-factor: 0.8", "    clear-factor: 1.0");
        assertThatThrownBy(() -> ScoringConfig.parse(churn, TestEvents.repoFile("config")))
                .hasMessage("alerts.churn-risk.clear-factor is 1.0, must be between 0.0 and 0.99");
    }

    @Test
    void theChurnBandIsExactlyOneOfProbabilityBudgetOrPrecision() {
        ScoringConfig.Band budget =
                ScoringConfig.parse(
                                shipped.replace(
                                        "band: {precision: 0.5}", "band: {monthly-budget: 0.03}"),
                                TestEvents.repoFile("config"))
                        .churn()
                        .band();
        assertThat(budget)
                .isEqualTo(new ScoringConfig.Band(ScoringConfig.BandKind.MONTHLY_BUDGET, 0.03));
        for (String band : new String[] {"band: {}", "band: {probability: 0.3, precision: 0.5}"}) {
            assertThatThrownBy(
                            () ->
                                    ScoringConfig.parse(
                                            shipped.replace("band: {precision: 0.5}", band),
                                            TestEvents.repoFile("config")))
                    .hasMessage(
                            "churn.band must give exactly one of probability, monthly-budget or precision");
        }
        assertThatThrownBy(
                        () ->
                                ScoringConfig.parse(
                                        shipped.replace(
                                                "band: {precision: 0.5}", "band: {recall: 0.5}"),
                                        TestEvents.repoFile("config")))
                .hasMessage("unknown key 'churn.band.recall'");
    }

    @Test
    void aDedupHorizonShorterThanTheAllowedLatenessIsRefused() {
        String yaml =
                TestEvents.shippedConfigText()
                        .replace("dedup-horizon-hours: 48", "dedup-horizon-hours: 24");
        assertThatThrownBy(() -> ScoringConfig.parse(yaml, TestEvents.repoFile("config")))
                .hasMessage(
                        "state.dedup-horizon-hours must be at least time.allowed-lateness-hours");
    }

    @Test
    void anUnknownSegmentOrCombinationIsNamed() {
        String segment = shipped.replace("segments: [KEY_ACCOUNT]", "segments: [VIP]");
        assertThatThrownBy(() -> ScoringConfig.parse(segment, TestEvents.repoFile("config")))
                .hasMessage("alerts.competitor-contact.segments names 'VIP', not a segment");
        String rule = shipped.replace("combine: UNION", "combine: BOTH");
        assertThatThrownBy(() -> ScoringConfig.parse(rule, TestEvents.repoFile("config")))
                .hasMessage("churn.combine is 'BOTH', must be one of [UNION, INTERSECTION]");
    }

    @Test
    void anUnreadableFileIsNamed() {
        assertThatThrownBy(() -> ScoringConfig.load(Path.of("no/such/scoring.yaml")))
                .hasMessageContaining("cannot read scoring configuration no/such/scoring.yaml");
    }
}
