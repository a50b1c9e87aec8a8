package io.pulse.model.history;

import io.pulse.model.train.LabelledSet;
import io.pulse.scoring.features.Feature;
import io.pulse.scoring.usage.Days;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Weekly cut-offs on days 0, 7, ..., 140 of a 150-day history, one subscriber each who leaves on
 * day 100 and one who stays; a 14-day horizon.
 */
class TimeSplitTest {
    private static final long DAY = Days.MILLIS_PER_DAY;
    private static final long END = 150 * DAY;

    private static List<Snapshot> snapshots() {
        List<Snapshot> snapshots = new ArrayList<>();
        for (int day = 0; day <= 140; day += 7) {
            double[] x = new double[Feature.count()];
            x[0] = day;
            if (day < 100) {
                snapshots.add(new Snapshot("leaves", day * DAY, x, 100 * DAY));
            }
            snapshots.add(new Snapshot("stays", day * DAY, x.clone(), 0));
        }
        return snapshots;
    }

    @Test
    void trainsOnTheEarliestCutOffsCalibratesOnLaterAndEvaluatesOnTheLatest() {
        TimeSplit split = TimeSplit.of(snapshots(), END, 14, 0.2, 0.3);

        // labelled: cut-offs whose 14 days end by day 150: 0 .. 133, twenty of them
        // evaluation: the latest 6 (98 .. 133); calibration: the 4 before (70 .. 91)
        assertThat(days(split.evaluation())).containsOnly(98L, 105L, 112L, 119L, 126L, 133L);
        assertThat(days(split.calibration())).containsOnly(70L, 77L, 84L, 91L);
        // training: cut-offs whose horizon ends by the first calibration cut-off (day 70): 0 .. 56
        assertThat(days(split.train())).containsOnly(0L, 7L, 14L, 21L, 28L, 35L, 42L, 49L, 56L);
        // day 140's horizon reaches past the end: left out
        assertThat(days(split.evaluation())).doesNotContain(140L);
    }

    @Test
    void aSnapshotIsAChurnersWhenTheSubscriberLeavesWithinTheHorizon() {
        TimeSplit split = TimeSplit.of(snapshots(), END, 14, 0.2, 0.3);
        LabelledSet calibration = split.calibrationSet();
        LabelledSet evaluation = split.evaluationSet();

        // leaving on day 100: within 14 days of the cut-offs on days 91 (calibration) and 98
        // (evaluation) only
        assertThat(calibration.churners()).isEqualTo(1);
        assertThat(evaluation.churners()).isEqualTo(1);
        assertThat(split.trainSet().churners()).isZero();
        for (int i = 0; i < evaluation.size(); i++) {
            if (evaluation.y()[i] == 1) {
                assertThat(evaluation.x()[i][0]).isEqualTo(98);
            }
        }
    }

    @Test
    void aHistoryTooShortToSplitIsRefusedSayingWhy() {
        assertThatThrownBy(() -> TimeSplit.of(snapshots(), 20 * DAY, 14, 0.2, 0.3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the history has 1 cut-offs whose 14-day horizon it covers");
        // cut-offs 0, 7 and 14: calibration on 7, evaluation on 14, nothing 14 days before day 7
        assertThatThrownBy(() -> TimeSplit.of(snapshots(), 30 * DAY, 14, 0.2, 0.3))
                .hasMessageContaining(
                        "no cut-off is 14 days (the horizon) before the first calibration cut-off");
        assertThatThrownBy(() -> TimeSplit.of(snapshots(), END, 14, 0.5, 0.5))
                .hasMessageContaining("leave room for training");
    }

    private static List<Long> days(List<Snapshot> snapshots) {
        return snapshots.stream().map(s -> s.cutoff() / DAY).toList();
    }
}
