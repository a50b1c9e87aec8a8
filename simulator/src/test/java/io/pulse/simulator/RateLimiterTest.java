package io.pulse.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    @Test
    void spacesEventsOneIntervalApart() {
        RateLimiter limiter = new RateLimiter(1000);

        assertThat(limiter.acquire(0)).isZero();
        assertThat(limiter.acquire(0)).isEqualTo(1_000_000);
        assertThat(limiter.acquire(0)).isEqualTo(2_000_000);
        // Having waited, the next event is due one interval after the previous one.
        assertThat(limiter.acquire(2_000_000)).isEqualTo(1_000_000);
    }

    @Test
    void aShortBacklogIsCaughtUpWithoutWaiting() {
        RateLimiter limiter = new RateLimiter(1000);
        limiter.acquire(0);

        assertThat(limiter.acquire(500_000_000)).isZero();
        assertThat(limiter.acquire(500_000_000)).isZero();
    }

    @Test
    void aLongStallRestartsThePaceInsteadOfBursting() {
        RateLimiter limiter = new RateLimiter(1000);
        limiter.acquire(0);

        assertThat(limiter.acquire(5_000_000_000L)).isZero();
        assertThat(limiter.acquire(5_000_000_000L)).isEqualTo(1_000_000);
    }
}
