package io.pulse.ops;

import io.pulse.schema.control.ControlAck;
import io.pulse.schema.control.ControlOutcome;
import io.pulse.scoring.control.ControlArtifact;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The job's answer to one publication: its acknowledgement of that version with that content, or
 * none ({@code ack} null) within {@code timeout}.
 */
public record ControlAnswer(ControlArtifact artifact, ControlAck ack, Duration timeout) {
    public static final int ACCEPTED = 0;
    public static final int REFUSED = 1;
    public static final int NO_ANSWER = 2;

    /**
     * Whether {@code ack} answers the publication of {@code artifact}: the same slot, version and
     * content. A version republished with other content is answered on its own (and refused, as a
     * changed file needs a new version), so the version alone is not enough.
     */
    public static boolean answers(ControlAck ack, ControlArtifact artifact) {
        return ack.getSlot() == artifact.slot()
                && ack.getVersion().equals(artifact.version())
                && ack.getSha256().equals(artifact.sha256());
    }

    /** The first of {@code acks} that {@link #answers answers} {@code artifact}. */
    public static Optional<ControlAck> find(Iterable<ControlAck> acks, ControlArtifact artifact) {
        for (ControlAck ack : acks) {
            if (answers(ack, artifact)) {
                return Optional.of(ack);
            }
        }
        return Optional.empty();
    }

    public boolean answered() {
        return ack != null;
    }

    public boolean accepted() {
        return answered() && ack.getOutcome() == ControlOutcome.ACCEPTED;
    }

    /** {@value #ACCEPTED} accepted, {@value #REFUSED} refused, {@value #NO_ANSWER} no answer. */
    public int exitCode() {
        return !answered() ? NO_ANSWER : accepted() ? ACCEPTED : REFUSED;
    }

    /**
     * One line: "ACCEPTED CHAMPION sim-2026.12-3 (config 2026.12-1, champion sim-2026.12-3,
     * challenger none)", "REFUSED CONFIG 2026.12-2: reason", or why there is no answer.
     */
    public String line() {
        if (!answered()) {
            return String.format(
                    Locale.ROOT,
                    "NO ANSWER to %s within %s: the job may not be running or checkpointing (it"
                            + " acknowledges an accepted version with its next checkpoint). The version"
                            + " stays published: the job considers it when it reads the control topic,"
                            + " and pulse-control list shows its answer.",
                    artifact.describe(),
                    ControlAcks.duration(timeout));
        }
        String reason = ack.getReason() == null ? "" : ": " + ack.getReason();
        return accepted()
                ? "ACCEPTED "
                        + artifact.describe()
                        + reason
                        + " ("
                        + VersionsInForce.after(ack).describe()
                        + ")"
                : "REFUSED " + artifact.describe() + reason;
    }
}
