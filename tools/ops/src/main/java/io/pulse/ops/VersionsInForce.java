package io.pulse.ops;

import io.pulse.schema.control.ControlAck;
import io.pulse.scoring.control.LiveVersions;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration, champion and challenger the job scores with, as its latest answer says: every
 * answer, a refusal too, carries the versions in force after it.
 */
public record VersionsInForce(String config, String champion, String challenger) {

    public static VersionsInForce after(ControlAck ack) {
        return new VersionsInForce(
                ack.getConfigVersion(),
                ack.getChampionVersion(),
                Objects.requireNonNullElse(ack.getChallengerVersion(), LiveVersions.NO_CHALLENGER));
    }

    /**
     * After the latest of these answers (by the job's time, the later one of a tie); empty if none.
     */
    public static Optional<VersionsInForce> of(List<ControlAck> acks) {
        ControlAck latest = null;
        for (ControlAck ack : acks) {
            if (latest == null || ack.getTime() >= latest.getTime()) {
                latest = ack;
            }
        }
        return Optional.ofNullable(latest).map(VersionsInForce::after);
    }

    /** "config 2026.12-1, champion sim-2026.12-3, challenger none". */
    public String describe() {
        return "config " + config + ", champion " + champion + ", challenger " + challenger;
    }
}
