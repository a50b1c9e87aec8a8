package io.pulse.schema.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A schema registry reached over the REST API of the widely used registries ({@code GET
 * /schemas/ids/{id}}, {@code POST /subjects/{subject}/versions}): writer schemas by id, cached for
 * the life of the instance (an id never changes its schema), and registrations of Pulse's own.
 * Thread-safe.
 */
public final class SchemaRegistry {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient http;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    public SchemaRegistry(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String url() {
        return url;
    }

    /**
     * The schema registered under {@code id}.
     *
     * @throws CodecException if the registry does not know the id
     * @throws UncheckedIOException if the registry cannot be reached or answers otherwise: the
     *     record is not at fault, and must not become a dead letter
     */
    public Schema schema(int id) throws CodecException {
        Schema known = byId.get(id);
        if (known != null) {
            return known;
        }
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET());
        if (response.statusCode() == 404) {
            throw new CodecException(
                    "schema id " + id + " is not in the schema registry at " + url);
        }
        JsonNode body = body(response);
        Schema schema = new Schema.Parser().parse(body.path("schema").asText());
        byId.put(id, schema);
        return schema;
    }

    /** Registers {@code schema} under {@code subject} (or finds it there) and returns its id. */
    public int register(String subject, Schema schema) {
        String request;
        try {
            request = JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> response =
                send(
                        HttpRequest.newBuilder(uri("/subjects/" + subject + "/versions"))
                                .header("Content-Type", CONTENT_TYPE)
                                .POST(HttpRequest.BodyPublishers.ofString(request)));
        int id = body(response).path("id").asInt(-1);
        if (id < 0) {
            throw new UncheckedIOException(
                    new IOException(
                            "the schema registry at "
                                    + url
                                    + " returned no id: "
                                    + response.body()));
        }
        byId.put(id, schema);
        return id;
    }

    private URI uri(String path) {
        return URI.create(url + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(
                    request.header("Accept", CONTENT_TYPE).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the schema registry at " + url + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    private JsonNode body(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new UncheckedIOException(
                    new IOException(
                            "the schema registry at "
                                    + url
                                    + " answered "
                                    + response.statusCode()
                                    + ": "
                                    + response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
