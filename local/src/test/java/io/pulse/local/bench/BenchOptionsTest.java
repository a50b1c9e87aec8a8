package io.pulse.local.bench;

import io.pulse.local.bench.BenchOptions.Part;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {
    private static final Path BASE = Path.of("/repo");

    @Test
    void byDefaultEveryPartRuns() {
        BenchOptions o = BenchOptions.parse(new String[0], BASE);

        assertThat(o.parts()).isEqualTo(EnumSet.allOf(Part.class));
        assertThat(o.stateDays()).isEqualTo(90);
        assertThat(o.latencyCheckpointInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(o.scaleSizes()).containsExactly(10_000, 100_000, 1_000_000, 10_000_000);
        assertThat(o.rate()).isEmpty();
        assertThat(o.outputDir()).isEqualTo(Path.of("/repo/target/bench"));
    }

    @Test
    void partsSizesAndDurations() {
        BenchOptions o = BenchOptions.parse(new String[] {"--only", "scale,floor-full", "--scale=100K, 10k,10k",
                "--scale-events", "2_000_000", "--latency-checkpoint-interval", "1s", "--days", "90", "--markdown"}, BASE);

        assertThat(o.parts()).containsExactlyInAnyOrder(Part.SCALE, Part.FLOOR_FULL);
        assertThat(o.scaleSizes()).containsExactly(10_000, 100_000);
        assertThat(o.scaleEvents()).isEqualTo(2_000_000);
        assertThat(o.latencyCheckpointInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.days()).isEqualTo(90);
        assertThat(o.printMarkdown()).isTrue();
    }

    @Test
    void sizesReadAndWriteTheSameWay() {
        assertThat(BenchOptions.sizes("--scale", "1m,2500,10M")).isEqualTo(List.of(2500, 1_000_000, 10_000_000));
        assertThat(List.of(10_000, 1_000_000, 2500, 1500).stream().map(BenchOptions::sizeName))
                .containsExactly("10k", "1m", "2500", "1500");
    }

    @Test
    void theLatencyRateIsAskedForOrElseMeasuredByTheLatencyPartItself() {
        assertThat(BenchOptions.parse(new String[] {"--only", "latency", "--rate", "5000"}, BASE).rate()).hasValue(5000);
        assertThat(BenchOptions.parse(new String[] {"--only", "latency"}, BASE).rate()).isEmpty();
    }

    @Test
    void refusesWhatItCannotUse() {
        for (String[] args : List.of(
                new String[] {"--only", "speed"},
                new String[] {"--scale", "ten"},
                new String[] {"--scale", "0"},
                new String[] {"--state-backend", "memory"},
                new String[] {"--latency-population", "some"},
                new String[] {"--checkpoint-interval", "0s"},
                new String[] {"--latency-duration", "10s", "--latency-warm-up", "10s"},
                new String[] {"--subscribers"},
                new String[] {"--unknown", "1"})) {
            assertThatThrownBy(() -> BenchOptions.parse(args, BASE)).as(String.join(" ", args))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
