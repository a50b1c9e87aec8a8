package io.pulse.schema.codec;

import io.pulse.schema.CallScope;
import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.SubscriberEvent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against the REST endpoints of a schema registry served in the test (GET /schemas/ids/{id}, POST
 * /subjects/{subject}/versions, with the registries' error body for an unknown id): no schema
 * registry that runs in-process is on the package registries this project may use.
 */
class RegistryFramedAvroCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryEndpoints endpoints;
    private SchemaRegistry registry;

    @BeforeEach
    void serveARegistry() throws IOException {
        endpoints = RegistryEndpoints.start();
        registry = new SchemaRegistry(endpoints.url());
    }

    @AfterEach
    void stop() {
        endpoints.close();
    }

    private static SubscriberEvent call() {
        return SubscriberEvent.newBuilder()
                .setEventId("e-1")
                .setSubscriberId("sub-1")
                .setEventTime(1_780_000_000_000L)
                .setType(EventType.VOICE_CALL)
                .setDirection(Direction.OUTGOING)
                .setCallScope(CallScope.LOCAL)
                .setDurationSec(120)
                .build();
    }

    /**
     * A producer's newer schema: a field Pulse does not know ({@code handsetModel}, with a default)
     * and without one it does ({@code competitor}, which Pulse's schema defaults).
     */
    private static Schema evolvedProducerSchema() throws IOException {
        ObjectNode schema = (ObjectNode) JSON.readTree(SubscriberEvent.getClassSchema().toString());
        ArrayNode fields = (ArrayNode) schema.get("fields");
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asText().equals("competitor")) {
                fields.remove(i);
                break;
            }
        }
        fields.add(
                JSON.readTree(
                        "{\"name\":\"handsetModel\",\"type\":[\"null\",\"string\"],\"default\":null}"));
        return new Schema.Parser().parse(schema.toString());
    }

    @Test
    void readsARecordOfTheProducersEvolvedSchemaFetchedByItsId() throws Exception {
        Schema producer = evolvedProducerSchema();
        int id = endpoints.register(producer);
        SubscriberEvent event = call();
        GenericRecord record = new GenericData.Record(producer);
        for (Schema.Field f : producer.getFields()) {
            record.put(
                    f.name(), f.name().equals("handsetModel") ? "handset-42" : event.get(f.name()));
        }
        RegistryFramedAvroCodec<SubscriberEvent> codec =
                new RegistryFramedAvroCodec<>(SubscriberEvent.class, registry, "events-value");

        byte[] framed = RegistryEndpoints.framed(id, producer, record);
        assertThat(codec.decode(framed)).isEqualTo(event);
        assertThat(codec.decode(framed)).isEqualTo(event);
        assertThat(endpoints.requests())
                .as("the writer schema fetched once")
                .containsExactly("GET /schemas/ids/" + id);
    }

    @Test
    void anUnknownIdIsRefusedNamingIt() {
        RegistryFramedAvroCodec<SubscriberEvent> codec =
                new RegistryFramedAvroCodec<>(SubscriberEvent.class, registry, "events-value");
        byte[] bytes = {0, 0, 0, 0, 99, 2, 'x'};
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith(
                        "schema id 99 is not in the schema registry at http://127.0.0.1:");
    }

    @Test
    void unframedOrTruncatedBytesAreRefused() {
        RegistryFramedAvroCodec<SubscriberEvent> codec =
                new RegistryFramedAvroCodec<>(SubscriberEvent.class, registry, "events-value");
        byte[] plainAvro = new AvroBinaryCodec<>(SubscriberEvent.class).encode(call());
        assertThatThrownBy(() -> codec.decode(plainAvro))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("not framed for a schema registry");
        assertThatThrownBy(() -> codec.decode(new byte[] {0, 0, 1}))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("too short");
        assertThat(endpoints.requests()).isEmpty();
    }

    @Test
    void garbageAfterAKnownIdIsRefused() {
        int id = endpoints.register(SubscriberEvent.getClassSchema());
        RegistryFramedAvroCodec<SubscriberEvent> codec =
                new RegistryFramedAvroCodec<>(SubscriberEvent.class, registry, "events-value");
        byte[] garbage = {
            0, 0, 0, 0, (byte) id, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f
        };
        assertThatThrownBy(() -> codec.decode(garbage))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("of schema id " + id);
    }

    @Test
    void writesWithTheIdOfPulsesSchemaRegisteredOnceUnderItsSubject() throws Exception {
        RegistryFramedAvroCodec<SubscriberEvent> codec =
                new RegistryFramedAvroCodec<>(SubscriberEvent.class, registry, "events-value");
        byte[] first = codec.encode(call());
        byte[] second = codec.encode(call());
        assertThat(endpoints.requests()).containsExactly("POST /subjects/events-value/versions");
        assertThat(first[0]).isZero();
        assertThat(ByteBuffer.wrap(first, 1, 4).getInt()).isEqualTo(100);
        assertThat(endpoints.schema(100)).isEqualTo(SubscriberEvent.getClassSchema().toString());
        assertThat(second).isEqualTo(first);
        RegistryFramedAvroCodec<SubscriberEvent> reader =
                new RegistryFramedAvroCodec<>(
                        SubscriberEvent.class, new SchemaRegistry(registry.url()), "events-value");
        assertThat(reader.decode(first)).isEqualTo(call());
    }

    /** An unreachable registry is no fault of the record: not a dead letter, an error. */
    @Test
    void anUnreachableRegistryIsAnErrorNotABadRecord() {
        endpoints.close();
        RegistryFramedAvroCodec<SubscriberEvent> codec =
                new RegistryFramedAvroCodec<>(SubscriberEvent.class, registry, "events-value");
        assertThatThrownBy(() -> codec.decode(new byte[] {0, 0, 0, 0, 7, 2}))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot be reached");
    }
}
