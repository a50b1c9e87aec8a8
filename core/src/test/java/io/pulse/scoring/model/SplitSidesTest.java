package io.pulse.scoring.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SplitSidesTest {
    /** Feature 0 split at 0.1f and (in another tree) at 2; feature 1 at 5; feature 2 unused. */
    private static final TreeSpec TREE =
            new TreeSpec(
                    new int[] {0, 1, -1, -1, -1},
                    new float[] {0.1f, 5f, 0, 0, 0},
                    new int[] {1, 3, -1, -1, -1},
                    new int[] {2, 4, -1, -1, -1},
                    new int[] {2, 3, -1, -1, -1},
                    new double[] {0, 0, 0.5, -0.5, 0.25},
                    new double[] {4, 3, 1, 2, 1});

    private static final TreeSpec OTHER =
            new TreeSpec(
                    new int[] {0, -1, -1},
                    new float[] {2f, 0, 0},
                    new int[] {1, -1, -1},
                    new int[] {2, -1, -1},
                    new int[] {1, -1, -1},
                    new double[] {0, -0.1, 0.3},
                    new double[] {4, 1, 3});

    private final ChurnModel model =
            ChurnModel.of(ModelSpec.boosted("boosted", "test", -1.0, List.of(TREE, OTHER)));
    private final SplitSides sides = model.splitSides();

    private ByteBuffer remember(double[] x, double probability) {
        return sides.remember(positions(sides, x), probability);
    }

    private double recall(SplitSides by, ByteBuffer kept, double[] x) {
        return by.recall(kept, positions(by, x));
    }

    private static int[] positions(SplitSides by, double[] x) {
        int[] positions = by.newPositions();
        by.positions(x, positions);
        return positions;
    }

    @Test
    void theSameSidesGiveTheKeptProbabilityBack() {
        double[] x = {1.0, 7, 123};
        ByteBuffer kept = remember(x, model.predict(x));

        // feature 0 still between 0.1 and 2, feature 1 still at or above 5, feature 2 unused
        double[] moved = {1.9, 5, -4};
        assertThat(recall(sides, kept, moved)).isEqualTo(model.predict(moved));
        assertThat(sides.featureCount()).isEqualTo(2);
    }

    @Test
    void aFeatureAcrossASplitPointOrMissingNow() {
        double[] x = {1.0, 7, 0};
        ByteBuffer kept = remember(x, model.predict(x));

        assertThat(recall(sides, kept, new double[] {2.0, 7, 0})).as("at 2: right of it").isNaN();
        assertThat(recall(sides, kept, new double[] {1.0, 4.99, 0})).isNaN();
        assertThat(recall(sides, kept, new double[] {Double.NaN, 7, 0})).isNaN();
        ByteBuffer missing = remember(new double[] {Double.NaN, 7, 0}, 0.25);
        assertThat(recall(sides, missing, new double[] {Double.NaN, 9, 1})).isEqualTo(0.25);
    }

    @Test
    void comparesInSinglePrecisionAsTheTreesDo() {
        double justBelow = Math.nextDown((double) 0.1f); // 0.1f as a float: right of the split
        ByteBuffer kept = remember(new double[] {0.1f, 7, 0}, 0.5);
        assertThat(recall(sides, kept, new double[] {justBelow, 7, 0})).isEqualTo(0.5);
    }

    @Test
    void nothingKeptOrAnotherModelsSidesAreNotTaken() {
        double[] x = {1.0, 7, 0};
        ByteBuffer kept = remember(x, 0.5);
        ByteBuffer other = ByteBuffer.wrap(kept.array().clone());
        other.putLong(0, other.getLong(0) + 1);
        SplitSides retrained =
                ChurnModel.of(ModelSpec.boosted("boosted", "test", -0.9, List.of(TREE, OTHER)))
                        .splitSides();

        assertThat(recall(sides, ByteBuffer.allocate(0), x)).isNaN();
        assertThat(recall(sides, other, x)).isNaN();
        assertThat(recall(retrained, kept, x)).as("another base margin").isNaN();
    }
}
