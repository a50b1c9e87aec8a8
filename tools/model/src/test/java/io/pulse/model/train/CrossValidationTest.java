package io.pulse.model.train;

import io.pulse.scoring.model.CombineRule;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CrossValidationTest {
    private static final List<ModelTrainer> FAST =
            List.of(
                    new BoostedTreesTrainer("tree", 30, 3, 0.3, 1, 1, 1),
                    new LogisticTrainer("logistic", 3, 0.05));

    @Test
    void foldsAreStratified() {
        LabelledSet data = SyntheticData.churnLike(503, 1, false);
        int[] fold = CrossValidation.stratifiedFolds(data.y(), 5, 9);
        int[] rows = new int[5];
        int[] churners = new int[5];
        for (int i = 0; i < fold.length; i++) {
            rows[fold[i]]++;
            churners[fold[i]] += data.y()[i];
        }
        for (int f = 0; f < 5; f++) {
            assertThat(rows[f]).isBetween(data.size() / 5, data.size() / 5 + 1);
            assertThat(churners[f]).isBetween(data.churners() / 5, data.churners() / 5 + 1);
        }
        assertThat(CrossValidation.stratifiedFolds(data.y(), 5, 9)).containsExactly(fold);
        assertThat(CrossValidation.stratifiedFolds(data.y(), 5, 10)).isNotEqualTo(fold);
    }

    @Test
    void learnableSignalScoresWellAboveChance() {
        LabelledSet data = SyntheticData.churnLike(600, 2, false);
        Map<String, Metrics.Report> reports =
                CrossValidation.run(data, FAST, CombineRule.UNION, 0.5, 2, 5, 7);
        assertThat(reports).containsOnlyKeys("tree", "logistic", CrossValidation.COMBINED);
        assertThat(List.copyOf(reports.keySet()))
                .containsExactly("tree", "logistic", CrossValidation.COMBINED);
        assertThat(reports.get("tree").auc()).isGreaterThan(0.8);
        assertThat(reports.get("logistic").auc()).isGreaterThan(0.8);
        assertThat(reports.get(CrossValidation.COMBINED).auc()).isGreaterThan(0.8);
        for (Metrics.Report report : reports.values()) {
            assertThat(report.top10Lift()).isGreaterThan(1.5);
        }
    }

    @Test
    void noiseLabelsScoreAtChance() {
        LabelledSet data = SyntheticData.churnLike(600, 3, true);
        Map<String, Metrics.Report> reports =
                CrossValidation.run(data, FAST, CombineRule.INTERSECTION, 0.5, 2, 5, 7);
        for (Metrics.Report report : reports.values()) {
            assertThat(report.auc()).as(report.model()).isCloseTo(0.5, within(0.08));
        }
    }

    @Test
    void combinedRulesTakeTheHighestOrLowestMemberProbability() {
        LabelledSet data = SyntheticData.churnLike(300, 4, false);
        CrossValidation.OutOfFold oof = CrossValidation.outOfFold(data, FAST, 1, 3, 11);
        double[][] byModel = oof.probability()[0];
        double[] max = new double[data.size()];
        double[] min = new double[data.size()];
        for (int i = 0; i < data.size(); i++) {
            max[i] = Math.max(byModel[0][i], byModel[1][i]);
            min[i] = Math.min(byModel[0][i], byModel[1][i]);
        }
        assertThat(oof.combined(CombineRule.UNION, 0.4))
                .isEqualTo(Metrics.report(CrossValidation.COMBINED, max, data.y(), 0.4));
        assertThat(oof.combined(CombineRule.INTERSECTION, 0.4))
                .isEqualTo(Metrics.report(CrossValidation.COMBINED, min, data.y(), 0.4));
        // every row was scored out of fold by every model
        for (double[] probabilities : byModel) {
            for (double p : probabilities) {
                assertThat(p).isBetween(0.0, 1.0);
            }
        }
        assertThat(oof.meanFitSeconds()).hasSize(2);
    }

    @Test
    void sameSeedGivesTheSameReports() {
        LabelledSet data = SyntheticData.churnLike(300, 5, false);
        assertThat(CrossValidation.run(data, FAST, CombineRule.UNION, 0.5, 2, 3, 1))
                .isEqualTo(CrossValidation.run(data, FAST, CombineRule.UNION, 0.5, 2, 3, 1));
    }

    @Test
    void refusesBadSetups() {
        LabelledSet data = SyntheticData.churnLike(100, 6, false);
        assertThatThrownBy(
                        () -> CrossValidation.run(data, List.of(), CombineRule.UNION, 0.5, 1, 5, 1))
                .isInstanceOf(IllegalArgumentException.class);
        List<ModelTrainer> sameNames =
                List.of(
                        BoostedTreesTrainer.defaults().named("x"),
                        LogisticTrainer.defaults().named("x"));
        assertThatThrownBy(
                        () -> CrossValidation.run(data, sameNames, CombineRule.UNION, 0.5, 1, 5, 1))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> CrossValidation.run(data, FAST, CombineRule.UNION, 0.5, 1, 1, 1))
                .hasMessageContaining("folds");
    }
}
