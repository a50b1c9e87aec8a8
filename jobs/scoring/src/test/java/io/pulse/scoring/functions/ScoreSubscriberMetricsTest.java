package io.pulse.scoring.functions;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.EventType;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.control.ControlRecord;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.state.StoredSubscriber;
import io.pulse.scoring.state.StoredSubscriberSerializer;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.complaint;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.shippedConfig;
import static io.pulse.scoring.TestEvents.shippedModels;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The scoring operator's own metrics, read from the metric group Flink gives the operator, on
 * Flink's harness: what each input counts, and that counters agree with what was emitted.
 */
class ScoreSubscriberMetricsTest {
    private RecordedMetrics metrics;
    private MockEnvironment environment;
    private MeteredKeyedCoHarness<
                    String,
                    Either<SubscriberEvent, SubscriberProfile>,
                    Either<ControlRecord, NetworkIncident>,
                    ScoreUpdate>
            harness;

    @BeforeEach
    void open() throws Exception {
        metrics = new RecordedMetrics();
        environment = metrics.environment();
        harness =
                new MeteredKeyedCoHarness<>(
                        ScoringHarness.operator(
                                LiveVersions.atStart(shippedConfig(), shippedModels())),
                        "Score subscribers",
                        SubscriberInputs::subscriberId,
                        null,
                        Types.STRING,
                        environment);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        environment.close();
    }

    private void event(SubscriberEvent e) throws Exception {
        harness.processElement1(new StreamRecord<>(SubscriberInputs.event(e), e.getEventTime()));
    }

    private List<ScoreUpdate> scores() {
        return harness.extractOutputValues();
    }

