package io.pulse.scoring.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Pseudonyms of subscriber ids for output consumers that need no identity: HMAC-SHA256 of the id
 * under a secret key, the first 128 bits in URL-safe Base64 (22 characters). The same key gives the
 * same pseudonym on every run, so consumers can follow a subscriber over time and across restarts;
 * without the key a pseudonym cannot be linked to an id, not even by hashing a list of known ids.
 * Not thread-safe: one instance per thread.
 */
public final class SubscriberPseudonyms {
    /** Shorter keys are refused: HMAC-SHA256 is as strong as its key, up to 256 bits. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final int PSEUDONYM_BYTES = 16;

    private final Mac mac;

    public SubscriberPseudonyms(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "the pseudonym key has "
                            + bytes.length
                            + " bytes; it needs at least "
                            + MIN_KEY_BYTES
                            + " (e.g. openssl rand -base64 48)");
        }
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(bytes, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no " + ALGORITHM, e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public String of(String subscriberId) {
        byte[] digest = mac.doFinal(subscriberId.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Arrays.copyOf(digest, PSEUDONYM_BYTES));
    }
}
