package io.pulse.simulator;

/**
 * A condition of one subscriber from {@code from} until {@code until} (epoch millis; {@link
 * Long#MAX_VALUE}: still there when the record was made).
 *
 * @param scope what the condition is of beyond the subscriber: for a {@link
 *     Condition#NETWORK_OUTAGE} the region whose network failed, for an {@link
 *     Condition#ACCOUNT_MOVE} the account; null for the other conditions
 * @param caseId for a {@link Condition#NETWORK_OUTAGE} the outage, for an {@link
 *     Condition#ACCOUNT_MOVE} the move: the same in the window of each subscriber it is of; null
 *     for the other conditions
 */
public record ConditionWindow(
        String subscriberId,
        Condition condition,
        long from,
        long until,
        String scope,
        String caseId) {

    public static final long OPEN = Long.MAX_VALUE;

    /** A condition of the subscriber alone, not of a region's network or of an account. */
    public ConditionWindow(String subscriberId, Condition condition, long from, long until) {
        this(subscriberId, condition, from, until, null, null);
    }

    public boolean covers(long time) {
        return time >= from && time < until;
    }
}
