package io.pulse.scoring.functions;

import io.pulse.schema.CallScope;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.kafka.DecodingDeserializer;
import io.pulse.scoring.validation.DeadLetters;
import io.pulse.scoring.validation.EventValidator;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static org.assertj.core.api.Assertions.assertThat;

/** Decoding's dead letters are counted by reason where they leave the record stream. */
class SplitDeadLettersMetricsTest {
    private final DecodingDeserializer<SubscriberEvent> deserializer =
            new DecodingDeserializer<>(
                    SubscriberEvent.class, WireFormat.AUTO, new EventValidator());

    private RecordedMetrics metrics;
    private MockEnvironment environment;
    private OneInputStreamOperatorTestHarness<Decoded<SubscriberEvent>, SubscriberEvent> harness;

    @BeforeEach
    void open() throws Exception {
        metrics = new RecordedMetrics();
        environment = metrics.environment();
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new SplitDeadLetters<>(TypeInformation.of(SubscriberEvent.class))),
                        environment);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        environment.close();
    }

    private void record(byte[] value) throws Exception {
        List<Decoded<SubscriberEvent>> decoded = new ArrayList<>();
        deserializer.deserialize(
                new ConsumerRecord<>(
                        "subscriber-events",
                        0,
                        7L,
                        "sub-1".getBytes(StandardCharsets.UTF_8),
                        value),
                new ListCollector<>(decoded));
        harness.processElement(new StreamRecord<>(decoded.get(0)));
    }

    @Test
    void countsUnreadableAndInvalidRecordsAndPassesGoodOnes() throws Exception {
        assertThat(metrics.paths("pulse."))
                .containsExactly(
                        "pulse.dead_letters.reason.INVALID.total",
                        "pulse.dead_letters.reason.UNREADABLE.total");

        record(
                WireFormat.AVRO
                        .codec(SubscriberEvent.class)
                        .encode(outgoingCall("e1", "sub-1", at(0, 9), CallScope.LOCAL, 60)));
        record(new byte[] {(byte) 0x9c, 0x01, 0x02});
        record("{\"eventId\":\"e2\"".getBytes(StandardCharsets.UTF_8));
        record(
                WireFormat.AVRO
                        .codec(SubscriberEvent.class)
                        .encode(outgoingCall("e3", "sub-1", at(0, 9), CallScope.LOCAL, -5)));

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS)).hasSize(3);
        assertThat(metrics.count("pulse.dead_letters.reason.UNREADABLE.total")).isEqualTo(2);
        assertThat(metrics.count("pulse.dead_letters.reason.INVALID.total")).isEqualTo(1);
    }

    @Test
    void aReasonOutsideTheListGetsItsOwnCounter() throws Exception {
        harness.processElement(
                new StreamRecord<>(
                        Decoded.rejected(
                                DeadLetters.of(
                                        "OVERSIZED",
                                        "a future reason",
                                        "subscriber-events",
                                        0,
                                        1L,
                                        0L,
                                        null,
                                        new byte[1],
                                        0L))));
        assertThat(metrics.count("pulse.dead_letters.reason.OVERSIZED.total")).isEqualTo(1);
        assertThat(metrics.count("pulse.dead_letters.reason.UNREADABLE.total")).isZero();
    }
}
