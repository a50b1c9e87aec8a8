package io.pulse.model.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoredSetTest {

    @Test
    void theBuilderCollectsWhatOfTakes() {
        ScoredSet built =
                ScoredSet.builder("current")
                        .add("a", 0.9, true)
                        .add("b", 0.2, false)
                        .leadTime(12)
                        .build();

        assertThat(built.name()).isEqualTo("current");
        assertThat(built.ids()).containsExactly("a", "b");
        assertThat(built.scores()).containsExactly(0.9, 0.2);
        assertThat(built.labels()).containsExactly(1, 0);
        assertThat(built.churners()).isEqualTo(1);
        assertThat(built.leadTimesDays()).containsExactly(12);
        assertThat(built.hasLeadTimes()).isTrue();
        assertThat(
                        ScoredSet.of("x", List.of("a"), new double[] {0.5}, new int[] {0})
                                .hasLeadTimes())
                .isFalse();
    }

    @Test
    void itsArraysCannotBeChangedFromOutside() {
        double[] scores = {0.4, 0.6};
        ScoredSet set = ScoredSet.of("s", List.of("a", "b"), scores, new int[] {0, 1});
        scores[0] = 1;
        set.scores()[1] = 0;
        assertThat(set.scores()).containsExactly(0.4, 0.6);
    }

    @Test
    void whatWouldMakeAFigureUndefinedOrWrongIsRefusedNamingIt() {
        List<String> ids = List.of("a", "b");
        assertThatThrownBy(() -> ScoredSet.of("s", ids, new double[] {0.5, 1.2}, new int[] {0, 1}))
                .hasMessageContaining("score of b is 1.2");
        assertThatThrownBy(
                        () ->
                                ScoredSet.of(
                                        "s", ids, new double[] {Double.NaN, 0.1}, new int[] {0, 1}))
                .hasMessageContaining("score of a is NaN");
        assertThatThrownBy(() -> ScoredSet.of("s", ids, new double[] {0.5, 0.1}, new int[] {0, 2}))
                .hasMessageContaining("label of b is 2");
        assertThatThrownBy(
                        () ->
                                ScoredSet.of(
                                        "s",
                                        List.of("a", "a"),
                                        new double[] {0.5, 0.1},
                                        new int[] {0, 1}))
                .hasMessageContaining("a appears twice");
        assertThatThrownBy(() -> ScoredSet.of("s", ids, new double[] {0.5}, new int[] {0, 1}))
                .hasMessageContaining("2 ids, 1 scores and 2 labels");
        assertThatThrownBy(() -> ScoredSet.of("s", List.of(), new double[0], new int[0]))
                .hasMessageContaining("no subscribers");
        assertThatThrownBy(() -> ScoredSet.of(" ", ids, new double[] {0.5, 0.1}, new int[] {0, 1}))
                .hasMessageContaining("needs a name");
        assertThatThrownBy(
                        () ->
                                ScoredSet.of(
                                        "s",
                                        ids,
                                        new double[] {0.5, 0.1},
                                        new int[] {0, 1},
                                        new double[] {3, 4}))
                .hasMessageContaining("2 lead times but only 1 churners");
        assertThatThrownBy(
                        () ->
                                ScoredSet.of(
                                        "s",
                                        ids,
                                        new double[] {0.5, 0.1},
                                        new int[] {0, 1},
                                        new double[] {-1}))
                .hasMessageContaining("lead time -1.0 days");
    }
}
