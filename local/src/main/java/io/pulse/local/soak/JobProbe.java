package io.pulse.local.soak;

import io.pulse.local.FlinkRest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one job's vertices, operator metrics, task times and checkpoints from the Flink REST API.
 */
public final class JobProbe {

    /** A task: one or more chained operators, named after all of them. */
    public record Vertex(String id, String name, int parallelism) {}

    /** Milliseconds a subtask has spent busy, idle and back-pressured since it started. */
    public record TaskTimes(double busyMs, double idleMs, double backPressuredMs) {}

    /** Flink cuts operator names to this length in metric names. */
    private static final int OPERATOR_NAME_MAX_LENGTH = 80;

    private final FlinkRest rest;
    private final String jobId;
    private List<Vertex> vertices;

    public JobProbe(FlinkRest rest, String jobId) {
        this.rest = rest;
        this.jobId = jobId;
    }

    /**
     * Makes the next reads fresh. The REST API answers from its metric store and only then asks the
     * task managers for new values (at most every {@code metrics.fetcher.update-interval}), so a
     * read every few seconds would see the values of the previous read. This asks, then waits for
     * the answers.
     */
    public void refreshMetrics(Duration wait) throws IOException, InterruptedException {
        rest.get("/jobs/" + jobId);
        Thread.sleep(wait.toMillis());
    }

    /** The job's status, e.g. RUNNING. */
    public String state() throws IOException, InterruptedException {
        return rest.get("/jobs/" + jobId).path("state").asText("?");
    }

    /** Whether the job and every one of its tasks is RUNNING. */
    public boolean allTasksRunning() throws IOException, InterruptedException {
        JsonNode job = rest.get("/jobs/" + jobId);
        if (!job.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!vertex.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    public List<Vertex> vertices() throws IOException, InterruptedException {
        if (vertices == null) {
            List<Vertex> list = new ArrayList<>();
            for (JsonNode vertex : rest.get("/jobs/" + jobId).path("vertices")) {
                list.add(
                        new Vertex(
                                vertex.path("id").asText(),
                                vertex.path("name").asText(),
                                vertex.path("parallelism").asInt()));
            }
            // a job still initializing has no vertices yet: ask again next time
            if (list.isEmpty()) {
                return List.of();
            }
            vertices = List.copyOf(list);
        }
        return vertices;
    }

    /** Busy, idle and back-pressured time of each subtask of the vertex. */
    public List<TaskTimes> taskTimes(Vertex vertex) throws IOException, InterruptedException {
        List<TaskTimes> times = new ArrayList<>();
        for (JsonNode subtask :
                rest.get("/jobs/" + jobId + "/vertices/" + vertex.id()).path("subtasks")) {
            JsonNode m = subtask.path("metrics");
            times.add(
                    new TaskTimes(
                            m.path("accumulated-busy-time").asDouble(),
                            m.path("accumulated-idle-time").asDouble(),
                            m.path("accumulated-backpressured-time").asDouble()));
        }
        return times;
    }

    /**
     * An operator metric summed over the operator's subtasks, e.g. {@code sum("Score subscribers",
     * "numRecordsIn")}.
     */
    public long sum(String operator, String metric) throws IOException, InterruptedException {
        return (long) aggregate(operator, metric, "sum");
    }

    /** An operator metric's smallest value over the operator's subtasks. */
    public long min(String operator, String metric) throws IOException, InterruptedException {
        return (long) aggregate(operator, metric, "min");
    }

    /**
     * An operator metric registered once per state, e.g. RocksDB's {@code
     * rocksdb_estimate-live-data-size} per column family: every metric of the operator whose name
     * ends with {@code suffix}, summed over them and over the operator's subtasks.
     */
    public long sumOfAll(String operator, String suffix) throws IOException, InterruptedException {
        Vertex vertex = vertexOf(operator);
        String base = "/jobs/" + jobId + "/vertices/" + vertex.id() + "/subtasks/metrics";
        String prefix = metricName(operator) + ".";
        List<String> ids = new ArrayList<>();
        for (JsonNode available : rest.get(base)) {
            String id = available.path("id").asText();
            if (id.startsWith(prefix) && id.endsWith(suffix)) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            throw new IOException(
                    "no metric *"
                            + suffix
                            + " of '"
                            + operator
                            + "' on task '"
                            + vertex.name()
                            + "' (yet)");
        }
        double total = 0;
        for (JsonNode value :
                rest.get(
                        base
                                + "?get="
                                + URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8)
                                + "&agg=sum")) {
            total += value.path("sum").asDouble();
        }
        return (long) total;
    }

    private double aggregate(String operator, String metric, String aggregation)
            throws IOException, InterruptedException {
        Vertex vertex = vertexOf(operator);
        String id = metricName(operator) + "." + metric;
        String path =
                "/jobs/"
                        + jobId
                        + "/vertices/"
                        + vertex.id()
                        + "/subtasks/metrics?get="
                        + URLEncoder.encode(id, StandardCharsets.UTF_8)
                        + "&agg="
                        + aggregation;
        for (JsonNode value : rest.get(path)) {
            if (value.path("id").asText().equals(id) && value.has(aggregation)) {
                return value.path(aggregation).asDouble();
            }
        }
        throw new IOException("no metric " + id + " on task '" + vertex.name() + "' (yet)");
    }

    /** The checkpoint statistics: counts, summary, latest and history. */
    public JsonNode checkpoints() throws IOException, InterruptedException {
        return rest.get("/jobs/" + jobId + "/checkpoints");
    }

    /** How often the job restarted after a failure. */
    public long restarts() throws IOException, InterruptedException {
        for (JsonNode value : rest.get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            return value.path("value").asLong();
        }
        throw new IOException("no job metric numRestarts (yet)");
    }

    private Vertex vertexOf(String operator) throws IOException, InterruptedException {
        for (Vertex vertex : vertices()) {
            if (vertex.name().contains(operator)) {
                return vertex;
            }
        }
        throw new IOException("no task runs the operator '" + operator + "'");
    }

    /**
     * The operator's name as it appears in metric names: cut to 80 characters, other than
     * [A-Za-z0-9_-] replaced by '_'.
     */
    static String metricName(String operator) {
        String name =
                operator.length() > OPERATOR_NAME_MAX_LENGTH
                        ? operator.substring(0, OPERATOR_NAME_MAX_LENGTH)
                        : operator;
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
