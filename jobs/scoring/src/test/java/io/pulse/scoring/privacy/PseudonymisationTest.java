package io.pulse.scoring.privacy;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.Route;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.Segment;
import io.pulse.schema.Severity;
import io.pulse.schema.ValueTier;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.alerts.AlertFactory;
import io.pulse.scoring.kafka.KeyedRecordSerializer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymisationTest {
    private static final String KEY = "an-example-key-of-more-than-32-bytes-for-tests";
    private static final String SUBSCRIBER = "460001234567890";

    @Test
    void theSameKeyGivesTheSamePseudonymInEveryInstanceAndAnotherKeyAnother() {
        String pseudonym = new SubscriberPseudonyms(KEY).of(SUBSCRIBER);
        assertThat(new SubscriberPseudonyms(KEY).of(SUBSCRIBER)).isEqualTo(pseudonym);
        assertThat(pseudonym).hasSize(22).matches("[A-Za-z0-9_-]+").doesNotContain(SUBSCRIBER);
        assertThat(new SubscriberPseudonyms(KEY + "!").of(SUBSCRIBER)).isNotEqualTo(pseudonym);
        assertThat(new SubscriberPseudonyms(KEY).of(SUBSCRIBER + "1")).isNotEqualTo(pseudonym);
    }

    @Test
    void isTheKeyedHmacSha256OfTheId() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal(SUBSCRIBER.getBytes(StandardCharsets.UTF_8));
        assertThat(Base64.getUrlDecoder().decode(new SubscriberPseudonyms(KEY).of(SUBSCRIBER)))
                .isEqualTo(Arrays.copyOf(digest, 16));
    }

    @Test
    void aShortKeyIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> new SubscriberPseudonyms("short-secret"))
                .hasMessageContaining("at least 32")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void scoresGoOutUnderThePseudonymInRecordAndKey(@TempDir Path dir) throws Exception {
        KeyedRecordSerializer<ScoreUpdate> serializer =
                new KeyedRecordSerializer<>(
                        "scores",
                        ScoreUpdate.class,
                        WireFormat.AVRO,
                        s -> s.getSubscriberId().getBytes(StandardCharsets.UTF_8),
                        Pseudonymisation.ofScores(keyFile(dir)));
        serializer.open(null, null);
        ScoreUpdate score = score();

        ProducerRecord<byte[], byte[]> record = serializer.serialize(score, null, 1L);

        String pseudonym = new SubscriberPseudonyms(KEY).of(SUBSCRIBER);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(pseudonym);
        ScoreUpdate written = WireFormat.AVRO.codec(ScoreUpdate.class).decode(record.value());
        assertThat(written.getSubscriberId()).isEqualTo(pseudonym);
        assertThat(written.getChurnProbability()).isEqualTo(score.getChurnProbability());
        assertThat(score.getSubscriberId())
                .as("the job's own record is left alone")
                .isEqualTo(SUBSCRIBER);
    }

    @Test
    void alertsCarryAnAlertIdDerivedFromThePseudonym(@TempDir Path dir) throws Exception {
        KeyedRecordSerializer<Alert> serializer =
                new KeyedRecordSerializer<>(
                        "alerts",
                        Alert.class,
                        WireFormat.AVRO,
                        a -> a.getSubscriberId().getBytes(StandardCharsets.UTF_8),
                        Pseudonymisation.ofAlerts(keyFile(dir)));
        serializer.open(null, null);

        Alert written =
                WireFormat.AVRO
                        .codec(Alert.class)
                        .decode(serializer.serialize(alert(), null, 1L).value());

        String pseudonym = new SubscriberPseudonyms(KEY).of(SUBSCRIBER);
        assertThat(written.getSubscriberId()).isEqualTo(pseudonym);
        assertThat(written.getAlertId())
                .isEqualTo(AlertFactory.alertId(pseudonym, AlertType.ZERO_ACTIVITY, 1_000L))
                .isNotEqualTo(AlertFactory.alertId(SUBSCRIBER, AlertType.ZERO_ACTIVITY, 1_000L));
    }

    @Test
    void withoutPseudonymisationTheIdGoesOutAsItCame() {
        KeyedRecordSerializer<ScoreUpdate> serializer =
                new KeyedRecordSerializer<>(
                        "scores",
                        ScoreUpdate.class,
                        WireFormat.AVRO,
                        s -> s.getSubscriberId().getBytes(StandardCharsets.UTF_8),
                        null);
        serializer.open(null, null);
        assertThat(
                        new String(
                                serializer.serialize(score(), null, 1L).key(),
                                StandardCharsets.UTF_8))
                .isEqualTo(SUBSCRIBER);
    }

    @Test
    void theKeyIsAReferenceNeverTheKey(@TempDir Path dir) {
        assertThatThrownBy(() -> Pseudonymisation.ofScores(KEY).pseudonyms())
                .hasMessageContaining("--pseudonym-key must be a reference")
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(
                        () ->
                                Pseudonymisation.ofScores("${env:PULSE_TEST_SURELY_UNSET_VARIABLE}")
                                        .pseudonyms())
                .hasMessageContaining("holds nothing");
        assertThatThrownBy(
                        () -> Pseudonymisation.ofScores("${dir:" + dir + ":missing}").pseudonyms())
                .hasMessageContaining("--pseudonym-key");
    }

    private static String keyFile(Path dir) throws IOException {
        Files.writeString(dir.resolve("pseudonym-key"), KEY);
        return "${dir:" + dir + ":pseudonym-key}";
    }

    private static ScoreUpdate score() {
        return ScoreUpdate.newBuilder()
                .setSubscriberId(SUBSCRIBER)
                .setEventTime(1_000L)
                .setProcessingTime(2_000L)
                .setChurnProbability(0.7)
                .setSatisfaction(40.0)
                .setSegment(Segment.MASS)
                .setLifecycleStage(LifecycleStage.MATURITY)
                .setValueTier(ValueTier.GEM)
                .setChurnFlagged(true)
                .setModelScores(List.of())
                .setReasons(List.of())
                .setRecommendedAction("call")
                .setModelVersion("m")
                .setConfigVersion("c")
                .build();
    }

    private static Alert alert() {
        return Alert.newBuilder()
                .setAlertId(AlertFactory.alertId(SUBSCRIBER, AlertType.ZERO_ACTIVITY, 1_000L))
                .setType(AlertType.ZERO_ACTIVITY)
                .setStatus(AlertStatus.OPEN)
                .setSeverity(Severity.HIGH)
                .setPriority(2)
                .setSubscriberId(SUBSCRIBER)
                .setSegment(Segment.MASS)
                .setValueTier(ValueTier.GEM)
                .setLifecycleStage(LifecycleStage.MATURITY)
                .setChurnProbability(0.7)
                .setSatisfaction(40.0)
                .setReasons(List.of())
                .setRecommendedAction("call")
                .setRoute(Route.RETENTION_TEAM)
                .setEpisodeStart(1_000L)
                .setEventTime(2_000L)
                .setProcessingTime(3_000L)
                .setModelVersion("m")
                .setConfigVersion("c")
                .build();
    }
}