    private List<Alert> alerts() {
        var output = harness.getSideOutput(SideOutputs.ALERTS);
        return output == null
                ? List.of()
                : output.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void everyLabelledCounterIsThereAtZeroWhenTheOperatorOpens() {
        assertThat(metrics.paths("pulse.events."))
                .hasSize(EventType.values().length)
                .contains(
                        "pulse.events.type.VOICE_CALL.total",
                        "pulse.events.type.STATUS_CHANGE.total");
        assertThat(metrics.paths("pulse.alerts."))
                .hasSize(AlertType.values().length * AlertStatus.values().length)
                .contains(
                        "pulse.alerts.type.ZERO_ACTIVITY.status.OPEN.total",
                        "pulse.alerts.type.COMPETITOR_CONTACT.status.RESOLVED.total");
        // only the reasons this operator gives; decoding's are counted where decoding's dead
        // letters are split off
        assertThat(metrics.paths("pulse.dead_letters."))
                .containsExactly(
                        "pulse.dead_letters.reason.FLOOD.total",
                        "pulse.dead_letters.reason.LATE.total",
                        "pulse.dead_letters.reason.TERMINATED.total");
        assertThat(metrics.count("pulse.events.type.VOICE_CALL.total")).isZero();
        assertThat(metrics.count("pulse.scores_total")).isZero();
        assertThat((Double) metrics.gaugeValue("pulse.event_time_lag_seconds"))
                .as("no event yet")
                .isNaN();
    }

    @Test
    void countsEventsByTypeProfilesResentAndLateEvents() throws Exception {
        harness.processElement1(
                new StreamRecord<>(
                        SubscriberInputs.profile(profile("sub-k", Segment.KEY_ACCOUNT, at(0, 0)))));
        event(outgoingCall("k1", "sub-k", at(5, 9), CallScope.LOCAL, 60));
        event(outgoingCall("m1", "sub-m", at(5, 9), CallScope.LOCAL, 60));
        event(complaint("m2", "sub-m", at(5, 10), ComplaintCategory.NETWORK, 2));
        event(complaint("m2", "sub-m", at(5, 10), ComplaintCategory.NETWORK, 2)); // re-sent
        event(sms("m0", "sub-m", at(1, 9))); // more than 48 h before sub-m's latest event

        assertThat(metrics.count("pulse.events.type.VOICE_CALL.total")).isEqualTo(2);
        assertThat(metrics.count("pulse.events.type.COMPLAINT.total")).isEqualTo(2);
        assertThat(metrics.count("pulse.events.type.SMS.total"))
                .as("late events are events in")
                .isEqualTo(1);
        assertThat(metrics.count("pulse.events.type.PAYMENT.total")).isZero();
        assertThat(metrics.count("pulse.profiles_total")).isEqualTo(1);
        assertThat(metrics.count("pulse.duplicate_events_total")).isEqualTo(1);
        assertThat(metrics.count("pulse.dead_letters.reason.LATE.total"))
                .isEqualTo(harness.getSideOutput(SideOutputs.DEAD_LETTERS).size())
                .isEqualTo(1);
        assertThat(metrics.count("pulse.dead_letters.reason.FLOOD.total")).isZero();
        assertThat(metrics.count("pulse.subscribers_created_total")).isEqualTo(2);
    }

    @Test
    void scoresAndTheirDistributionsMatchWhatWasPublished() throws Exception {
        event(outgoingCall("a1", "sub-a", at(0, 9), CallScope.LOCAL, 600));
        event(outgoingCall("b1", "sub-b", at(0, 9), CallScope.LOCAL, 60));
        event(complaint("a2", "sub-a", at(0, 10), ComplaintCategory.NETWORK, 3));
        event(complaint("a3", "sub-a", at(0, 11), ComplaintCategory.BILLING, 3));

        List<ScoreUpdate> published = scores();
        assertThat(published).hasSizeGreaterThanOrEqualTo(3);
        assertThat(metrics.count("pulse.scores_total")).isEqualTo(published.size());

        HistogramStatistics churn =
                metrics.histogram("pulse.churn_probability_percent").getStatistics();
        assertThat(metrics.histogram("pulse.churn_probability_percent").getCount())
                .isEqualTo(published.size());
        assertThat(churn.getMax())
                .isEqualTo(
                        published.stream()
                                .mapToLong(s -> Math.round(s.getChurnProbability() * 100))
                                .max()
                                .orElseThrow());
        assertThat(churn.getMin())
                .isEqualTo(
                        published.stream()
                                .mapToLong(s -> Math.round(s.getChurnProbability() * 100))
                                .min()
                                .orElseThrow());

        HistogramStatistics satisfaction = metrics.histogram("pulse.satisfaction").getStatistics();
        assertThat(metrics.histogram("pulse.satisfaction").getCount()).isEqualTo(published.size());
        assertThat(satisfaction.getMin())
                .as("the complaints lowered it")
                .isEqualTo(
                        published.stream()
                                .mapToLong(s -> Math.round(s.getSatisfaction()))
                                .min()
                                .orElseThrow())
                .isLessThan(satisfaction.getMax());
    }

    @Test
    void countsAlertsByTypeAndStatusAsTheyAreEmitted() throws Exception {
        harness.processElement1(
                new StreamRecord<>(
                        SubscriberInputs.profile(profile("sub-k", Segment.KEY_ACCOUNT, at(0, 0)))));
        event(outgoingCall("k1", "sub-k", at(0, 9), CallScope.LOCAL, 60));
        harness.processBothWatermarks(new Watermark(at(0, 9) + 3 * DAY));
        assertThat(metrics.count("pulse.alerts.type.ZERO_ACTIVITY.status.OPEN.total")).isEqualTo(1);
        assertThat(metrics.count("pulse.alerts.type.ZERO_ACTIVITY.status.RESOLVED.total")).isZero();

        event(sms("k2", "sub-k", at(4, 10)));
        assertThat(metrics.count("pulse.alerts.type.ZERO_ACTIVITY.status.RESOLVED.total"))
                .isEqualTo(1);

        List<Alert> emitted = alerts();
        long counted = 0;
        for (AlertType type : AlertType.values()) {
            for (AlertStatus status : AlertStatus.values()) {
                long n =
                        metrics.count("pulse.alerts.type." + type + ".status." + status + ".total");
                assertThat(n)
                        .as("%s %s", type, status)
                        .isEqualTo(
                                emitted.stream()
                                        .filter(a -> a.getType() == type && a.getStatus() == status)
                                        .count());
                counted += n;
            }
        }
        assertThat(counted).isEqualTo(emitted.size()).isPositive();
    }

    @Test
    void countsSubscribersWhoseStateIsCreatedAndRemoved() throws Exception {
        event(outgoingCall("a1", "sub-a", at(0, 9), CallScope.LOCAL, 60));
        event(outgoingCall("a2", "sub-a", at(1, 9), CallScope.LOCAL, 60));
        event(outgoingCall("b1", "sub-b", at(1, 9), CallScope.LOCAL, 60));
        assertThat(metrics.count("pulse.subscribers_created_total")).isEqualTo(2);
        assertThat(metrics.count("pulse.subscribers_removed_total")).isZero();

        harness.processBothWatermarks(new Watermark(at(1, 9) + 120 * DAY));
        assertThat(metrics.count("pulse.subscribers_removed_total")).isEqualTo(2);

        event(outgoingCall("a3", "sub-a", at(200, 9), CallScope.LOCAL, 60));
        assertThat(metrics.count("pulse.subscribers_created_total"))
                .as("a returning subscriber starts afresh")
                .isEqualTo(3);
    }

    @Test
    void measuresTheFirstSubscriberValueWrittenAndThenOneInAThousand() throws Exception {
        SubscriberProfile profile = profile("sub-k", Segment.KEY_ACCOUNT, at(0, 0));
        harness.processElement1(new StreamRecord<>(SubscriberInputs.profile(profile)));
        DataOutputSerializer expected = new DataOutputSerializer(256);
        StoredSubscriber profileOnly = new StoredSubscriber(null, profile);
        profileOnly.profileSeenAt(profile.getUpdatedAt());
        StoredSubscriberSerializer.INSTANCE.serialize(profileOnly, expected);
        assertThat(metrics.histogram("pulse.subscriber_state_bytes").getCount()).isEqualTo(1);
        assertThat(metrics.histogram("pulse.subscriber_state_bytes").getStatistics().getMax())
                .isEqualTo(expected.length())
                .isGreaterThan(10);

        List<SubscriberEvent> calls = new ArrayList<>();
        for (int i = 0; i < ScoringMetrics.STATE_SIZE_SAMPLE_EVERY; i++) {
            calls.add(outgoingCall("k" + i, "sub-k", at(1, 0) + i * 1000L, CallScope.LOCAL, 60));
        }
        for (SubscriberEvent call : calls) {
            event(call);
        }
        assertThat(metrics.histogram("pulse.subscriber_state_bytes").getCount()).isEqualTo(2);
        assertThat(metrics.histogram("pulse.subscriber_state_bytes").getStatistics().getMax())
                .as("with usage and a thousand event ids")
                .isGreaterThan(expected.length());
    }

    @Test
    void eventTimeLagIsTheWallClockBehindTheLatestEventTimeSeen() throws Exception {
        long latest = System.currentTimeMillis() - 3_600_000L;
        event(outgoingCall("a1", "sub-a", latest - 60_000L, CallScope.LOCAL, 60));
        event(outgoingCall("b1", "sub-b", latest, CallScope.LOCAL, 60));
        event(
                outgoingCall(
                        "a2",
                        "sub-a",
                        latest - 120_000L,
                        CallScope.LOCAL,
                        60)); // older: does not move it

        long before = System.currentTimeMillis();
        double lag = (Double) metrics.gaugeValue("pulse.event_time_lag_seconds");
        long after = System.currentTimeMillis();
        assertThat(lag).isBetween((before - latest) / 1000.0, (after - latest) / 1000.0);
        assertThat(lag).isCloseTo(3600.0, within(60.0));
    }
}
