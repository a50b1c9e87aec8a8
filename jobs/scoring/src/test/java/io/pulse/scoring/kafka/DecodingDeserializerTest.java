package io.pulse.scoring.kafka;

import io.pulse.schema.CallScope;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.validation.EventValidator;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static org.assertj.core.api.Assertions.assertThat;

class DecodingDeserializerTest {
    private final DecodingDeserializer<SubscriberEvent> deserializer =
            new DecodingDeserializer<>(SubscriberEvent.class, WireFormat.AUTO, new EventValidator());

    private Decoded<SubscriberEvent> read(byte[] value) {
        List<Decoded<SubscriberEvent>> out = new ArrayList<>();
        deserializer.deserialize(
                new ConsumerRecord<>("subscriber-events", 3, 42L, "sub-1".getBytes(StandardCharsets.UTF_8), value),
                new ListCollector<>(out));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void readsAvroAndJson() {
        SubscriberEvent call = outgoingCall("e1", "sub-1", at(0, 9), CallScope.LOCAL, 60);
        assertThat(read(WireFormat.AVRO.codec(SubscriberEvent.class).encode(call)).value).isEqualTo(call);
        String json = "{\"eventId\":\"e1\",\"subscriberId\":\"sub-1\",\"eventTime\":" + at(0, 9)
                + ",\"type\":\"VOICE_CALL\",\"direction\":\"OUTGOING\",\"callScope\":\"LOCAL\",\"durationSec\":60,\"dropped\":false}";
        assertThat(read(json.getBytes(StandardCharsets.UTF_8)).value).isEqualTo(call);
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
    void jsonWithAnUnknownFieldOrEnumIsUnreadableNamingTheField() {
        String extra = "{\"eventId\":\"e1\",\"subscriberId\":\"s\",\"eventTime\":1,\"type\":\"SMS\",\"colour\":\"red\"}";
        assertThat(read(extra.getBytes(StandardCharsets.UTF_8)).deadLetter.getDetail()).isEqualTo("unknown field 'colour'");
        String badEnum = "{\"eventId\":\"e1\",\"subscriberId\":\"s\",\"eventTime\":1,\"type\":\"FAX\"}";
        assertThat(read(badEnum.getBytes(StandardCharsets.UTF_8)).deadLetter.getDetail()).startsWith("field 'type' is 'FAX'");
    }

    @Test
    void aRecordBreakingARuleIsInvalid() {
        SubscriberEvent negative = outgoingCall("e1", "sub-1", at(0, 9), CallScope.LOCAL, -5);
        DeadLetter deadLetter = read(WireFormat.AVRO.codec(SubscriberEvent.class).encode(negative)).deadLetter;
        assertThat(deadLetter.getReason()).isEqualTo(DeadLetters.INVALID);
        assertThat(deadLetter.getDetail()).isEqualTo("VOICE_CALL durationSec -5 is out of range [0, 86400]");
    }
}
