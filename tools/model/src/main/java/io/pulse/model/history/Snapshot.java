package io.pulse.model.history;

/**
 * A subscriber's churn features at one cut-off time, as the job would have computed them then, and
 * when the history says the subscriber was terminated (0: not within the history).
 */
public record Snapshot(String subscriberId, long cutoff, double[] features, long terminatedAt) {

    /** Whether the subscriber was terminated within {@code horizonMillis} after the cut-off. */
    public boolean leavesWithin(long horizonMillis) {
        return terminatedAt > cutoff && terminatedAt <= cutoff + horizonMillis;
    }
}
