package io.pulse.local.soak;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummaryTest {

    @Test
    void nearestRankPercentilesAreMeasuredValues() {
        Summary s = Summary.of(List.of(40, 10, 30, 20, 50, 60, 70, 80, 90, 100));

        assertThat(s.count()).isEqualTo(10);
        assertThat(s.min()).isEqualTo(10);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p90()).isEqualTo(90);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(55);
    }

    @Test
    void oneValueIsEveryPercentile() {
        Summary s = Summary.of(List.of(7L));

        assertThat(List.of(s.min(), s.p50(), s.p90(), s.max(), s.mean())).containsOnly(7.0);
    }

    @Test
    void smallSetsRoundTheRankUp() {
        // ranks ceil(0.5 * 3) = 2 and ceil(0.9 * 3) = 3
        Summary s = Summary.of(List.of(1.0, 2.0, 3.0));

        assertThat(s.p50()).isEqualTo(2.0);
        assertThat(s.p90()).isEqualTo(3.0);
    }

    @Test
    void noValuesGiveAnEmptySummary() {
        assertThat(Summary.of(List.of())).isEqualTo(Summary.EMPTY);
        assertThat(Summary.EMPTY.count()).isZero();
    }

    @Test
    void percentileOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> Summary.percentile(new double[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Summary.percentile(new double[] {1}, 101))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
