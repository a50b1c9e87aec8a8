package io.pulse.scoring.control;

import io.pulse.schema.control.ControlAck;
import io.pulse.schema.control.ControlOutcome;
import io.pulse.schema.control.ControlSlot;

/** The acknowledgement of a version published on the control topic. */
public final class ControlAnswers {
    private ControlAnswers() {}

    /** The answer to a decision, naming the versions in force after it. */
    public static ControlAck of(LiveVersions.Decision decision, String publishedBy, long time) {
        ControlArtifact artifact = decision.artifact();
        return answer(
                artifact.slot(),
                artifact.version(),
                artifact.sha256(),
                decision.outcome(),
                decision.reason(),
                decision.versions(),
                publishedBy,
                time);
    }

    /** A version refused before it could be read whole: its chunks are malformed or corrupt. */
    public static ControlAck refused(
            ControlSlot slot,
            String version,
            String sha256,
            String reason,
            LiveVersions inForce,
            String publishedBy,
            long time) {
        return answer(
                slot, version, sha256, ControlOutcome.REFUSED, reason, inForce, publishedBy, time);
    }

    /** The key of an answer on the acknowledgement topic. */
    public static String key(ControlAck ack) {
        return ack.getSlot() + "/" + ack.getVersion();
    }

    private static ControlAck answer(
            ControlSlot slot,
            String version,
            String sha256,
            ControlOutcome outcome,
            String reason,
            LiveVersions inForce,
            String publishedBy,
            long time) {
        return ControlAck.newBuilder()
                .setSlot(slot)
                .setVersion(version)
                .setSha256(sha256)
                .setOutcome(outcome)
                .setReason(reason)
                .setConfigVersion(inForce.configVersion())
                .setChampionVersion(inForce.championVersion())
                .setChallengerVersion(inForce.challengerVersion())
                .setPublishedBy(publishedBy)
                .setTime(time)
                .build();
    }
}
