package io.pulse.model.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

    @Test
    void tenSubscribersFillNineBins() {
        List<Calibration.Bin> bins = Calibration.bins(TenSubscribers.SCORES, TenSubscribers.Y);

        assertThat(bins).extracting(Calibration.Bin::bin).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(bins).extracting(Calibration.Bin::subscribers).containsExactly(1, 1, 1, 1, 1, 0, 1, 1, 2, 1);
        assertThat(bins).extracting(Calibration.Bin::churners).containsExactly(0, 0, 0, 1, 0, 0, 0, 1, 1, 1);
        // bin 8 holds c (0.80, stayed) and b (0.85, churned)
        Calibration.Bin eight = bins.get(8);
        assertThat(eight.from()).isEqualTo(0.8);
        assertThat(eight.to()).isEqualTo(0.9);
        assertThat(eight.meanPredicted()).isCloseTo(0.825, within(1e-12));
        assertThat(eight.observedRate()).isEqualTo(0.5);
        assertThat(bins.get(3).meanPredicted()).isCloseTo(0.35, within(1e-12));
        assertThat(bins.get(3).observedRate()).isEqualTo(1.0);
        assertThat(bins.get(5).meanPredicted()).isNaN();
        assertThat(bins.get(5).observedRate()).isNaN();
    }

    @Test
    void aProbabilityOnABinEdgeStartsThatBin() {
        assertThat(Calibration.binOf(0.0)).isZero();
        assertThat(Calibration.binOf(0.0999)).isZero();
        assertThat(Calibration.binOf(0.1)).isEqualTo(1);
        assertThat(Calibration.binOf(0.3)).isEqualTo(3);
        assertThat(Calibration.binOf(0.1 * 3)).isEqualTo(3);
        assertThat(Calibration.binOf(0.7)).isEqualTo(7);
        assertThat(Calibration.binOf(0.29999999)).isEqualTo(2);
        assertThat(Calibration.binOf(0.99999)).isEqualTo(9);
        assertThat(Calibration.binOf(1.0)).isEqualTo(9);
    }
}
