package io.pulse.scoring.control;

import io.pulse.schema.control.ControlSlot;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One version of a scoring configuration or churn model as published on the control topic: the slot
 * it replaces, its own version, and its whole content (YAML or model JSON, UTF-8). The challenger
 * is retired by {@link #retireChallenger} (version {@value LiveVersions#NO_CHALLENGER}, no
 * content).
 */
public record ControlArtifact(ControlSlot slot, String version, String sha256, byte[] content)
        implements Serializable {

    public static ControlArtifact of(ControlSlot slot, String version, byte[] content) {
        return new ControlArtifact(slot, version, sha256(content), content);
    }

    public static ControlArtifact retireChallenger() {
        return of(ControlSlot.CHALLENGER, LiveVersions.NO_CHALLENGER, new byte[0]);
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** "CHAMPION sim-2026.12-2", as the tool and the job's log name it. */
    public String describe() {
        return slot + " " + version;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
