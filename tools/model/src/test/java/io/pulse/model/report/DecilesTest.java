package io.pulse.model.report;

import io.pulse.model.train.Metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DecilesTest {

    @Test
    void tenSubscribersMakeTenDecilesOfOne() {
        List<Deciles.Decile> deciles = Deciles.of(TenSubscribers.SCORES, TenSubscribers.Y);

        assertThat(deciles)
                .extracting(Deciles.Decile::decile)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(deciles).extracting(Deciles.Decile::subscribers).containsOnly(1);
        // best-first a b c d e f g h i j: churned 1 1 0 1 0 0 1 0 0 0
        assertThat(deciles)
                .extracting(Deciles.Decile::churners)
                .containsExactly(1, 1, 0, 1, 0, 0, 1, 0, 0, 0);
        assertThat(deciles)
                .extracting(Deciles.Decile::churnRate)
                .containsExactly(1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0);
        double[] lift = deciles.stream().mapToDouble(Deciles.Decile::lift).toArray();
        assertThat(lift)
                .containsExactly(
                        new double[] {2.5, 2.5, 0, 2.5, 0, 0, 2.5, 0, 0, 0}, within(1e-12));
        double[] gain = deciles.stream().mapToDouble(Deciles.Decile::cumulativeGain).toArray();
        assertThat(gain)
                .containsExactly(
                        new double[] {0.25, 0.5, 0.5, 0.75, 0.75, 0.75, 1, 1, 1, 1}, within(1e-12));
        assertThat(deciles)
                .extracting(Deciles.Decile::maxScore)
                .containsExactly(0.95, 0.85, 0.80, 0.70, 0.60, 0.45, 0.35, 0.25, 0.15, 0.05);
        assertThat(deciles)
                .extracting(Deciles.Decile::minScore)
                .containsExactly(0.95, 0.85, 0.80, 0.70, 0.60, 0.45, 0.35, 0.25, 0.15, 0.05);
    }

    @Test
    void equalScoresAtACutFallInRowOrderAndDecileOneIsTheTopTenPercent() {
        // 20 rows, deciles of 2; rows 3, 7 and 12 tie at 0.9 and 7 and 12 churned: decile 1 is rows
        // 3 and 7
        double[] scores = new double[20];
        int[] y = new int[20];
        Arrays.fill(scores, 0.1);
        scores[3] = scores[7] = scores[12] = 0.9;
        y[7] = 1;
        y[12] = 1;

        List<Deciles.Decile> deciles = Deciles.of(scores, y);

        assertThat(deciles.get(0).churners()).isEqualTo(1);
        assertThat(deciles.get(0).churnRate())
                .isEqualTo(Metrics.topPrecision(scores, y, Metrics.TOP_FRACTION));
        assertThat(deciles.get(0).lift())
                .isCloseTo(5.0, within(1e-12)); // 0.5 over the base rate 2 / 20
        assertThat(deciles.get(0).minScore()).isEqualTo(0.9);
        // decile 2: row 12 (0.9, churned) and then row 0, the first of the 0.1s
        assertThat(deciles.get(1).churners()).isEqualTo(1);
        assertThat(deciles.get(1).maxScore()).isEqualTo(0.9);
        assertThat(deciles.get(1).minScore()).isEqualTo(0.1);
        assertThat(deciles.get(1).cumulativeGain()).isEqualTo(1.0);
        assertThat(deciles.subList(2, 10)).extracting(Deciles.Decile::churners).containsOnly(0);
        assertThat(Deciles.of(scores, y)).isEqualTo(deciles);
    }

    @Test
    void decileSizesRoundUpLikeTheTopList() {
        // 25 rows: cuts at ceil(2.5) = 3, 5, ceil(7.5) = 8, 10, 13, 15, 18, 20, 23, 25
        double[] scores = new double[25];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i / 25.0;
        }
        List<Deciles.Decile> deciles = Deciles.of(scores, new int[25]);

        assertThat(deciles)
                .extracting(Deciles.Decile::subscribers)
                .containsExactly(3, 2, 3, 2, 3, 2, 3, 2, 3, 2);
        // no churners: rates are zero, lift and gain undefined
        assertThat(deciles.get(0).churnRate()).isZero();
        assertThat(deciles.get(0).lift()).isZero();
        assertThat(deciles.get(0).cumulativeGain()).isNaN();
    }

    @Test
    void fewerThanTenSubscribersLeaveEmptyDeciles() {
        // 5 rows: cuts at 1, 1, 2, 2, 3, 3, 4, 4, 5, 5
        List<Deciles.Decile> deciles =
                Deciles.of(new double[] {0.9, 0.7, 0.5, 0.3, 0.1}, new int[] {1, 0, 1, 0, 0});

        assertThat(deciles)
                .extracting(Deciles.Decile::subscribers)
                .containsExactly(1, 0, 1, 0, 1, 0, 1, 0, 1, 0);
        assertThat(deciles.get(1).churnRate()).isNaN();
        assertThat(deciles.get(1).lift()).isNaN();
        assertThat(deciles.get(1).minScore()).isNaN();
        // deciles 1, 3 and 5 hold 0.9 (churned), 0.7 (stayed) and 0.5 (churned)
        assertThat(deciles)
                .extracting(Deciles.Decile::cumulativeGain)
                .containsExactly(0.5, 0.5, 0.5, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    }
}
