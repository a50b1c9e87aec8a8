package io.pulse.scoring.logic;

import io.pulse.schema.Alert;
import io.pulse.schema.ScoreUpdate;
import io.pulse.state.SubscriberState;

import java.util.ArrayList;
import java.util.List;

/**
 * What processing one input produced: the state to keep (null: remove the subscriber), the score
 * update and alerts to publish, a reason to dead-letter the input, and the timer to arm.
 */
public final class Outcome {
    private SubscriberState state;
    private ScoreUpdate score;
    private final List<Alert> alerts = new ArrayList<>(2);
    private String rejection;
    private boolean duplicate;
    private long timerToRegister;
    private long timerToDelete;

    Outcome(SubscriberState state) {
        this.state = state;
    }

    static Outcome rejected(SubscriberState state, String reason) {
        Outcome outcome = new Outcome(state);
        outcome.rejection = reason;
        return outcome;
    }

    static Outcome duplicate(SubscriberState state) {
        Outcome outcome = new Outcome(state);
        outcome.duplicate = true;
        return outcome;
    }

    /** The state to store; null when the subscriber's state must be cleared. */
    public SubscriberState state() {
        return state;
    }

    public ScoreUpdate score() {
        return score;
    }

    public List<Alert> alerts() {
        return alerts;
    }

    /** Non-null when the input was not used: why (the LATE dead-letter detail). */
    public String rejection() {
        return rejection;
    }

    /** The input repeated an event id already counted. */
    public boolean duplicate() {
        return duplicate;
    }

    /** An event-time timer to register, or 0. */
    public long timerToRegister() {
        return timerToRegister;
    }

    /** An event-time timer to delete, or 0. */
    public long timerToDelete() {
        return timerToDelete;
    }

    void clearState() {
        state = null;
    }

    void score(ScoreUpdate update) {
        score = update;
    }

    void timers(long register, long delete) {
        timerToRegister = register;
        timerToDelete = delete;
    }
}
