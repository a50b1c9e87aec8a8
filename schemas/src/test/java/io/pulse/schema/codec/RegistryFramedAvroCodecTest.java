package io.pulse.schema.codec;

import io.pulse.schema.CallScope;
import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.SubscriberEvent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against the REST endpoints of a schema registry served in the test (GET /schemas/ids/{id}, POST
 * /subjects/{subject}/versions, with the registries' error body for an unknown id): no schema
 * registry that runs in-process is on the package registries this project may use.
 */
class RegistryFramedAvroCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(100);
    private SchemaRegistry registry;

    @BeforeEach
    void serveARegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/", this::schemaById);
        server.createContext("/subjects/", this::register);
        server.start();
        registry = new SchemaRegistry("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void schemaById(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        int id = Integer.parseInt(exchange.getRequestURI().getPath().replace("/schemas/ids/", ""));
        String schema = schemas.get(id);
        if (schema == null) {
            answer(
                    exchange,
                    404,
                    "{\"error_code\":40403,\"message\":\"Schema " + id + " not found\"}");
        } else {
            answer(exchange, 200, JSON.writeValueAsString(Map.of("schema", schema)));
        }
    }

    private void register(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        String schema = JSON.readTree(exchange.getRequestBody()).path("schema").asText();
        int id = nextId.getAndIncrement();
        schemas.put(id, schema);
        answer(exchange, 200, "{\"id\":" + id + "}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
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
     * A producer's newer schema: a field Pulse does not know ({@code cellId}, with a default) and
     * without one it does ({@code competitor}, which Pulse's schema defaults).
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
                        "{\"name\":\"cellId\",\"type\":[\"null\",\"string\"],\"default\":null}"));
        return new Schema.Parser().parse(schema.toString());
    }

    private static byte[] framed(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, SpecificData.get()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void readsARecordOfTheProducersEvolvedSchemaFetchedByItsId() throws Exception {
        Schema producer = evolvedProducerSchema();
        schemas.put(7, producer.toString());
        SubscriberEvent event = call();
        GenericRecord record = new GenericData.Record(producer);
        for (Schema.Field f : producer.getFields()) {
            record.put(f.name(), f.name().equals("cellId") ? "cell-42" : event.get(f.name()));
        }
        RegistryFramedAvroCodec<SubscriberEvent> codec =
                new RegistryFramedAvroCodec<>(SubscriberEvent.class, registry, "events-value");

        assertThat(codec.decode(framed(7, producer, record))).isEqualTo(event);
        assertThat(codec.decode(framed(7, producer, record))).isEqualTo(event);
        assertThat(requests)
                .as("the writer schema fetched once")
                .containsExactly("GET /schemas/ids/7");
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
        assertThat(requests).isEmpty();
    }

    @Test
    void garbageAfterAKnownIdIsRefused() {
        schemas.put(7, SubscriberEvent.getClassSchema().toString());
        RegistryFramedAvroCodec<SubscriberEvent> codec =
                new RegistryFramedAvroCodec<>(SubscriberEvent.class, registry, "events-value");
        byte[] garbage = {0, 0, 0, 0, 7, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        assertThatThrownBy(() -> codec.decode(garbage))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("of schema id 7");
    }

    @Test
    void writesWithTheIdOfPulsesSchemaRegisteredOnceUnderItsSubject() throws Exception {
        RegistryFramedAvroCodec<SubscriberEvent> codec =
                new RegistryFramedAvroCodec<>(SubscriberEvent.class, registry, "events-value");
        byte[] first = codec.encode(call());
        byte[] second = codec.encode(call());
        assertThat(requests).containsExactly("POST /subjects/events-value/versions");
        assertThat(first[0]).isZero();
        assertThat(ByteBuffer.wrap(first, 1, 4).getInt()).isEqualTo(100);
        assertThat(schemas.get(100)).isEqualTo(SubscriberEvent.getClassSchema().toString());
        assertThat(second).isEqualTo(first);
        RegistryFramedAvroCodec<SubscriberEvent> reader =
                new RegistryFramedAvroCodec<>(
                        SubscriberEvent.class, new SchemaRegistry(registry.url()), "events-value");
        assertThat(reader.decode(first)).isEqualTo(call());
    }

    /** An unreachable registry is no fault of the record: not a dead letter, an error. */
    @Test
    void anUnreachableRegistryIsAnErrorNotABadRecord() {
        server.stop(0);
        RegistryFramedAvroCodec<SubscriberEvent> codec =
                new RegistryFramedAvroCodec<>(SubscriberEvent.class, registry, "events-value");
        assertThatThrownBy(() -> codec.decode(new byte[] {0, 0, 0, 0, 7, 2}))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot be reached");
    }
}
