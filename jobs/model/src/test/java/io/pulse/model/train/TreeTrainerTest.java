package io.pulse.model.train;

import io.pulse.scoring.model.ChurnModel;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelArtifacts;
import io.pulse.scoring.model.ModelFamily;
import io.pulse.scoring.model.ModelSpec;
import io.pulse.scoring.model.TreeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TreeTrainerTest {
    private static final LabelledSet DATA = SyntheticData.churnLike(400, 7, false);

    static Stream<TreeTrainer> trainers() {
        return Stream.of(
                TreeTrainer.cart(6),
                TreeTrainer.bagging(8, 6),
                TreeTrainer.randomForest(8, TreeTrainer.UNLIMITED_DEPTH, 0.5f),
                TreeTrainer.extraTrees(8, 8, 1f),
                TreeTrainer.adaBoost(15, 3),
                TreeTrainer.defaults());
    }

    @ParameterizedTest
    @MethodSource("trainers")
    void exportedTreesScoreEveryTrainingRowAsTribuoDoes(TreeTrainer trainer) {
        Fitted fitted = trainer.fit(DATA, 42);
        ModelSpec spec = fitted.spec();
        ChurnModel model = ChurnModel.of(spec);
        double rootValue = weightedRootValue(spec);
        double[] contributions = new double[DATA.features()];
        for (int i = 0; i < DATA.size(); i++) {
            double[] row = DATA.x()[i];
            double served = model.predict(row, contributions);
            assertThat(served).as("row %d", i).isCloseTo(fitted.tribuo(row), within(1e-9));
            double sum = 0;
            for (double c : contributions) {
                sum += c;
            }
            assertThat(sum).as("row %d contributions", i).isCloseTo(served - rootValue, within(1e-9));
            assertThat(contributions[SyntheticData.FEATURES.indexOf("constant")]).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("trainers")
    void exportPassesTheArtifactCheck(TreeTrainer trainer) {
        ModelSpec spec = trainer.train(DATA, 42);
        assertThat(spec.family()).isEqualTo(ModelFamily.TREES);
        assertThat(spec.name()).isEqualTo("trees");
        assertThat(spec.description()).isNotBlank();
        ModelArtifact artifact = new ModelArtifact(ModelArtifact.FORMAT, "test", "2026-01-01T00:00:00Z",
                new ModelArtifact.TrainingData("synthetic", "0", DATA.size(), DATA.churners(), "test"),
                DATA.featureNames(), new double[DATA.features()], List.of(spec), Map.of());
        ModelArtifacts.check(artifact);
    }

    @Test
    void internalNodeValuesAreCoverWeightedMeansOfTheirChildren() {
        TreeSpec tree = TreeTrainer.cart(4).train(DATA, 1).trees().get(0);
        long[] cover = new long[tree.size()];
        for (double[] row : DATA.x()) {
            int node = 0;
            cover[node]++;
            while (!tree.isLeaf(node)) {
                node = row[tree.feature()[node]] <= tree.threshold()[node] ? tree.left()[node] : tree.right()[node];
                cover[node]++;
            }
        }
        assertThat(cover[0]).isEqualTo(DATA.size());
        for (int i = 0; i < tree.size(); i++) {
            if (!tree.isLeaf(i)) {
                int l = tree.left()[i];
                int r = tree.right()[i];
                assertThat(l).isGreaterThan(i);
                assertThat(r).isGreaterThan(i);
                double expected = (cover[l] * tree.value()[l] + cover[r] * tree.value()[r]) / (cover[l] + cover[r]);
                assertThat(tree.value()[i]).isCloseTo(expected, within(1e-12));
            }
        }
        // the root of a CART is the training churn rate
        assertThat(tree.value()[0]).isCloseTo(DATA.baseRate(), within(1e-12));
    }

    @Test
    void adaBoostExportsVotesWeightedByAlpha() {
        ModelSpec spec = TreeTrainer.adaBoost(10, 2).train(DATA, 3);
        for (TreeSpec tree : spec.trees()) {
            for (int i = 0; i < tree.size(); i++) {
                if (tree.isLeaf(i)) {
                    assertThat(tree.value()[i]).isIn(0.0, 1.0);
                }
            }
        }
        assertThat(Arrays.stream(spec.treeWeights()).min().orElseThrow()).isPositive();
        // boosting alphas differ from round to round
        assertThat(Arrays.stream(spec.treeWeights()).distinct().count()).isGreaterThan(1);
    }

    @Test
    void sameSeedGivesTheSameModel() {
        TreeTrainer trainer = TreeTrainer.randomForest(5, 6, 0.5f);
        String first = json(trainer.train(DATA, 11));
        assertThat(json(trainer.train(DATA, 11))).isEqualTo(first);
        assertThat(json(trainer.train(DATA, 12))).isNotEqualTo(first);
    }

    @Test
    void leavesDescribeTheTrainingRowsReachingThemEvenWhenValuesDifferByOneUlp() {
        // pairs of equal sums added in different orders, often one ulp apart, with opposite labels:
        // a deep tree wants to split between them, where Tribuo 4.3.2 alone would mis-assign rows
        SplittableRandom random = new SplittableRandom(3);
        int n = 800;
        double[][] x = new double[n][];
        int[] y = new int[n];
        int ulpApart = 0;
        for (int i = 0; i < n; i += 2) {
            double a = random.nextInt(1000) * 0.17;
            double b = random.nextInt(1000) * 0.07;
            double c = random.nextInt(100) * 0.27;
            x[i] = new double[] {(a + b) + c, random.nextInt(3)};
            x[i + 1] = new double[] {a + (b + c), random.nextInt(3)};
            y[i] = a + b + c > 150 ^ random.nextInt(5) == 0 ? 1 : 0;
            y[i + 1] = 1 - y[i];
            ulpApart += x[i][0] != x[i + 1][0] ? 1 : 0;
        }
        assertThat(ulpApart).isGreaterThan(50);
        LabelledSet data = new LabelledSet(List.of("total", "other"), x, y);

        TreeSpec tree = TreeTrainer.cart(TreeTrainer.UNLIMITED_DEPTH).withMinChildWeight(1f)
                .train(data, 1).trees().get(0);
        double[] rows = new double[tree.size()];
        double[] churners = new double[tree.size()];
        for (int i = 0; i < n; i++) {
            int node = 0;
            while (!tree.isLeaf(node)) {
                node = x[i][tree.feature()[node]] <= tree.threshold()[node] ? tree.left()[node] : tree.right()[node];
            }
            rows[node]++;
            churners[node] += y[i];
        }
        for (int node = 0; node < tree.size(); node++) {
            if (tree.isLeaf(node) && rows[node] > 0) {
                assertThat(tree.value()[node]).as("leaf %d", node).isCloseTo(churners[node] / rows[node], within(1e-6));
            }
        }
    }

    @Test
    void roundsToTenSignificantDigitsForTribuo() {
        assertThat(TribuoData.roundForTrees(43.730000000000004)).isEqualTo(43.73);
        assertThat(TribuoData.roundForTrees(42.46999999999999)).isEqualTo(42.47);
        assertThat(TribuoData.roundForTrees(0.0)).isZero();
        assertThat(TribuoData.roundForTrees(-1.23456789012345e-7)).isEqualTo(-1.234567890e-7);
        assertThat(TribuoData.roundForTrees(123456789012345.0)).isEqualTo(123456789000000.0);
    }

    @Test
    void rawThresholdsSplitTrainingRowsAsTribuoSplitTheirRoundedValues() {
        double justAbove = Math.nextUp(288.1); // rounds to 288.1
        RoundedSplits splits = new RoundedSplits(new double[][] {{287.8}, {288.1}, {justAbove}, {288.4}});
        // Tribuo's split point usually lies between raw values too: kept
        assertThat(splits.rawThreshold(0, 288.25)).isEqualTo(288.25);
        // halfway between 287.8 and 288.4 is 288.1, where the raw value just above must stay left with 288.1
        double t = splits.rawThreshold(0, 288.1);
        assertThat(justAbove).isLessThanOrEqualTo(t);
        assertThat(288.4).isGreaterThan(t);
        // a split point below or above every value
        assertThat(splits.rawThreshold(0, 100)).isLessThan(287.8);
        assertThat(splits.rawThreshold(0, 300)).isGreaterThanOrEqualTo(288.4);
    }

    @Test
    void refusesDataWithOneClass() {
        LabelledSet noChurners = new LabelledSet(List.of("a"), new double[][] {{1}, {2}}, new int[] {0, 0});
        assertThatThrownBy(() -> TreeTrainer.cart(3).train(noChurners, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("churners");
    }

    private static double weightedRootValue(ModelSpec spec) {
        double total = 0;
        double root = 0;
        for (int t = 0; t < spec.trees().size(); t++) {
            total += spec.treeWeights()[t];
            root += spec.treeWeights()[t] * spec.trees().get(t).value()[0];
        }
        return root / total;
    }

    private static String json(ModelSpec spec) {
        return ModelArtifacts.toJson(new ModelArtifact(ModelArtifact.FORMAT, "v", "t", null,
                DATA.featureNames(), new double[DATA.features()], List.of(spec), Map.of()));
    }
}
