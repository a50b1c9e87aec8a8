package io.pulse.simulator;

/**
 * A condition of one subscriber from {@code from} until {@code until} (epoch millis; {@link
 * Long#MAX_VALUE}: still there when the record was made).
 *
 * @param region for a {@link Condition#NETWORK_OUTAGE}: the region whose network failed; null for
 *     other conditions
 * @param outageId for a {@link Condition#NETWORK_OUTAGE}: the outage, the same in the window of
 *     each subscriber it cut off; null for other conditions
 */
public record ConditionWindow(
        String subscriberId,
        Condition condition,
        long from,
        long until,
        String region,
        String outageId) {

    public static final long OPEN = Long.MAX_VALUE;

    /** A condition of the subscriber alone, not of the network of a region. */
    public ConditionWindow(String subscriberId, Condition condition, long from, long until) {
        this(subscriberId, condition, from, until, null, null);
    }

    public boolean covers(long time) {
        return time >= from && time < until;
    }
}
