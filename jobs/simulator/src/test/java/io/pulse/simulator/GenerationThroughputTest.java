package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Instant;

/** The simulator must out-run any sensible rate limit on one core. */
class GenerationThroughputTest {

    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

    @Test
    void generatesAtLeastFiftyThousandEventsPerSecond() {
        SubscriberSimulator simulator = new SubscriberSimulator(2000, 42, START);
        for (int hour = 0; hour < 48; hour++) {
            simulator.nextHour(); // warm up the JIT
        }
        long events = 0;
        long began = System.nanoTime();
        for (int hour = 0; hour < 14 * 24; hour++) {
            events += simulator.nextHour().events().size();
        }
        double perSecond = events * 1e9 / (System.nanoTime() - began);
        System.out.printf("Generated %d events at %.0f events/s%n", events, perSecond);

        assertThat(perSecond).isGreaterThan(50_000);
    }
}
