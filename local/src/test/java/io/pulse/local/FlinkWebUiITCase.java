package io.pulse.local;

import io.pulse.scoring.TestEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of a running Pulse: the local run (its own JVM, as {@code bin/pulse-local}
 * starts it) opened in the Flink web UI in a real headless chromium, which must render the job
 * RUNNING with its operators' readable names and, in the scoring operator's metrics tab, chart a
 * {@code pulse} metric; and the same metrics scraped from the local run's Prometheus endpoint with
 * the names and labels docs/operations.md ("Metrics") documents, no more and no fewer.
 */
class FlinkWebUiITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final String SCORES_METRIC = "pulse.scores_total";

    @TempDir Path workDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theWebUiShowsTheRunningJobItsOperatorsAndAPulseMetric() throws Exception {
        Path chromium =
                HeadlessChromium
                        .executable(); // fails at once, with the fix, if the browser is missing
        int webPort = LocalRunProcess.freePort();
        int metricsPort = LocalRunProcess.freePort();
        try (LocalRunProcess run =
                LocalRunProcess.start(
                        workDir.resolve("console.txt"),
                        List.of(
                                // a light load: the browser needs a share of the machine
                                "--subscribers",
                                "300",
                                "--rate",
                                "3000",
                                "--duration-seconds",
                                "300",
                                "--kafka-port",
                                "0",
                                "--web-port",
                                Integer.toString(webPort),
                                "--metrics-port",
                                Integer.toString(metricsPort),
                                "--no-alert-lines",
                                "--work-dir",
                                workDir.resolve("run").toString()))) {
            String jobId = run.awaitRunningJob(webPort, Duration.ofSeconds(120));
            String scorerVertex = vertexId(webPort, jobId, "Score subscribers");
            String scoresMetricId = awaitVertexMetric(webPort, jobId, scorerVertex, SCORES_METRIC);

            assertPrometheusEndpoint(metricsPort);

            try (HeadlessChromium browser = HeadlessChromium.start(workDir.resolve("chromium"))) {
                assertThat(chromium).isNotNull();
                assertJobOverview(browser, webPort, jobId);
                assertMetricCharted(browser, webPort, jobId, scorerVertex, scoresMetricId);
            }
        }
    }

    /**
     * The job overview page: status RUNNING and every operator by the name PulseJob and
     * PulsePipeline give it.
     */
    private void assertJobOverview(HeadlessChromium browser, int webPort, String jobId)
            throws Exception {
        browser.navigate("http://localhost:" + webPort + "/#/job/running/" + jobId + "/overview");
        List<String> names =
                List.of(
                        "Subscriber events",
                        "Subscriber profiles",
                        "Route unreadable events to dead letters",
                        "Route unreadable profiles to dead letters",
                        "Score subscribers",
                        "Subscriber scores to Kafka",
                        "Subscriber alerts to Kafka",
                        "Dead letters to Kafka");
        String allShown =
                "(() => { const t = document.body ? document.body.innerText : '';"
                        + " return "
                        + JSON.writeValueAsString(names)
                        + ".every(n => t.includes(n)) && /\\bRUNNING\\b/.test(t); })()";
        browser.await(
                "the job RUNNING with its operator names",
                allShown,
                JsonNode::asBoolean,
                PAGE_TIMEOUT);
        String text = browser.text();
        assertThat(text).contains("Pulse scoring").contains(jobId);
        // the job's status badge, not just the word somewhere on the page
        JsonNode status =
                browser.evaluate(
                        "Array.from(document.querySelectorAll('flink-job-badge, .ant-badge, nz-badge'))"
                                + ".map(e => e.innerText.trim()).filter(t => t.length > 0)");
        assertThat(status.toString()).as("status badges").contains("RUNNING");
    }

    /**
     * The scoring operator's metrics tab: pick the pulse metric from the list, as a user would, and
     * see its value.
     */
    private void assertMetricCharted(
            HeadlessChromium browser, int webPort, String jobId, String vertexId, String metricId)
            throws Exception {
        browser.navigate(
                "http://localhost:"
                        + webPort
                        + "/#/job/running/"
                        + jobId
                        + "/overview/"
                        + vertexId
                        + "/metrics");
        browser.await(
                "the metric selector",
                "!!document.querySelector('.metric-selector nz-select')",
                JsonNode::asBoolean,
                PAGE_TIMEOUT);
        // open the list as a user does, and type into its search box: the list shows only what fits
        String open = "!!document.querySelector('.metric-selector nz-select.ant-select-open')";
        for (int attempt = 0; attempt < 10 && !browser.evaluate(open).asBoolean(); attempt++) {
            browser.click(".metric-selector nz-select .ant-select-selector");
            Thread.sleep(500);
        }
        assertThat(browser.evaluate(open).asBoolean())
                .as(
                        "the metric list opens on a click: %s",
                        browser.evaluate("document.querySelector('.metric-selector').outerHTML"))
                .isTrue();
        browser.evaluate("document.querySelector('.metric-selector nz-select input').focus()");
        browser.type(SCORES_METRIC);
        String option =
                "Array.from(document.querySelectorAll('nz-option-item'))"
                        + ".map(e => e.innerText.trim()).filter(t => t.includes('.pulse.'))";
        JsonNode options =
                browser.await(
                        "pulse metrics among the options", option, v -> v.size() > 0, PAGE_TIMEOUT);
        assertThat(options.toString()).contains(metricId);
        browser.evaluate(
                "Array.from(document.querySelectorAll('nz-option-item')).filter(e => e.innerText.trim() === "
                        + JSON.writeValueAsString(metricId)
                        + ").forEach(e => e.setAttribute('data-pulse-pick', ''))");
        browser.click("nz-option-item[data-pulse-pick]");

        String chartTitle =
                "Array.from(document.querySelectorAll('flink-job-chart .title .text')).map(e => e.innerText.trim())";
        JsonNode titles =
                browser.await(
                        "a chart of " + metricId,
                        chartTitle,
                        v -> v.toString().contains(metricId),
                        PAGE_TIMEOUT);
        assertThat(titles.toString()).contains(metricId);

        browser.click("flink-job-chart .type-switch button:last-child"); // "Numeric"
        String numeric =
                "(() => { const e = document.querySelector('flink-job-chart .numeric');"
                        + " return e ? e.innerText.trim() : ''; })()";
        JsonNode value =
                browser.await(
                        "the metric's value",
                        numeric,
                        v -> v.asText().matches(".*[1-9].*"),
                        PAGE_TIMEOUT);
        assertThat(value.asText()).as("scores published so far").matches(".*[1-9].*");
    }

    /**
     * The local run's Prometheus endpoint carries the job's metrics under their documented names
     * and labels.
     */
    private void assertPrometheusEndpoint(int metricsPort) throws Exception {
        String prefix = "flink_taskmanager_job_task_operator_";
        String scrape = awaitScrape(metricsPort, prefix + "pulse_scores_total");
        assertPositive(scrape, prefix + "pulse_events_type_total", "type=\"VOICE_CALL\"");
        assertPositive(
                scrape, prefix + "pulse_scores_total", "operator_name=\"Score_subscribers\"");
        assertPositive(scrape, prefix + "pulse_subscribers_created_total", "");
        assertPositive(scrape, prefix + "pulse_churn_probability_percent_count", "");
        assertPositive(scrape, prefix + "pulse_satisfaction", "quantile=\"0.5\"");
        assertPositive(
                scrape,
                prefix + "pulse_event_time_lag_seconds",
                ""); // the simulator backfills: far behind
        assertPositive(scrape, prefix + "pulse_subscriber_state_bytes", "quantile=\"0.99\"");
        assertThat(scrape)
                .containsPattern(
                        Pattern.quote(prefix + "pulse_alerts_type_status_total{")
                                + "[^}]*type=\"ZERO_ACTIVITY\"[^}]*status=\"OPEN\"|"
                                + Pattern.quote(prefix + "pulse_alerts_type_status_total{")
                                + "[^}]*status=\"OPEN\"[^}]*type=\"ZERO_ACTIVITY\"")
                .containsPattern(
                        Pattern.quote(prefix + "pulse_dead_letters_reason_total{")
                                + "[^}]*reason=\"UNREADABLE\"")
                .containsPattern(
                        Pattern.quote(prefix + "pulse_dead_letters_reason_total{")
                                + "[^}]*reason=\"LATE\"")
                .contains(
                        prefix + "pulse_profiles_total{",
                        prefix + "pulse_duplicate_events_total{",
                        prefix + "pulse_subscribers_removed_total{");
        Set<String> scraped = metricNames(scrape, prefix);
        assertThat(documentedMetricNames(false))
                .as("the table of docs/operations.md against the scrape")
                .containsAll(scraped);
        assertThat(scraped)
                .as("the pulse metrics registered when the job starts, in the scrape")
                .containsAll(documentedMetricNames(true));
    }

    /** The job's own metric names in a scrape: histograms without their _count and _sum series. */
    private static Set<String> metricNames(String scrape, String prefix) {
        Matcher m =
                Pattern.compile(
                                "^" + Pattern.quote(prefix) + "(pulse_\\w+?)(?:_count|_sum)?[{ ]",
                                Pattern.MULTILINE)
                        .matcher(scrape);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The metrics of the table in docs/operations.md; only those registered at start if {@code
     * atStart}.
     */
    private static Set<String> documentedMetricNames(boolean atStart) throws IOException {
        String page = Files.readString(TestEvents.repoFile("docs/operations.md"));
        Matcher m =
                Pattern.compile("^\\| `(pulse_\\w+)` \\|(.*)$", Pattern.MULTILINE).matcher(page);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            if (!atStart || !m.group(2).contains("a series appears with")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static void assertPositive(String scrape, String metric, String label) {
        assertThat(positiveSample(scrape, metric, label))
                .as(
                        "a positive sample of %s{..%s..} among\n%s",
                        metric,
                        label,
                        scrape.lines()
                                .filter(l -> l.startsWith(metric))
                                .reduce("", (a, b) -> a + b + "\n"))
                .isTrue();
    }

    /**
     * Whether a sample of {@code metric} with {@code label} (or any, if empty) has a positive
     * value.
     */
    private static boolean positiveSample(String scrape, String metric, String label) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$")
                        .matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(label) && Double.parseDouble(m.group(2)) > 0) {
                return true;
            }
        }
        return false;
    }

    private String awaitScrape(int port, String metric) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String body = "";
        while (System.nanoTime() < deadline) {
            try {
                body = get("http://localhost:" + port + "/metrics");
                if (positiveSample(body, metric, "")) {
                    return body;
                }
            } catch (IOException notUpYet) {
                // the reporter starts with the cluster
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(
                "no positive "
                        + metric
                        + " on http://localhost:"
                        + port
                        + "/metrics; pulse lines:\n"
                        + body.lines()
                                .filter(l -> l.contains("pulse_"))
                                .limit(40)
                                .reduce("", (a, b) -> a + b + "\n"));
    }

    private String vertexId(int port, String jobId, String operatorName) throws Exception {
        for (JsonNode vertex :
                JSON.readTree(get("http://localhost:" + port + "/jobs/" + jobId))
                        .path("vertices")) {
            if (vertex.path("name").asText().contains(operatorName)) {
                return vertex.path("id").asText();
            }
        }
        throw new AssertionError("no vertex named " + operatorName + " in job " + jobId);
    }

    /**
     * The full id under which the web UI lists the metric, e.g. {@code
     * 0.Score_subscribers.pulse.scores_total}, once it has a value.
     */
    private String awaitVertexMetric(int port, String jobId, String vertexId, String suffix)
            throws Exception {
        String base =
                "http://localhost:"
                        + port
                        + "/jobs/"
                        + jobId
                        + "/vertices/"
                        + vertexId
                        + "/metrics";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<String> ids = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            ids.clear();
            for (JsonNode metric : JSON.readTree(get(base))) {
                ids.add(metric.path("id").asText());
            }
            String id =
                    ids.stream()
                            .filter(m -> m.startsWith("0.") && m.endsWith("." + suffix))
                            .findFirst()
                            .orElse(null);
            if (id != null) {
                JsonNode values = JSON.readTree(get(base + "?get=" + id));
                if (values.size() == 1
                        && Double.parseDouble(values.get(0).path("value").asText("0")) > 0) {
                    return id;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(
                "the vertex never listed a positive *." + suffix + "; it lists " + ids);
    }

    private String get(String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
