package io.pulse.model.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {

    @Test
    void aucCountsCorrectlyOrderedPairs() {
        // churners score 0.9 and 0.7, others 0.8 and 0.6: 3 of 4 pairs in order
        assertThat(Metrics.auc(new double[] {0.9, 0.8, 0.7, 0.6}, new int[] {1, 0, 1, 0}))
                .isEqualTo(0.75);
        assertThat(Metrics.auc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1}))
                .isEqualTo(1.0);
        assertThat(Metrics.auc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {1, 1, 0, 0}))
                .isEqualTo(0.0);
    }

    @Test
    void aucCountsTiesAsHalf() {
        // churner 0.8: vs 0.8 tie 1/2, vs 0.4 and 0.1 wins -> 2.5; churner 0.4: vs 0.8 loses, 0.4
        // tie, 0.1 win -> 1.5
        double[] scores = {0.8, 0.8, 0.4, 0.4, 0.1};
        int[] y = {1, 0, 1, 0, 0};
        assertThat(Metrics.auc(scores, y)).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(Metrics.auc(new double[] {0.5, 0.5, 0.5}, new int[] {1, 0, 0})).isEqualTo(0.5);
    }

    @Test
    void aucIsUndefinedForOneClass() {
        assertThat(Metrics.auc(new double[] {0.3, 0.6}, new int[] {0, 0})).isNaN();
    }

    @Test
    void precisionAndRecallAtThresholdIncludeScoresEqualToIt() {
        double[] scores = {0.9, 0.5, 0.49, 0.7, 0.1};
        int[] y = {1, 0, 1, 1, 0};
        assertThat(Metrics.flagged(scores, 0.5)).isEqualTo(3); // 0.9, 0.5, 0.7
        assertThat(Metrics.precision(scores, y, 0.5)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(Metrics.recall(scores, y, 0.5)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(Metrics.precision(scores, y, 0.95)).isZero();
        assertThat(Metrics.recall(scores, y, 0.95)).isZero();
    }

    @Test
    void topListBreaksTiesByRowIndex() {
        // 20 rows, top 10% = 2 rows; rows 3, 7 and 12 tie at the top: rows 3 (stayed) and 7
        // (churned) make the cut
        double[] scores = new double[20];
        int[] y = new int[20];
        java.util.Arrays.fill(scores, 0.1);
        scores[3] = scores[7] = scores[12] = 0.9;
        y[7] = 1;
        y[12] = 1;
        assertThat(Metrics.topPrecision(scores, y, 0.10)).isEqualTo(0.5);
        Metrics.Report report = Metrics.report("m", scores, y, 0.5);
        assertThat(report.top10Precision()).isEqualTo(0.5);
        assertThat(report.top10Lift()).isCloseTo(5.0, within(1e-12)); // base rate 2 / 20
        assertThat(report.flagged()).isEqualTo(3);
        assertThat(report.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(report.recall()).isEqualTo(1.0);
    }

    @Test
    void topCountRoundsUpWithoutFloatingPointSurprises() {
        assertThat(Metrics.topCount(30, 0.1)).isEqualTo(3);
        assertThat(Metrics.topCount(2661, 0.1)).isEqualTo(267);
        assertThat(Metrics.topCount(5, 0.1)).isEqualTo(1);
        assertThat(Metrics.topCount(0, 0.1)).isZero();
    }

    @Test
    void liftIsPrecisionOverBaseRate() {
        assertThat(Metrics.lift(0.6, 0.15)).isCloseTo(4.0, within(1e-12));
        assertThat(Metrics.lift(0.6, 0)).isZero();
    }

    @Test
    void reportsAverageAndRenderAsTableAndMap() {
        Metrics.Report a = new Metrics.Report("trees", 0.9, 0.8, 0.7, 10, 1.0, 6.0);
        Metrics.Report b = new Metrics.Report("trees", 0.8, 0.6, 0.5, 13, 0.8, 5.0);
        Metrics.Report mean = Metrics.mean("trees", List.of(a, b));
        assertThat(mean.auc()).isCloseTo(0.85, within(1e-12));
        assertThat(mean.precision()).isCloseTo(0.7, within(1e-12));
        assertThat(mean.recall()).isCloseTo(0.6, within(1e-12));
        assertThat(mean.flagged()).isEqualTo(12); // 11.5 rounded half up
        assertThat(mean.top10Precision()).isCloseTo(0.9, within(1e-12));
        assertThat(mean.top10Lift()).isCloseTo(5.5, within(1e-12));

        assertThat(a.toMap())
                .containsExactly(
                        java.util.Map.entry("auc", 0.9), java.util.Map.entry("precision", 0.8),
                        java.util.Map.entry("recall", 0.7), java.util.Map.entry("flagged", 10.0),
                        java.util.Map.entry("top10-precision", 1.0),
                                java.util.Map.entry("top10-lift", 6.0));
        assertThat(a.row())
                .startsWith("trees")
                .contains("0.900", "0.800", "0.700", "10", "1.000", "6.00");
        assertThat(a.row()).hasSameSizeAs(Metrics.Report.header());
    }

    @Test
    void bestFirstSortsByScoreDescendingAndTiesByRow() {
        assertThat(Metrics.bestFirst(new double[] {0.2, 0.9, 0.5, 0.9, 0.2}))
                .containsExactly(1, 3, 2, 0, 4);
        assertThat(Metrics.bestFirst(new double[0])).isEmpty();
    }

    @Test
    void brierIsTheMeanSquaredErrorOfTheProbabilities() {
        // (0.1^2 + 0.4^2 + 0.3^2 + 1^2) / 4 = (0.01 + 0.16 + 0.09 + 1) / 4
        assertThat(Metrics.brier(new double[] {0.9, 0.4, 0.7, 0.0}, new int[] {1, 0, 1, 1}))
                .isCloseTo(1.26 / 4, within(1e-12));
        assertThat(Metrics.brier(new double[] {1, 0}, new int[] {1, 0})).isZero();
        assertThat(Metrics.brier(new double[0], new int[0])).isNaN();
    }

    @Test
    void baseRateIsTheShareOfChurners() {
        assertThat(Metrics.baseRate(new int[] {1, 0, 0, 1, 0})).isEqualTo(0.4);
        assertThat(Metrics.baseRate(new int[0])).isZero();
    }
}
