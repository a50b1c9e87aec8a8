package io.pulse.model.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

    @Test
    void tenSubscribersMakeTenBinsOfOneLowestFirst() {
        List<Calibration.Bin> bins = Calibration.bins(TenSubscribers.SCORES, TenSubscribers.Y);

        assertThat(bins)
                .extracting(Calibration.Bin::bin)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(bins).extracting(Calibration.Bin::subscribers).containsOnly(1);
        // j i h g f e d c b a
        assertThat(bins)
                .extracting(Calibration.Bin::meanPredicted)
                .containsExactly(0.05, 0.15, 0.25, 0.35, 0.45, 0.60, 0.70, 0.80, 0.85, 0.95);
        assertThat(bins)
                .extracting(Calibration.Bin::churners)
                .containsExactly(0, 0, 0, 1, 0, 0, 1, 0, 1, 1);
        assertThat(bins.get(3).from()).isEqualTo(0.35);
        assertThat(bins.get(3).to()).isEqualTo(0.35);
    }

    @Test
    void twentySubscribersMakeBinsOfTwoWithTheirMeans() {
        double[] scores = new double[20];
        int[] y = new int[20];
        for (int i = 0; i < 20; i++) {
            scores[i] = (20 - i) / 100.0;
            y[i] = i % 4 == 0 ? 1 : 0;
        }
        List<Calibration.Bin> bins = Calibration.bins(scores, y);

        // the lowest bin: 0.01 (i = 19) and 0.02 (i = 18), neither churned; the highest 0.19 and
        // 0.20 (i = 0 churned)
        assertThat(bins.get(0).meanPredicted()).isCloseTo(0.015, within(1e-12));
        assertThat(bins.get(0).observedRate()).isZero();
        assertThat(bins.get(0).from()).isEqualTo(0.01);
        assertThat(bins.get(0).to()).isEqualTo(0.02);
        assertThat(bins.get(9).meanPredicted()).isCloseTo(0.195, within(1e-12));
        assertThat(bins.get(9).observedRate()).isEqualTo(0.5);
    }

    @Test
    void fewerSubscribersThanBinsLeaveSomeEmpty() {
        List<Calibration.Bin> bins =
                Calibration.bins(new double[] {0.2, 0.4, 0.6}, new int[] {0, 1, 1});

        assertThat(bins)
                .extracting(Calibration.Bin::subscribers)
                .containsExactly(0, 0, 0, 1, 0, 0, 1, 0, 0, 1);
        assertThat(bins.get(0).meanPredicted()).isNaN();
        assertThat(bins.get(9).meanPredicted()).isEqualTo(0.6);
    }
}
