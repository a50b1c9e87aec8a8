package io.pulse.model.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GainsTest {

    @Test
    void tenSubscribersGainAQuarterOfTheChurnersPerChurnerContacted() {
        List<Gains.Point> curve = Gains.curve(TenSubscribers.SCORES, TenSubscribers.Y);

        assertThat(curve).hasSize(11);
        assertThat(curve.get(0)).isEqualTo(new Gains.Point(0, 0));
        double[] contacted = curve.stream().mapToDouble(Gains.Point::contacted).toArray();
        double[] caught = curve.stream().mapToDouble(Gains.Point::caught).toArray();
        assertThat(contacted)
                .containsExactly(
                        new double[] {0, .1, .2, .3, .4, .5, .6, .7, .8, .9, 1}, within(1e-12));
        // best-first a b c d e f g h i j, churners a b d g
        assertThat(caught)
                .containsExactly(
                        new double[] {0, .25, .5, .5, .75, .75, .75, 1, 1, 1, 1}, within(1e-12));
    }

    @Test
    void theCurveAtEachDecileIsTheDecileTablesCumulativeGain() {
        double[] scores = {
            0.3, 0.3, 0.9, 0.1, 0.3, 0.7, 0.7, 0.2, 0.3, 0.5, 0.6, 0.3, 0.8, 0.4, 0.3, 0.2, 0.1,
            0.9, 0.3, 0.5
        };
        int[] y = {1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0};
        List<Gains.Point> curve = Gains.curve(scores, y);
        List<Deciles.Decile> deciles = Deciles.of(scores, y);
        for (Deciles.Decile d : deciles) {
            assertThat(curve.get(2 * d.decile()).caught())
                    .as("decile %d", d.decile())
                    .isEqualTo(d.cumulativeGain());
        }
    }

    @Test
    void withoutChurnersThereIsNothingToGain() {
        assertThat(Gains.curve(new double[] {0.2, 0.4}, new int[] {0, 0})).isEmpty();
    }
}
