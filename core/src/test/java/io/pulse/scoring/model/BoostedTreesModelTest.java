package io.pulse.scoring.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BoostedTreesModelTest {
    /**
     * Tree 0 splits feature 0 at 0.1f (missing goes right), then feature 1 at 5 on the left
     * (missing goes left); tree 1 splits feature 1 at 3 (missing goes right).
     */
    private static final TreeSpec FIRST =
            new TreeSpec(
                    new int[] {0, 1, -1, -1, -1},
                    new float[] {0.1f, 5f, 0, 0, 0},
                    new int[] {1, 3, -1, -1, -1},
                    new int[] {2, 4, -1, -1, -1},
                    new int[] {2, 3, -1, -1, -1},
                    new double[] {
                        (3 * -0.25 + 0.5) / 4, (2 * -0.5 + 1 * 0.25) / 3, 0.5, -0.5, 0.25
                    },
                    new double[] {4, 3, 1, 2, 1});

    private static final TreeSpec SECOND =
            new TreeSpec(
                    new int[] {1, -1, -1},
                    new float[] {3f, 0, 0},
                    new int[] {1, -1, -1},
                    new int[] {2, -1, -1},
                    new int[] {2, -1, -1},
                    new double[] {(-0.1 + 3 * 0.3) / 4, -0.1, 0.3},
                    new double[] {4, 1, 3});
    private static final ModelSpec SPEC =
            ModelSpec.boosted("boosted", "test", -1.0, List.of(FIRST, SECOND));

    @Test
    void marginIsTheBaseMarginPlusTheLeavesInLogOdds() {
        ChurnModel model = ChurnModel.of(SPEC);
        // left (0.05 < 0.1), then 7 >= 5 right: 0.25; then 7 >= 3 right: 0.3
        assertThat(model.predict(new double[] {0.05, 7}))
                .isEqualTo(Calibration.sigmoid(-1.0 + 0.25 + 0.3));
        // 0.5 >= 0.1: 0.5; 1 < 3: -0.1
        assertThat(model.predict(new double[] {0.5, 1}))
                .isEqualTo(Calibration.sigmoid(-1.0 + 0.5 - 0.1));
    }

    @Test
    void splitsCompareInSinglePrecisionAsXgboostDoes() {
        ChurnModel model = ChurnModel.of(SPEC);
        double justBelow = Math.nextDown((double) 0.1f);
        // in double precision justBelow < 0.1f, but as a float it is 0.1f, which is not below the
        // threshold
        assertThat(justBelow).isLessThan(0.1f);
        assertThat((float) justBelow).isEqualTo(0.1f);
        assertThat(model.predict(new double[] {justBelow, 1}))
                .isEqualTo(Calibration.sigmoid(-1.0 + 0.5 - 0.1));
        double wellBelow = Math.nextDown((double) Math.nextDown(0.1f));
        assertThat(model.predict(new double[] {wellBelow, 1}))
                .isEqualTo(Calibration.sigmoid(-1.0 - 0.5 - 0.1));
    }

    @Test
    void aMissingValueTakesTheDefaultChild() {
        ChurnModel model = ChurnModel.of(SPEC);
        // feature 0 missing: right (0.5); feature 1 missing: right in tree 1 (0.3)
        assertThat(model.predict(new double[] {Double.NaN, Double.NaN}))
                .isEqualTo(Calibration.sigmoid(-1.0 + 0.5 + 0.3));
        // feature 1 missing under the left branch of tree 0: left (-0.5)
        assertThat(model.predict(new double[] {0, Double.NaN}))
                .isEqualTo(Calibration.sigmoid(-1.0 - 0.5 + 0.3));
        // infinities are numbers: above every threshold
        assertThat(model.predict(new double[] {0, Double.POSITIVE_INFINITY}))
                .isEqualTo(Calibration.sigmoid(-1.0 + 0.25 + 0.3));
    }

    @Test
    void contributionsAddUpToTheMarginAndExplainingChangesNothing() {
        ChurnModel model = ChurnModel.of(SPEC);
        double bias = -1.0 + FIRST.value()[0] + SECOND.value()[0];
        Random random = new Random(5);
        for (int i = 0; i < 500; i++) {
            double[] x = {
                random.nextInt(5) == 0 ? Double.NaN : random.nextDouble() * 0.2,
                random.nextInt(5) == 0 ? Double.NaN : random.nextDouble() * 10
            };
            double[] c = new double[2];
            double p = model.predict(x, c);
            assertThat(model.predict(x)).isEqualTo(p);
            assertThat(Calibration.sigmoid(bias + c[0] + c[1])).isCloseTo(p, within(1e-15));
        }
        // a split on feature 1 in tree 0 and tree 1: both its changes go to feature 1
        double[] c = new double[2];
        model.predict(new double[] {0, 7}, c);
        assertThat(c[0]).isCloseTo(FIRST.value()[1] - FIRST.value()[0], within(1e-15));
        assertThat(c[1])
                .isCloseTo(0.25 - FIRST.value()[1] + 0.3 - SECOND.value()[0], within(1e-15));
    }

    @Test
    void treesOfEveryDepthInGroupsOfFourAndAloneScoreAsTheirDecisionPaths() {
        TreeSpec stump =
                new TreeSpec(
                        new int[] {-1},
                        new float[] {0},
                        new int[] {-1},
                        new int[] {-1},
                        new int[] {-1},
                        new double[] {0.125},
                        new double[] {4});
        ModelSpec five =
                ModelSpec.boosted(
                        "five", "test", 0.5, List.of(SECOND, FIRST, stump, FIRST, SECOND, stump));
        ChurnModel model = ChurnModel.of(five);
        Random random = new Random(6);
        for (int i = 0; i < 500; i++) {
            double[] x = {
                random.nextInt(4) == 0 ? Double.NaN : random.nextDouble() * 0.2,
                random.nextInt(4) == 0 ? Double.NaN : random.nextDouble() * 10
            };
            double margin = 0.5;
            for (TreeSpec tree : five.trees()) {
                margin += tree.value()[tree.leaf(x)];
            }
            assertThat(model.predict(x)).isEqualTo(Calibration.sigmoid(margin));
            assertThat(model.predict(x, new double[2])).isEqualTo(model.predict(x));
        }
    }

    @Test
    void theCalibrationMapsTheRawLogOddsAndLeavesContributionsRaw() {
        Calibration calibration = new Calibration(0.8, -0.4);
        ChurnModel calibrated = ChurnModel.of(SPEC.withCalibration(calibration));
        ChurnModel raw = ChurnModel.of(SPEC);
        double[] x = {0.05, 7};
        double margin = -1.0 + 0.25 + 0.3;
        assertThat(calibrated.predict(x)).isEqualTo(Calibration.sigmoid(0.8 * margin - 0.4));
        double[] c1 = new double[2];
        double[] c2 = new double[2];
        assertThat(calibrated.predict(x, c1)).isEqualTo(calibrated.predict(x));
        raw.predict(x, c2);
        assertThat(c1).containsExactly(c2);
    }

    @Test
    void calibrationOfAProbabilityGoesThroughItsLogOdds() {
        Calibration calibration = new Calibration(2, 0.5);
        assertThat(calibration.ofProbability(0.3))
                .isCloseTo(Calibration.sigmoid(2 * Math.log(0.3 / 0.7) + 0.5), within(1e-15));
        assertThat(Calibration.IDENTITY.ofProbability(0.3)).isCloseTo(0.3, within(1e-15));
        assertThat(calibration.ofProbability(0)).isZero();
        assertThat(calibration.ofProbability(1)).isEqualTo(1.0);
    }
}
