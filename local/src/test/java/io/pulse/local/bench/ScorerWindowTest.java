package io.pulse.local.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScorerWindowTest {
    private static final long SECOND = 1_000_000_000L;

    private static ScorerWindow.Sample sample(double seconds, double cpuSeconds, long scored) {
        return new ScorerWindow.Sample(
                (long) (seconds * SECOND), (long) (cpuSeconds * SECOND), scored);
    }

    @Test
    void fromTheFirstSampleWithRecordsToTheInterpolatedEnd() {
        List<ScorerWindow.Sample> samples =
                List.of(
                        sample(0.0, 0.0, 0), // start-up: left out
                        sample(1.0, 1.5, 0),
                        sample(2.0, 3.0, 1_000), // the window starts here
                        sample(3.0, 4.0, 11_000),
                        sample(4.0, 5.0, 21_000)); // 10,000 records a second: the 16,000th at 3.5 s

        ScorerWindow window = ScorerWindow.of(samples, 16_000);

        assertThat(window.records()).isEqualTo(15_000);
        assertThat(window.seconds()).isCloseTo(1.5, within(1e-9));
        assertThat(window.cpuSeconds()).isCloseTo(1.5, within(1e-9));
        assertThat(window.recordsPerSecond()).isCloseTo(10_000, within(1e-6));
    }

    @Test
    void aSampleExactlyAtTheTotalEndsTheWindowThere() {
        ScorerWindow window =
                ScorerWindow.of(List.of(sample(1, 1, 500), sample(2, 3, 1_500)), 1_500);

        assertThat(window.records()).isEqualTo(1_000);
        assertThat(window.seconds()).isCloseTo(1.0, within(1e-9));
        assertThat(window.cpuSeconds()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void tooFewSamplesAreRefused() {
        assertThatThrownBy(() -> ScorerWindow.of(List.of(sample(0, 0, 0), sample(1, 1, 100)), 100))
                .hasMessageContaining("before the second sample");
        assertThatThrownBy(() -> ScorerWindow.of(List.of(sample(0, 0, 10), sample(1, 1, 50)), 100))
                .hasMessageContaining("do not reach");
        assertThatThrownBy(() -> ScorerWindow.of(List.of(sample(0, 0, 0)), 100))
                .hasMessageContaining("no sample");
    }
}
