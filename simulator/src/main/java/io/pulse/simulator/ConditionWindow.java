package io.pulse.simulator;

/**
 * A condition of one subscriber from {@code from} until {@code until} (epoch millis; {@link
 * Long#MAX_VALUE}: still there when the record was made).
 */
public record ConditionWindow(String subscriberId, Condition condition, long from, long until) {

    public static final long OPEN = Long.MAX_VALUE;

    public boolean covers(long time) {
        return time >= from && time < until;
    }
}
