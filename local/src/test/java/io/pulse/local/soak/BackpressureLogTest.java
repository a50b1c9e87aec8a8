package io.pulse.local.soak;

import io.pulse.local.soak.BackpressureLog.Ratios;
import io.pulse.local.soak.JobProbe.TaskTimes;
import io.pulse.local.soak.JobProbe.Vertex;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BackpressureLogTest {

    private static final Vertex SCORER =
            new Vertex("v1", "Score subscribers -> Subscriber scores to Kafka: Writer", 2);

    @Test
    void sharesOfAnIntervalComeFromTheAccumulatedTimes() {
        Ratios r =
                BackpressureLog.between(
                                new TaskTimes(1000, 2000, 0), new TaskTimes(3000, 4500, 500))
                        .orElseThrow();

        // 2000 ms busy, 2500 idle, 500 back-pressured in 5000 ms
        assertThat(r.busy()).isEqualTo(0.4);
        assertThat(r.idle()).isEqualTo(0.5);
        assertThat(r.backPressured()).isEqualTo(0.1);
    }

    @Test
    void noTimePassedIsNoSample() {
        TaskTimes same = new TaskTimes(10, 20, 30);

        assertThat(BackpressureLog.between(same, same)).isEmpty();
    }

    @Test
    void statsAreTheWorstSubtaskAndTheMeanOverSubtasksAndIntervals() {
        BackpressureLog log = new BackpressureLog();
        log.sample(SCORER, List.of(new TaskTimes(0, 0, 0), new TaskTimes(0, 0, 0)));
        // interval 1: subtask 0 busy 100%, subtask 1 back-pressured 50%
        log.sample(SCORER, List.of(new TaskTimes(1000, 0, 0), new TaskTimes(500, 0, 500)));
        assertThat(log.latestSummary())
                .isEqualTo("backpressure max 0.50, busiest Score subscribers 1.00");
        // interval 2: both idle
        log.sample(SCORER, List.of(new TaskTimes(1000, 1000, 0), new TaskTimes(500, 1000, 500)));

        BackpressureLog.TaskStats stats = log.stats().get(0);
        assertThat(stats.task()).isEqualTo(SCORER.name());
        assertThat(stats.samples()).isEqualTo(2);
        assertThat(stats.busyMax()).isEqualTo(1.0);
        assertThat(stats.busyMean()).isCloseTo((1.0 + 0.5) / 4, within(1e-9));
        assertThat(stats.backPressuredMax()).isEqualTo(0.5);
        assertThat(stats.backPressuredMean()).isCloseTo(0.5 / 4, within(1e-9));
        assertThat(stats.idleMean()).isCloseTo(0.5, within(1e-9));
        assertThat(log.latestSummary()).isEqualTo("backpressure max 0.00, busiest - 0.00");
    }

    @Test
    void aRestartOnlySetsTheStartingPoint() {
        BackpressureLog log = new BackpressureLog();
        log.sample(SCORER, List.of(new TaskTimes(0, 0, 0)));
        log.restart();
        log.sample(SCORER, List.of(new TaskTimes(5000, 0, 0)));
        log.sample(SCORER, List.of(new TaskTimes(5000, 1000, 0)));

        assertThat(log.stats().get(0).busyMax()).isEqualTo(0.0);
    }
}
