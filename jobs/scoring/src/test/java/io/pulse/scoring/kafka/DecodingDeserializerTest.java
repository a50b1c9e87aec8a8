package io.pulse.scoring.kafka;

import io.pulse.schema.CallScope;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.codec.RegistryEndpoints;
import io.pulse.schema.codec.UnknownJsonFields;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.validation.DeadLetters;
import io.pulse.scoring.validation.EventValidator;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class DecodingDeserializerTest {
    private final DecodingDeserializer<SubscriberEvent> deserializer =
            new DecodingDeserializer<>(
                    SubscriberEvent.class, WireFormat.AUTO, new EventValidator());

    private Decoded<SubscriberEvent> read(byte[] value) {
        return read("sub-1".getBytes(StandardCharsets.UTF_8), value);
    }

    private Decoded<SubscriberEvent> read(byte[] key, byte[] value) {
        List<Decoded<SubscriberEvent>> out = new ArrayList<>();
        deserializer.deserialize(
                new ConsumerRecord<>("subscriber-events", 3, 42L, key, value),
                new ListCollector<>(out));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void readsAvroAndJson() {
        SubscriberEvent call = outgoingCall("e1", "sub-1", at(0, 9), CallScope.LOCAL, 60);
        assertThat(read(WireFormat.AVRO.codec(SubscriberEvent.class).encode(call)).value)
                .isEqualTo(call);
        String json =
                "{\"eventId\":\"e1\",\"subscriberId\":\"sub-1\",\"eventTime\":"
                        + at(0, 9)
                        + ",\"type\":\"VOICE_CALL\",\"direction\":\"OUTGOING\",\"callScope\":\"LOCAL\",\"durationSec\":60,\"dropped\":false}";
        assertThat(read(json.getBytes(StandardCharsets.UTF_8)).value).isEqualTo(call);
    }

    /** A registry that knows no id, as the registries answer it (404, error code 40403). */
    @Test
    void aFramedRecordWithAnIdTheRegistryDoesNotKnowBecomesADeadLetterNamingTheId()
            throws Exception {
        try (RegistryEndpoints registry = RegistryEndpoints.start()) {
            DecodingDeserializer<SubscriberEvent> framed =
                    new DecodingDeserializer<>(
                            SubscriberEvent.class,
                            WireFormat.REGISTRY,
                            new EventValidator(),
                            UnknownJsonFields.IGNORE,
                            registry.url());
            byte[] value = {0, 0, 0, 1, 44, 2, 'x'};
            List<Decoded<SubscriberEvent>> out = new ArrayList<>();
            framed.deserialize(
                    new ConsumerRecord<>("subscriber-events", 0, 7L, null, value),
                    new ListCollector<>(out));
            DeadLetter deadLetter = out.get(0).deadLetter;
            assertThat(deadLetter.getReason()).isEqualTo(DeadLetters.UNREADABLE);
            assertThat(deadLetter.getDetail())
                    .startsWith("schema id 300 is not in the schema registry");
            assertThat(deadLetter.getValue()).isEqualTo(ByteBuffer.wrap(value));
        }
    }

    @Test
    void unreadableBytesBecomeADeadLetterWithTheOriginalBytes() {
        byte[] garbage = {(byte) 0x9c, 0x01, 0x02};
        DeadLetter deadLetter = read(garbage).deadLetter;
        assertThat(deadLetter.getReason()).isEqualTo(DeadLetters.UNREADABLE);
        assertThat(deadLetter.getSourceTopic()).isEqualTo("subscriber-events");
        assertThat(deadLetter.getSourcePartition()).isEqualTo(3);
        assertThat(deadLetter.getSourceOffset()).isEqualTo(42L);
        assertThat(deadLetter.getValue().array()).isEqualTo(garbage);
        assertThat(deadLetter.getKey().array()).isEqualTo("sub-1".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonWithAnUnknownFieldIsReadAndTheFieldCountedByName() {
        RecordingMetricGroup metrics = new RecordingMetricGroup();
        deserializer.open(metrics.context());
        String json =
                "{\"eventId\":\"e1\",\"subscriberId\":\"s\",\"eventTime\":"
                        + at(0, 9)
                        + ",\"type\":\"SMS\",\"direction\":\"OUTGOING\"}";
        SubscriberEvent plain = read(json.getBytes(StandardCharsets.UTF_8)).value;
        assertThat(plain).isNotNull();
        for (int i = 0; i < 3; i++) {
            String extra =
                    json.replace("}", ",\"colour\":\"red\"" + (i == 2 ? ",\"size\":2" : "") + "}");
            assertThat(read(extra.getBytes(StandardCharsets.UTF_8)).value).isEqualTo(plain);
        }
        assertThat(metrics.counts())
                .containsExactly(
                        entry("pulse.unknown_json_fields.field.colour.total", 3L),
                        entry("pulse.unknown_json_fields.field.size.total", 1L));
    }

    @Test
    void aStrictDeserializerRefusesAnUnknownFieldNamingIt() {
        DecodingDeserializer<SubscriberEvent> strict =
                new DecodingDeserializer<>(
                        SubscriberEvent.class,
                        WireFormat.AUTO,
                        new EventValidator(),
                        UnknownJsonFields.REFUSE);
        strict.open(new RecordingMetricGroup().context());
        String extra =
                "{\"eventId\":\"e1\",\"subscriberId\":\"s\",\"eventTime\":"
                        + at(0, 9)
                        + ",\"type\":\"SMS\",\"direction\":\"OUTGOING\",\"colour\":\"red\"}";
        List<Decoded<SubscriberEvent>> out = new ArrayList<>();
        strict.deserialize(
                new ConsumerRecord<>(
                        "subscriber-events", 0, 1L, null, extra.getBytes(StandardCharsets.UTF_8)),
                new ListCollector<>(out));
        assertThat(out)
                .singleElement()
                .satisfies(
                        d ->
                                assertThat(d.deadLetter.getDetail())
                                        .isEqualTo("unknown field 'colour'"));
    }

    @Test
    void theNamesOfUnknownFieldsGetAtMostAHundredCounters() {
        RecordingMetricGroup metrics = new RecordingMetricGroup();
        deserializer.open(metrics.context());
        for (int i = 0; i < 150; i++) {
            String json =
                    "{\"eventId\":\"e1\",\"subscriberId\":\"s\",\"eventTime\":"
                            + at(0, 9)
                            + ",\"type\":\"SMS\",\"direction\":\"OUTGOING\",\"f"
                            + i
                            + "\":1}";
            assertThat(read(json.getBytes(StandardCharsets.UTF_8)).value).isNotNull();
        }
        assertThat(metrics.counts())
                .hasSize(101)
                .containsEntry("pulse.unknown_json_fields.field.(other).total", 50L);
    }

    @Test
    void jsonWithAnUnknownEnumSymbolOrAMistypedFieldIsUnreadableNamingTheField() {
        String badEnum =
                "{\"eventId\":\"e1\",\"subscriberId\":\"s\",\"eventTime\":1,\"type\":\"FAX\"}";
        assertThat(read(badEnum.getBytes(StandardCharsets.UTF_8)).deadLetter.getDetail())
                .startsWith("field 'type' is 'FAX'");
        String mistyped =
                "{\"eventId\":\"e1\",\"subscriberId\":\"s\",\"eventTime\":\"yesterday\",\"type\":\"SMS\"}";
        assertThat(read(mistyped.getBytes(StandardCharsets.UTF_8)).deadLetter.getDetail())
                .startsWith("field 'eventTime' must be");
    }

    @Test
    void aRecordBreakingARuleIsInvalid() {
        SubscriberEvent negative = outgoingCall("e1", "sub-1", at(0, 9), CallScope.LOCAL, -5);
        DeadLetter deadLetter =
                read(WireFormat.AVRO.codec(SubscriberEvent.class).encode(negative)).deadLetter;
        assertThat(deadLetter.getReason()).isEqualTo(DeadLetters.INVALID);
        assertThat(deadLetter.getDetail())
                .isEqualTo("VOICE_CALL durationSec -5 is out of range [0, 86400]");
    }

    @Test
    void aHugeStringIsInvalidAndKeptWhole() {
        SubscriberEvent huge =
                outgoingCall("e1", "x".repeat(100_000), at(0, 9), CallScope.LOCAL, 60);
        byte[] bytes = WireFormat.AVRO.codec(SubscriberEvent.class).encode(huge);
        DeadLetter deadLetter = read(bytes).deadLetter;
        assertThat(deadLetter.getReason()).isEqualTo(DeadLetters.INVALID);
        assertThat(deadLetter.getDetail()).isEqualTo("subscriberId must be 1 to 128 characters");
        assertThat(deadLetter.getValue().array()).isEqualTo(bytes);
    }

    @Test
    void aDeadLetterStaysSmallerThanTheBrokersRecordLimitWhateverItsInput() {
        byte[] key = new byte[100_000];
        byte[] value = new byte[1_048_000];
        value[0] = '{';
        DeadLetter deadLetter = read(key, value).deadLetter;
        assertThat(deadLetter.getReason()).isEqualTo(DeadLetters.UNREADABLE);
        assertThat(deadLetter.getValue().remaining()).isEqualTo(DeadLetters.MAX_VALUE_BYTES);
        assertThat(deadLetter.getKey().remaining()).isEqualTo(DeadLetters.MAX_KEY_BYTES);
        assertThat(deadLetter.getDetail())
                .endsWith(
                        "; key cut to 16384 of 100000 bytes; value cut to 524288 of 1048000 bytes");
        assertThat(WireFormat.AVRO.codec(DeadLetter.class).encode(deadLetter).length)
                .isLessThan(600_000);
    }

    @Test
    void aDetailQuotesOnlyAShortPartOfTheInput() {
        String json =
                "{\"eventId\":\"e1\",\"subscriberId\":\"s\",\"eventTime\":1,\"type\":\""
                        + "X".repeat(100_000)
                        + "\"}";
        String detail = read(json.getBytes(StandardCharsets.UTF_8)).deadLetter.getDetail();
        assertThat(detail)
                .startsWith("field 'type' is 'XXXX")
                .hasSizeLessThan(DeadLetters.MAX_DETAIL_CHARS);
        assertThat(
                        DeadLetters.of(
                                        DeadLetters.INVALID,
                                        "y".repeat(5_000),
                                        "t",
                                        0,
                                        0L,
                                        0L,
                                        null,
                                        null,
                                        0L)
                                .getDetail())
                .hasSize(DeadLetters.MAX_DETAIL_CHARS + 3);
    }
}
