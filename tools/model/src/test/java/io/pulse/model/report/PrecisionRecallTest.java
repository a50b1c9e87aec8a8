package io.pulse.model.report;

import io.pulse.model.train.Metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PrecisionRecallTest {

    @Test
    void tenSubscribersGiveOnePointPerScore() {
        List<PrecisionRecall.Point> curve =
                PrecisionRecall.curve(TenSubscribers.SCORES, TenSubscribers.Y);

        assertThat(curve)
                .extracting(PrecisionRecall.Point::threshold)
                .containsExactly(0.95, 0.85, 0.80, 0.70, 0.60, 0.45, 0.35, 0.25, 0.15, 0.05);
        assertThat(curve)
                .extracting(PrecisionRecall.Point::flagged)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(curve)
                .extracting(PrecisionRecall.Point::caught)
                .containsExactly(1, 2, 2, 3, 3, 3, 4, 4, 4, 4);
        double[] precision = curve.stream().mapToDouble(PrecisionRecall.Point::precision).toArray();
        assertThat(precision)
                .containsExactly(
                        new double[] {1, 1, 2.0 / 3, 0.75, 0.6, 0.5, 4.0 / 7, 0.5, 4.0 / 9, 0.4},
                        within(1e-12));
        double[] recall = curve.stream().mapToDouble(PrecisionRecall.Point::recall).toArray();
        assertThat(recall)
                .containsExactly(
                        new double[] {.25, .5, .5, .75, .75, .75, 1, 1, 1, 1}, within(1e-12));
    }

    @Test
    void equalScoresAreFlaggedTogether() {
        // at 0.5 both tied rows are flagged: 3 flagged, 1 churner of 2
        List<PrecisionRecall.Point> curve =
                PrecisionRecall.curve(new double[] {0.9, 0.5, 0.5, 0.2}, new int[] {0, 1, 0, 1});

        assertThat(curve)
                .containsExactly(
                        new PrecisionRecall.Point(0.9, 1, 0, 0, 0),
                        new PrecisionRecall.Point(0.5, 3, 1, 1.0 / 3, 0.5),
                        new PrecisionRecall.Point(0.2, 4, 2, 0.5, 1));
    }

    @Test
    void everyPointIsWhatTheAlertMetricsGiveAtItsThreshold() {
        double[] scores = {0.3, 0.3, 0.9, 0.1, 0.3, 0.7, 0.7, 0.2, 0.3, 0.5, 0.6, 0.3};
        int[] y = {1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0};
        for (PrecisionRecall.Point p : PrecisionRecall.curve(scores, y)) {
            assertThat(p.flagged()).isEqualTo(Metrics.flagged(scores, p.threshold()));
            assertThat(p.precision()).isEqualTo(Metrics.precision(scores, y, p.threshold()));
            assertThat(p.recall()).isEqualTo(Metrics.recall(scores, y, p.threshold()));
        }
    }
}
