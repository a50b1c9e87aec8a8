package io.pulse.scoring.alerts;

import io.pulse.scoring.config.ScoringConfig;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The sticky control group held out from retention contact, so that the churn of contacted
 * subscribers can be set against that of subscribers alike who were not contacted: a subscriber is
 * a member when SHA-256 of the salt and the id, read as a number in [0, 1), falls below the
 * fraction. Membership depends on nothing else, so it is the same on every subtask, after a restart
 * or a change of parallelism, and under any configuration that keeps salt and fraction; a new salt
 * draws a new group.
 */
public final class ControlGroup {
    private final double fraction;
    private final byte[] salt;

    public ControlGroup(ScoringConfig.ControlGroup config) {
        this.fraction = config.fraction();
        this.salt = config.salt().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the subscriber is held out. */
    public boolean holds(String subscriberId) {
        return fraction > 0 && position(subscriberId) < fraction;
    }

    /** The subscriber's place in [0, 1): uniform over ids, fixed by the salt. */
    double position(String subscriberId) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        sha256.update(salt);
        sha256.update((byte) 0);
        byte[] digest = sha256.digest(subscriberId.getBytes(StandardCharsets.UTF_8));
        return (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
    }
}
