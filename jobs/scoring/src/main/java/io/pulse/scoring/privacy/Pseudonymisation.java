package io.pulse.scoring.privacy;

import io.pulse.kafka.SecretReferences;
import io.pulse.schema.AccountAlert;
import io.pulse.schema.Alert;
import io.pulse.schema.Reason;
import io.pulse.schema.ScoreUpdate;
import io.pulse.scoring.alerts.AlertFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
     * Account alerts under pseudonyms: the lines they name, in their list and in the reasons' text
     * (the account id is the operator's customer number, not a subscriber's, and stays).
     */
    public static Pseudonymisation<AccountAlert> ofAccountAlerts(String keyReference) {
        return new Pseudonymisation<>(
                (alert, pseudonyms) -> {
                    List<String> lines = alert.getLineIds();
                    // longest first: a line id may begin another's (line-1, line-10)
                    List<String> byLength =
                            lines.stream()
                                    .sorted(Comparator.comparingInt(String::length).reversed())
                                    .toList();
                    List<Reason> reasons = new ArrayList<>();
                    for (Reason reason : alert.getReasons()) {
                        String text = reason.getText();
                        for (String line : byLength) {
                            text = text.replace(line, pseudonyms.of(line));
                        }
                        reasons.add(Reason.newBuilder(reason).setText(text).build());
                    }
                    return AccountAlert.newBuilder(alert)
                            .setLineIds(lines.stream().map(pseudonyms::of).toList())
                            .setReasons(reasons)
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
