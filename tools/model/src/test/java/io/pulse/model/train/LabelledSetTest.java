package io.pulse.model.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelledSetTest {
    private static final LabelledSet SET =
            new LabelledSet(
                    List.of("a", "b"),
                    new double[][] {{1, 10}, {2, 20}, {3, 30}, {4, 40}},
                    new int[] {0, 1, 0, 1});

    @Test
    void countsAndSubsets() {
        assertThat(SET.size()).isEqualTo(4);
        assertThat(SET.features()).isEqualTo(2);
        assertThat(SET.churners()).isEqualTo(2);
        assertThat(SET.baseRate()).isEqualTo(0.5);
        LabelledSet subset = SET.subset(new int[] {3, 1, 1});
        assertThat(subset.x()).isDeepEqualTo(new double[][] {{4, 40}, {2, 20}, {2, 20}});
        assertThat(subset.y()).containsExactly(1, 1, 1);
        assertThat(subset.featureNames()).isEqualTo(SET.featureNames());
        assertThat(SET.featureIndex()).containsEntry("b", 1);
    }

    @Test
    void aMissingValueIsNaN() {
        LabelledSet set =
                new LabelledSet(
                        List.of("a", "b"),
                        new double[][] {{1, Double.NaN}, {Double.NaN, 2}},
                        new int[] {0, 1});
        assertThat(set.x()[0][1]).isNaN();
        assertThat(set.size()).isEqualTo(2);
    }

    @Test
    void refusesInconsistentData() {
        assertThatThrownBy(
                        () ->
                                new LabelledSet(
                                        List.of("a", "a"), new double[][] {{1, 2}}, new int[] {0}))
                .hasMessageContaining("repeat");
        assertThatThrownBy(() -> new LabelledSet(List.of("a"), new double[][] {{1}}, new int[] {2}))
                .hasMessageContaining("label");
        assertThatThrownBy(
                        () ->
                                new LabelledSet(
                                        List.of("a"),
                                        new double[][] {{Double.POSITIVE_INFINITY}},
                                        new int[] {0}))
                .hasMessageContaining("infinite");
        assertThatThrownBy(
                        () ->
                                new LabelledSet(
                                        List.of("a"),
                                        new double[][] {{Double.NEGATIVE_INFINITY}},
                                        new int[] {0}))
                .hasMessageContaining("infinite");
        assertThatThrownBy(
                        () -> new LabelledSet(List.of("a"), new double[][] {{1, 2}}, new int[] {0}))
                .hasMessageContaining("values");
        assertThatThrownBy(
                        () -> new LabelledSet(List.of("a"), new double[][] {{1}}, new int[] {0, 1}))
                .hasMessageContaining("labels");
    }
}
