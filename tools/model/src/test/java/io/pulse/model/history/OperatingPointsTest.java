package io.pulse.model.history;

import io.pulse.scoring.features.Feature;
import io.pulse.scoring.model.OperatingPoint;
import io.pulse.scoring.usage.Days;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Four subscribers at two cut-offs a week apart (one month): {@code a} leaves within the horizon of
 * both, the others stay; scores a 0.9 and 0.8, b 0.7 and 0.1, c 0.2 and 0.2, d 0.1 and 0.1.
 */
class OperatingPointsTest {
    private static final long DAY = Days.MILLIS_PER_DAY;

    @Test
    void eachThresholdsMonthlyFlaggedShareAndItsPrecisionAndRecall() {
        List<Snapshot> snapshots = new ArrayList<>();
        double[] scores = {0.9, 0.8, 0.7, 0.1, 0.2, 0.2, 0.1, 0.1};
        String[] ids = {"a", "a", "b", "b", "c", "c", "d", "d"};
        for (int i = 0; i < ids.length; i++) {
            long cutoff = (i % 2) * 7 * DAY;
            snapshots.add(
                    new Snapshot(
                            ids[i],
                            cutoff,
                            new double[Feature.count()],
                            ids[i].equals("a") ? 20 * DAY : 0));
        }

        List<OperatingPoint> points = OperatingPoints.of(snapshots, scores, 30);

        assertThat(points)
                .extracting(OperatingPoint::threshold)
                .containsExactly(0.1, 0.2, 0.7, 0.8, 0.9);
        OperatingPoint at07 = points.get(2);
        // a and b flagged this month: half the subscribers; snapshots 0.9, 0.8, 0.7: two of them
        // a's
        assertThat(at07.monthlyFlagged()).isEqualTo(0.5);
        assertThat(at07.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(at07.recall()).isEqualTo(1.0);
        OperatingPoint at09 = points.get(4);
        assertThat(at09.monthlyFlagged()).isEqualTo(0.25);
        assertThat(at09.precision()).isEqualTo(1.0);
        assertThat(at09.recall()).isEqualTo(0.5);
        OperatingPoint at01 = points.get(0);
        assertThat(at01.monthlyFlagged()).isEqualTo(1.0);
        assertThat(at01.precision()).isEqualTo(0.25);
    }
}
