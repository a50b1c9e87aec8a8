package io.pulse.scoring.alerts;

import io.pulse.schema.Reason;
import io.pulse.schema.Severity;

import java.util.List;
import java.util.function.Supplier;

/**
 * A rule's verdict at one moment: the condition holds (raise, or update if it got worse), it
 * cleared (resolve, with an outcome), or it is in between (hold: neither raise nor resolve; the
 * band that keeps a value hovering at a threshold from flapping). Reasons are worded only when an
 * alert is actually published.
 */
public record Finding(
        Kind kind, Severity severity, long start, Supplier<List<Reason>> reasons, String outcome) {

    public enum Kind {
        RAISE,
        HOLD,
        CLEAR
    }

    private static final Finding HOLD = new Finding(Kind.HOLD, null, 0, List::of, null);

    /** The condition holds with this severity; a new episode starts at {@code start}. */
    public static Finding raise(Severity severity, long start, Supplier<List<Reason>> reasons) {
        return new Finding(Kind.RAISE, severity, start, reasons, null);
    }

    public static Finding hold() {
        return HOLD;
    }

    public static Finding clear(String outcome, Supplier<List<Reason>> reasons) {
        return new Finding(Kind.CLEAR, null, 0, reasons, outcome);
    }
}
