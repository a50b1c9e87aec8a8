package io.pulse.simulator;

/**
 * Paces events to at most a given rate. Each event is due one interval after the previous one,
 * counted from a fixed origin so that short waits skipped here are made up by a longer one later
 * and the average rate stays exact.
 */
final class RateLimiter {

    /** When sending fell this far behind (a slow broker, a pause), the pace restarts from now. */
    private static final long MAX_BACKLOG_NANOS = 1_000_000_000L;

    private final double intervalNanos;
    private long originNanos;
    private long permits = -1;

    RateLimiter(int eventsPerSecond) {
        this.intervalNanos = 1e9 / eventsPerSecond;
    }

    /** Takes one event's permit; returns how many nanoseconds to wait before sending it. */
    long acquire(long nowNanos) {
        if (permits < 0) {
            originNanos = nowNanos;
            permits = 0;
        }
        long due = originNanos + (long) (permits * intervalNanos);
        permits++;
        if (nowNanos - due > MAX_BACKLOG_NANOS) {
            originNanos = nowNanos;
            permits = 1;
            return 0;
        }
        return Math.max(0, due - nowNanos);
    }
}
