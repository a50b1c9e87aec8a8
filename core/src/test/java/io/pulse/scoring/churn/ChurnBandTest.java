package io.pulse.scoring.churn;

import io.pulse.scoring.TestEvents;
import io.pulse.scoring.config.ConfigException;
import io.pulse.scoring.config.ScoringConfig.Band;
import io.pulse.scoring.config.ScoringConfig.BandKind;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.OperatingPoint;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChurnBandTest {
    private static final ModelArtifact SHIPPED = TestEvents.shippedModels();
    private static final List<OperatingPoint> POINTS =
            List.of(
                    new OperatingPoint(0.05, 0.20, 0.10, 0.90),
                    new OperatingPoint(0.10, 0.08, 0.25, 0.60),
                    new OperatingPoint(0.30, 0.02, 0.45, 0.30),
                    new OperatingPoint(0.50, 0.01, 0.60, 0.15));

    private static ModelArtifact withPoints(List<OperatingPoint> points) {
        return new ModelArtifact(
                SHIPPED.format(),
                "points",
                SHIPPED.trainedAt(),
                SHIPPED.training(),
                SHIPPED.features(),
                SHIPPED.typical(),
                SHIPPED.models(),
                SHIPPED.crossValidation(),
                points);
    }

    @Test
    void aProbabilityIsTheBand() {
        assertThat(ChurnBand.threshold(new Band(BandKind.PROBABILITY, 0.37), withPoints(List.of())))
                .isEqualTo(0.37);
    }

    @Test
    void aBudgetIsTheLowestThresholdThatKeepsIt() {
        ModelArtifact model = withPoints(POINTS);
        assertThat(ChurnBand.threshold(new Band(BandKind.MONTHLY_BUDGET, 0.05), model))
                .isEqualTo(0.30);
        assertThat(ChurnBand.threshold(new Band(BandKind.MONTHLY_BUDGET, 0.08), model))
                .isEqualTo(0.10);
        // no threshold keeps a budget that small: the highest there is
        assertThat(ChurnBand.threshold(new Band(BandKind.MONTHLY_BUDGET, 0.001), model))
                .isEqualTo(0.50);
    }

    @Test
    void aPrecisionIsTheLowestThresholdThatReachesIt() {
        ModelArtifact model = withPoints(POINTS);
        assertThat(ChurnBand.threshold(new Band(BandKind.PRECISION, 0.4), model)).isEqualTo(0.30);
        assertThat(ChurnBand.threshold(new Band(BandKind.PRECISION, 0.6), model)).isEqualTo(0.50);
        assertThatThrownBy(() -> ChurnBand.threshold(new Band(BandKind.PRECISION, 0.7), model))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("at most 0.60, from 0.500");
    }

    @Test
    void aBudgetOrPrecisionNeedsOperatingPoints() {
        assertThatThrownBy(
                        () ->
                                ChurnBand.threshold(
                                        new Band(BandKind.MONTHLY_BUDGET, 0.03),
                                        withPoints(List.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "churn.band.monthly-budget needs a model file with operating points")
                .hasMessageContaining("give churn.band.probability instead");
    }

    @Test
    void theShippedModelsBandIsWhereItsPrecisionReachesAHalf() {
        double threshold = ChurnBand.threshold(TestEvents.shippedConfig().churn().band(), SHIPPED);
        OperatingPoint at =
                SHIPPED.operatingPoints().stream()
                        .filter(p -> p.threshold() == threshold)
                        .findFirst()
                        .orElseThrow();
        assertThat(at.precision()).isGreaterThanOrEqualTo(0.5);
        assertThat(SHIPPED.operatingPoints())
                .filteredOn(p -> p.threshold() < threshold)
                .allSatisfy(p -> assertThat(p.precision()).isLessThan(0.5));
    }
}
