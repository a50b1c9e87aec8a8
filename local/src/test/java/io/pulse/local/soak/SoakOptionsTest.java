package io.pulse.local.soak;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoakOptionsTest {
    private static final Path BASE = Path.of("/repo");

    @Test
    void defaultsAreTenMinutesWithCheckpointsEveryFifteenSeconds() {
        SoakOptions o = SoakOptions.parse(new String[0], BASE);

        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.eventsPerSecond()).isEqualTo(SoakOptions.DEFAULT_RATE);
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.configPath()).isEqualTo(Path.of("/repo/config/scoring.yaml"));
        assertThat(o.workDir()).isEqualTo(Path.of("/repo/target/soak"));
    }

    @Test
    void parsesMinutesRatesAndDurations() {
        SoakOptions o = SoakOptions.parse(new String[] {"--minutes", "0.5", "--rate=8000", "--checkpoint-interval", "30s",
                "--sample-interval", "2500ms", "--drain-timeout", "2m", "--subscribers", "20_000"}, BASE);

        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.eventsPerSecond()).isEqualTo(8000);
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.sampleInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(o.drainTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.subscribers()).isEqualTo(20_000);
        assertThat(SoakOptions.duration("--x", "20")).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--rate", "0"}, BASE)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--checkpoint-interval", "soon"}, BASE))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--minutes"}, BASE)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--speed", "1"}, BASE)).hasMessageContaining("unknown option");
    }

    @Test
    void backfillCoversWhatTheRunCanSend() {
        // 10 min at 5000/s = 3,000,000 events; 10,000 subscribers send at least 15 a day each: 20 days
        SoakOptions o = SoakOptions.parse(new String[] {"--rate", "5000", "--subscribers", "10000"}, BASE);
        assertThat(o.simulatedDaysNeeded()).isEqualTo(21);
        assertThat(o.effectiveBackfillDays()).isEqualTo(30);

        SoakOptions hour = SoakOptions.parse(new String[] {"--minutes", "60", "--subscribers", "10000"}, BASE);
        assertThat(hour.effectiveBackfillDays()).isEqualTo(121);
        assertThat(SoakOptions.parse(new String[] {"--backfill-days", "5"}, BASE).effectiveBackfillDays()).isEqualTo(5);
    }
}
