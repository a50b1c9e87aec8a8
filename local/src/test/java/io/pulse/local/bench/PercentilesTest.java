package io.pulse.local.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTest {

    @Test
    void nearestRankOfAHundredValues() {
        List<Long> values = new ArrayList<>();
        for (long v = 1; v <= 100; v++) {
            values.add(v);
        }
        Collections.shuffle(values, new java.util.Random(7));

        Percentiles p = Percentiles.of(values);

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p90()).isEqualTo(90);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.mean()).isEqualTo(50.5);
    }

    @Test
    void aFewValuesRoundTheRankUp() {
        // ranks ceil(0.5 * 3) = 2, ceil(0.99 * 3) = 3
        Percentiles p = Percentiles.of(List.of(300L, 100L, 200L));

        assertThat(p.p50()).isEqualTo(200);
        assertThat(p.p99()).isEqualTo(300);
    }

    @Test
    void aSlowOutlierShowsInTheMaximumOnly() {
        List<Long> values = new ArrayList<>(Collections.nCopies(199, 20L));
        values.add(5000L);

        Percentiles p = Percentiles.of(values);

        assertThat(p.p99()).isEqualTo(20);
        assertThat(p.max()).isEqualTo(5000);
    }

    @Test
    void noValuesNoPercentiles() {
        assertThat(Percentiles.of(List.of())).isNull();
    }

    @Test
    void percentileOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> Percentiles.rank(new long[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.rank(new long[] {1}, 100.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
