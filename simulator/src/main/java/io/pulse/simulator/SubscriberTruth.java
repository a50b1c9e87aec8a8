package io.pulse.simulator;

import io.pulse.schema.ChurnCause;
import io.pulse.schema.Segment;

import java.util.List;

/**
 * One line of a run's ground truth: who the subscriber is, what was planted in them, and whether,
 * when and why they leave. Times are epoch milliseconds; a null {@code behaviourEnd} lasts.
 *
 * @param churn the way out of a subscriber who leaves, or null
 * @param waver the signs of a subscriber who considers leaving and stays, or null
 */
public record SubscriberTruth(
        String subscriberId,
        Segment segment,
        Persona persona,
        boolean ratedCalls,
        Behaviour behaviour,
        long behaviourStart,
        Long behaviourEnd,
        Way churn,
        Way waver) {

    /**
     * A way out, or a change of mind: the cause, the signs shown and from when, and the churn time
     * (for a subscriber who stays: when they were back to normal).
     */
    public record Way(ChurnCause cause, long signsFrom, long until, List<Sign> signs) {

        static Way of(ChurnPlan plan) {
            return plan == null
                    ? null
                    : new Way(plan.cause(), plan.from(), plan.until(), List.copyOf(plan.signs()));
        }
    }

    static SubscriberTruth of(SimulatedSubscriber s) {
        return new SubscriberTruth(
                s.id(),
                s.segment(),
                s.persona(),
                s.ratedCalls(),
                s.behaviour(),
                s.behaviourStart(),
                s.behaviourEnd() == SimulatedSubscriber.FOREVER ? null : s.behaviourEnd(),
                Way.of(s.churn()),
                Way.of(s.waver()));
    }

    /** Whether the subscriber leaves, at {@link Way#until()} of {@link #churn()}. */
    public boolean leaves() {
        return churn != null;
    }
}
