package io.pulse.model.train;

import io.pulse.scoring.model.ChurnModel;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelArtifacts;
import io.pulse.scoring.model.ModelFamily;
import io.pulse.scoring.model.ModelSpec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogisticTrainerTest {
    private static final LabelledSet DATA = SyntheticData.churnLike(400, 7, false);
    private static final int CONSTANT = SyntheticData.FEATURES.indexOf("constant");

    @Test
    void exportedModelScoresEveryTrainingRowAsTribuoDoes() {
        for (LogisticTrainer trainer :
                List.of(LogisticTrainer.defaults(), new LogisticTrainer("lr", 3, 1.0))) {
            Fitted fitted = trainer.fit(DATA, 42);
            ChurnModel model = ChurnModel.of(fitted.spec());
            double[] contributions = new double[DATA.features()];
            for (int i = 0; i < DATA.size(); i++) {
                double[] row = DATA.x()[i];
                double served = model.predict(row, contributions);
                assertThat(served)
                        .as("%s row %d", trainer, i)
                        .isCloseTo(fitted.tribuo(row), within(1e-9));
                double logit = fitted.spec().intercept();
                for (double c : contributions) {
                    logit += c;
                }
                assertThat(served).isCloseTo(1 / (1 + Math.exp(-logit)), within(1e-12));
                assertThat(contributions[CONSTANT]).isZero();
            }
        }
    }

    @Test
    void standardisesWithTrainingMeanAndPopulationDeviation() {
        ModelSpec spec = LogisticTrainer.defaults().train(DATA, 1);
        assertThat(spec.family()).isEqualTo(ModelFamily.LOGISTIC);
        assertThat(spec.name()).isEqualTo("logistic");
        int calls = SyntheticData.FEATURES.indexOf("calls");
        double mean = 0;
        for (double[] row : DATA.x()) {
            mean += row[calls] / DATA.size();
        }
        double variance = 0;
        for (double[] row : DATA.x()) {
            variance += (row[calls] - mean) * (row[calls] - mean) / DATA.size();
        }
        assertThat(spec.mean()[calls]).isCloseTo(mean, within(1e-9));
        assertThat(spec.scale()[calls]).isCloseTo(Math.sqrt(variance), within(1e-9));
        // a constant column: its own value, unit scale, no weight
        assertThat(spec.mean()[CONSTANT]).isEqualTo(7.0);
        assertThat(spec.scale()[CONSTANT]).isEqualTo(1.0);
        assertThat(spec.weights()[CONSTANT]).isZero();
        // the signal is learnt with the right signs
        assertThat(spec.weights()[SyntheticData.FEATURES.indexOf("plan")]).isPositive();
        assertThat(spec.weights()[calls]).isPositive();

        ModelArtifacts.check(
                new ModelArtifact(
                        ModelArtifact.FORMAT,
                        "test",
                        "2026-01-01T00:00:00Z",
                        new ModelArtifact.TrainingData(
                                "synthetic", "0", DATA.size(), DATA.churners(), "test"),
                        DATA.featureNames(),
                        spec.mean(),
                        List.of(spec),
                        Map.of(),
                        List.of()));
    }

    @Test
    void aMissingValueIsImputedWithTheMeanOfThePresentOnesAndAddsNothing() {
        LabelledSet data = SyntheticData.withMissing(DATA, 0.25, 9, "minutes", "calls");
        int calls = SyntheticData.FEATURES.indexOf("calls");
        Fitted fitted = LogisticTrainer.defaults().fit(data, 42);
        ModelSpec spec = fitted.spec();
        double sum = 0;
        int present = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double[] row : data.x()) {
            if (!Double.isNaN(row[calls])) {
                sum += row[calls];
                present++;
                min = Math.min(min, row[calls]);
            }
        }
        assertThat(present).isBetween(250, 350);
        assertThat(spec.mean()[calls]).isCloseTo(sum / present, within(1e-9));
        assertThat(spec.lower()[calls]).isEqualTo(min);
        assertThat(spec.weights()[calls]).isPositive();

        ChurnModel model = ChurnModel.of(spec);
        double[] contributions = new double[data.features()];
        for (int i = 0; i < data.size(); i++) {
            double[] row = data.x()[i];
            assertThat(model.predict(row, contributions))
                    .as("row %d", i)
                    .isCloseTo(fitted.tribuo(row), within(1e-9));
            if (Double.isNaN(row[calls])) {
                assertThat(contributions[calls]).isZero();
            }
        }
        // a missing value scores exactly as the training mean does
        double[] row = data.x()[0].clone();
        row[calls] = Double.NaN;
        double missing = model.predict(row);
        row[calls] = spec.mean()[calls];
        assertThat(missing).isEqualTo(model.predict(row));

        // a column no training row has is a constant 0 with no weight
        double[][] x = new double[data.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = data.x()[i].clone();
            x[i][calls] = Double.NaN;
        }
        ModelSpec none =
                LogisticTrainer.defaults()
                        .train(new LabelledSet(data.featureNames(), x, data.y()), 1);
        assertThat(none.mean()[calls]).isZero();
        assertThat(none.scale()[calls]).isEqualTo(1.0);
        assertThat(none.weights()[calls]).isZero();
    }

    @Test
    void sameSeedGivesTheSameModel() {
        ModelSpec a = LogisticTrainer.defaults().train(DATA, 5);
        ModelSpec b = LogisticTrainer.defaults().train(DATA, 5);
        assertThat(b.weights()).containsExactly(a.weights());
        assertThat(b.intercept()).isEqualTo(a.intercept());
    }

    @Test
    void refusesBadSettingsAndOneClassData() {
        assertThatThrownBy(() -> new LogisticTrainer("lr", 0, 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        LabelledSet allChurn =
                new LabelledSet(List.of("a"), new double[][] {{1}, {2}}, new int[] {1, 1});
        assertThatThrownBy(() -> LogisticTrainer.defaults().train(allChurn, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
