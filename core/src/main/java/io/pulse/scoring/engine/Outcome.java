package io.pulse.scoring.engine;

import io.pulse.schema.Alert;
import io.pulse.schema.ScoreUpdate;
import io.pulse.scoring.incidents.AreaSignal;
import io.pulse.state.AccountLine;
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
    private List<AreaSignal> signals = List.of();
    private AccountLine accountLine;
    private String rejectionReason;
    private String rejection;
    private boolean duplicate;
    private long timerToRegister;
    private long timerToDelete;

    Outcome(SubscriberState state) {
        this.state = state;
    }

    static Outcome rejected(SubscriberState state, String reason, String detail) {
        Outcome outcome = new Outcome(state);
        outcome.rejectionReason = reason;
        outcome.rejection = detail;
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

    /** What the event tells its areas' network-incident watch. */
    public List<AreaSignal> signals() {
        return signals;
    }

    void signals(List<AreaSignal> areaSignals) {
        signals = areaSignals;
    }

    public List<Alert> alerts() {
        return alerts;
    }

    /** What the event tells the watch of the line's account, or null: nothing. */
    public AccountLine accountLine() {
        return accountLine;
    }

    void accountLine(AccountLine line) {
        accountLine = line;
    }

    /**
     * Non-null when the input was not used: the dead-letter reason, {@code LATE} or {@code FLOOD}.
     */
    public String rejectionReason() {
        return rejectionReason;
    }

    /** The dead-letter detail of a rejected input. */
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
