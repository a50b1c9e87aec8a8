package io.pulse.schema.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The REST endpoints of a schema registry that Pulse uses, served in the test over HTTP: {@code GET
 * /schemas/ids/{id}} (404 with the registries' error code 40403 for an unknown id) and {@code POST
 * /subjects/{subject}/versions}. No schema registry that runs in-process is on the package
 * registries this project may use (Confluent's is not on Maven Central; Apicurio is a Quarkus
 * application).
 */
public final class RegistryEndpoints implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(100);

    private RegistryEndpoints(HttpServer server) {
        this.server = server;
    }

    public static RegistryEndpoints start() throws IOException {
        RegistryEndpoints registry =
                new RegistryEndpoints(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        registry.server.createContext("/schemas/ids/", registry::schemaById);
        registry.server.createContext("/subjects/", registry::register);
        registry.server.start();
        return registry;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Registers {@code schema} as a producer's serializer would; returns its id. */
    public int register(Schema schema) {
        int id = nextId.getAndIncrement();
        schemas.put(id, schema.toString());
        return id;
    }

    /** The schema registered under {@code id}, or null. */
    public String schema(int id) {
        return schemas.get(id);
    }

    /** Every request served, as "METHOD /path", in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * {@code record} as a registry serializer frames it: magic byte 0, the id, the Avro body. Its
     * values may be those of Pulse's classes (enums, {@code LocalDate}s).
     */
    public static byte[] framed(int id, Schema schema, GenericRecord record) {
        SpecificData model = new SpecificData();
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema, model).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
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
}
