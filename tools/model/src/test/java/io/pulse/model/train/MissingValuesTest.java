package io.pulse.model.train;

import io.pulse.scoring.model.ChurnModel;
import io.pulse.scoring.model.ModelSpec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Absent is not zero, through training and serving: a feature missing (NaN) for most churners and
 * present for most stayers must be learnt as a sign by the boosted trees, which send NaN down its
 * own branch instead of reading it as a value, and must add nothing to the logistic regression,
 * which imputes the training mean.
 */
class MissingValuesTest {
    private static final List<String> NAMES = List.of("price", "noise");

    private static LabelledSet data() {
        Random random = new Random(3);
        int n = 2000;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(5) == 0 ? 1 : 0;
            boolean missing = y[i] == 1 ? random.nextDouble() < 0.8 : random.nextDouble() < 0.1;
            // present: a price that is a little higher for churners
            x[i] =
                    new double[] {
                        missing ? Double.NaN : random.nextGaussian() + y[i], random.nextGaussian()
                    };
        }
        return new LabelledSet(NAMES, x, y);
    }

    @Test
    void boostedTreesLearnAMissingValueApartFromZero() {
        ModelSpec spec = new BoostedTreesTrainer("boosted", 50, 2, 0.3, 1, 1, 1).train(data(), 42);
        ChurnModel model = ChurnModel.of(spec);

        double missing = model.predict(new double[] {Double.NaN, 0});
        double zero = model.predict(new double[] {0, 0});
        // P(churn | missing) = 0.16 / (0.16 + 0.08) = 2/3; a present price of 0 is a stayer's
        assertThat(missing).isGreaterThan(0.5);
        assertThat(zero).isLessThan(0.15);
    }

    @Test
    void logisticRegressionAddsNothingForAMissingValue() {
        ModelSpec spec = LogisticTrainer.defaults().train(data(), 42);
        ChurnModel model = ChurnModel.of(spec);
        double[] contributions = new double[2];

        model.predict(new double[] {Double.NaN, 0.5}, contributions);
        assertThat(contributions[0]).isZero();
        assertThat(contributions[1]).isNotZero();

        // a present value, even 0, is a value: it moves the log-odds
        model.predict(new double[] {0.0, 0.5}, contributions);
        assertThat(contributions[0]).isNotZero();
    }
}
