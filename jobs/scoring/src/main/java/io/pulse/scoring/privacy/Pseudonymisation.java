package io.pulse.scoring.privacy;

import io.pulse.kafka.SecretReferences;
import io.pulse.schema.Alert;
import io.pulse.schema.ScoreUpdate;
import io.pulse.scoring.alerts.AlertFactory;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * How one output replaces the subscriber id with its pseudonym, and where the key is: a reference
 * ({@code ${env:...}}, {@code ${file:...}}, {@code ${dir:...}}, see {@link SecretReferences}) that
 * each sink resolves where it runs, so the key never travels in the job graph.
 */
public final class Pseudonymisation<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The option that names the key's reference. */
    public static final String KEY_OPTION = "--pseudonym-key";

    private final Replacer<T> replacer;
    private final String keyReference;

    private Pseudonymisation(Replacer<T> replacer, String keyReference) {
        this.replacer = replacer;
        this.keyReference = keyReference;
    }

    /** Score updates under pseudonyms. */
    public static Pseudonymisation<ScoreUpdate> ofScores(String keyReference) {
        return new Pseudonymisation<>(
                (score, pseudonyms) ->
                        ScoreUpdate.newBuilder(score)
                                .setSubscriberId(pseudonyms.of(score.getSubscriberId()))
                                .build(),
                keyReference);
    }

    /**
     * Alerts under pseudonyms; the alert id, derived from the subscriber id, is derived from the
     * pseudonym instead, so that it stays stable per episode and reveals nothing.
     */
    public static Pseudonymisation<Alert> ofAlerts(String keyReference) {
        return new Pseudonymisation<>(
                (alert, pseudonyms) -> {
                    String pseudonym = pseudonyms.of(alert.getSubscriberId());
                    return Alert.newBuilder(alert)
                            .setSubscriberId(pseudonym)
                            .setAlertId(
                                    AlertFactory.alertId(
                                            pseudonym, alert.getType(), alert.getEpisodeStart()))
                            .build();
                },
                keyReference);
    }

    /**
     * The pseudonyms under the referenced key: resolves the reference, so call it where the output
     * is written.
     */
    public SubscriberPseudonyms pseudonyms() {
        return new SubscriberPseudonyms(SecretReferences.resolve(keyReference, KEY_OPTION));
    }

    /**
     * The record with the subscriber's pseudonym in place of its id; the given record is left as it
     * is.
     */
    public T apply(T record, SubscriberPseudonyms pseudonyms) {
        return replacer.apply(record, pseudonyms);
    }

    private interface Replacer<T> extends BiFunction<T, SubscriberPseudonyms, T>, Serializable {}
}
