package io.pulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads the job's state, metrics and checkpoints from the Flink REST API. */
public final class FlinkRest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EVENTS_SOURCE_NAME = "Subscriber events";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    /** What the progress line shows about the job. */
    record JobProgress(String state, long eventsRead, int checkpoints) {}

    public FlinkRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The job's state and the records out of the event source vertex (empty if the REST API does
     * not answer).
     */
    Optional<JobProgress> progress(String jobId) {
        try {
            JsonNode job = get("/jobs/" + jobId);
            long eventsRead = -1;
            for (JsonNode vertex : job.path("vertices")) {
                if (vertex.path("name").asText().contains(EVENTS_SOURCE_NAME)) {
                    eventsRead = vertex.path("metrics").path("write-records").asLong(-1);
                }
            }
            int checkpoints =
                    get("/jobs/" + jobId + "/checkpoints")
                            .path("counts")
                            .path("completed")
                            .asInt(-1);
            return Optional.of(
                    new JobProgress(job.path("state").asText("?"), eventsRead, checkpoints));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The JSON answer to GET {@code path}, e.g. {@code /jobs/<id>/checkpoints}; an IOException
     * unless HTTP 200.
     */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(3))
                        .GET()
                        .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for " + path);
        }
        return MAPPER.readTree(response.body());
    }
}
