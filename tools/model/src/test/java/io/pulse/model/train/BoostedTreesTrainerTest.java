package io.pulse.model.train;

import io.pulse.scoring.model.Calibration;
import io.pulse.scoring.model.ChurnModel;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelArtifacts;
import io.pulse.scoring.model.ModelFamily;
import io.pulse.scoring.model.ModelSpec;
import io.pulse.scoring.model.TreeSpec;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BoostedTreesTrainerTest {
    /** Minutes, charge and total each missing for a fifth of the subscribers. */
    private static final LabelledSet DATA =
            SyntheticData.withMissing(
                    SyntheticData.churnLike(600, 7, false), 0.2, 3, "minutes", "charge", "total");

    private static final BoostedTreesTrainer TRAINER =
            new BoostedTreesTrainer("boosted", 60, 4, 0.1, 1, 0.8, 1);

    @Test
    void exportedTreesScoreTrainingRowsAndRowsWithMissingValuesAsXgboostDoes() {
        double[][] random = randomRows(DATA, 500, 11);
        Comparison training = compare(DATA.x());
        Comparison unseen = compare(random);
        for (Comparison c : List.of(training, unseen)) {
            assertThat(c.maxProbabilityDifference).isLessThan(1e-6);
            assertThat(c.maxMarginDifference).isLessThan(1e-5);
            assertThat(c.maxContributionGap).isLessThan(1e-12);
        }
        // rows with values missing were among them, and they do not all score alike
        long missing = 0;
        for (double[] row : random) {
            missing += Double.isNaN(row[0]) ? 1 : 0;
        }
        assertThat(missing).isGreaterThan(100);
    }

    /**
     * How far the export is from XGBoost on some rows, and how far its contributions are from its
     * margin.
     */
    private record Comparison(
            double maxProbabilityDifference,
            double maxMarginDifference,
            double maxContributionGap) {}

    private static Comparison compare(double[][] rows) {
        return TRAINER.withBooster(
                DATA,
                42,
                (booster, spec) -> {
                    float[][] probability = predict(booster, rows, false);
                    float[][] margin = predict(booster, rows, true);
                    ChurnModel model = ChurnModel.of(spec);
                    double bias = bias(spec);
                    double p = 0;
                    double m = 0;
                    double gap = 0;
                    double[] contributions = new double[DATA.features()];
                    for (int i = 0; i < rows.length; i++) {
                        double served = model.predict(rows[i], contributions);
                        assertThat(model.predict(rows[i])).isEqualTo(served);
                        double sum = bias;
                        for (double c : contributions) {
                            sum += c;
                        }
                        double servedMargin = Calibration.logit(served);
                        p = Math.max(p, Math.abs(served - probability[i][0]));
                        m = Math.max(m, Math.abs(servedMargin - margin[i][0]));
                        gap = Math.max(gap, Math.abs(Calibration.sigmoid(sum) - served));
                    }
                    return new Comparison(p, m, gap);
                });
    }

    @Test
    void missingValuesFollowTheDefaultChildXgboostLearnt() {
        // churners are exactly those whose price is missing: only the default direction can tell
        // them
        SplittableRandom random = new SplittableRandom(5);
        double[][] x = new double[400][];
        int[] y = new int[400];
        for (int i = 0; i < x.length; i++) {
            y[i] = random.nextInt(4) == 0 ? 1 : 0;
            x[i] = new double[] {y[i] == 1 ? Double.NaN : random.nextDouble(), random.nextDouble()};
        }
        LabelledSet data = new LabelledSet(List.of("price", "other"), x, y);
        ModelSpec spec = new BoostedTreesTrainer("b", 20, 2, 0.3, 1, 1, 1).train(data, 1);
        ChurnModel model = ChurnModel.of(spec);
        assertThat(model.predict(new double[] {Double.NaN, 0.5})).isGreaterThan(0.9);
        assertThat(model.predict(new double[] {0.5, 0.5})).isLessThan(0.1);
        // the root of the first tree splits on the price and sends a missing one elsewhere than
        // small prices
        TreeSpec first = spec.trees().get(0);
        assertThat(first.feature()[0]).isZero();
        assertThat(first.missing()[0]).isEqualTo(first.right()[0]);
        double[] c = new double[2];
        model.predict(new double[] {Double.NaN, 0.5}, c);
        assertThat(c[0]).isGreaterThan(1);
    }

    @Test
    void exportPassesTheArtifactCheckWithChildrenAfterParentsAndMeanValues() {
        ModelSpec spec = TRAINER.train(DATA, 42);
        assertThat(spec.family()).isEqualTo(ModelFamily.BOOSTED);
        assertThat(spec.name()).isEqualTo("boosted");
        assertThat(spec.trees()).hasSize(60);
        assertThat(spec.description()).contains("60 rounds").contains("XGBoost 2.1.4");
        assertThat(spec.calibration()).isEqualTo(Calibration.IDENTITY);
        ModelArtifacts.check(artifact(spec));
        // the constant column is never split on
        int constant = SyntheticData.FEATURES.indexOf("constant");
        for (TreeSpec tree : spec.trees()) {
            for (int f : tree.feature()) {
                assertThat(f).isNotEqualTo(constant);
            }
        }
    }

    @Test
    void theBaseMarginIsXgboostsInterceptInLogOdds() {
        // XGBoost 2.1 estimates its intercept by one Newton step of the log loss from margin 0,
        // -sum(gradient) / sum(hessian) = (rate - 0.5) / 0.25, and saves it as a probability
        ModelSpec spec = TRAINER.train(DATA, 42);
        assertThat(spec.baseMargin()).isCloseTo(4 * (DATA.baseRate() - 0.5), within(1e-6));
    }

    @Test
    void sameSeedGivesTheSameModelAndParallelTrainingChangesNothing() throws Exception {
        String first = json(TRAINER.train(DATA, 11));
        assertThat(json(TRAINER.train(DATA, 11))).isEqualTo(first);
        // rows are subsampled per tree: another seed, another model
        assertThat(json(TRAINER.train(DATA, 12))).isNotEqualTo(first);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> json(TRAINER.train(DATA, 11))));
            }
            for (Future<String> future : futures) {
                assertThat(future.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void refusesDataWithOneClassAndBadSettings() {
        LabelledSet noChurners =
                new LabelledSet(List.of("a"), new double[][] {{1}, {2}}, new int[] {0, 0});
        assertThatThrownBy(() -> TRAINER.train(noChurners, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("churners");
        assertThatThrownBy(() -> new BoostedTreesTrainer("b", 0, 4, 0.1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoostedTreesTrainer("b", 10, 4, 0.1, 1, 1.5, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static float[][] predict(Booster booster, double[][] rows, boolean margin) {
        try {
            DMatrix matrix = BoostedTreesTrainer.matrix(rows);
            try {
                return booster.predict(matrix, margin);
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base margin plus every tree's root value: what the contributions start from. */
    private static double bias(ModelSpec spec) {
        double bias = spec.baseMargin();
        for (TreeSpec tree : spec.trees()) {
            bias += tree.value()[0];
        }
        return bias;
    }

    /** Rows drawn within each column's training range, a third of every value missing. */
    private static double[][] randomRows(LabelledSet data, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] min = new double[data.features()];
        double[] max = new double[data.features()];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] row : data.x()) {
            for (int j = 0; j < row.length; j++) {
                if (!Double.isNaN(row[j])) {
                    min[j] = Math.min(min[j], row[j]);
                    max[j] = Math.max(max[j], row[j]);
                }
            }
        }
        double[][] rows = new double[n][data.features()];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] =
                        random.nextInt(3) == 0
                                ? Double.NaN
                                : min[j] + (max[j] - min[j]) * random.nextDouble();
            }
        }
        return rows;
    }

    private static ModelArtifact artifact(ModelSpec spec) {
        return new ModelArtifact(
                ModelArtifact.FORMAT,
                "test",
                "2026-01-01T00:00:00Z",
                new ModelArtifact.TrainingData(
                        "synthetic", "0", DATA.size(), DATA.churners(), "test"),
                DATA.featureNames(),
                new double[DATA.features()],
                List.of(spec),
                Map.of(),
                List.of());
    }

    private static String json(ModelSpec spec) {
        return ModelArtifacts.toJson(artifact(spec));
    }
}
