package io.pulse.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files the chart ships: its copy of the scoring configuration and model files (Helm reads only
 * files inside the chart, so helm/pulse/files/config/ repeats config/ and must not drift from it),
 * how they are mounted where --config points, and the Grafana dashboard.
 */
class ChartFilesTest {

    @Test
    void theChartsConfigurationIsExactlyTheRepositorysConfig() throws IOException {
        Path config = RenderedChart.repoFile("config");
        Path copy = RenderedChart.chartDir().resolve("files/config");
        Map<String, String> original = files(config);
        assertThat(original).containsKeys("scoring.yaml", "models/churn-sim.json");
        assertThat(files(copy))
                .as(
                        "helm/pulse/files/config/ differs from config/: after changing config/, run\n"
                                + "  rm -r helm/pulse/files/config && cp -r config helm/pulse/files/config")
                .isEqualTo(original);
    }

    @Test
    void theConfigMapCarriesTheConfigurationAndModelsMountedWhereTheJobLooks() throws IOException {
        RenderedChart chart = RenderedChart.defaults();
        JsonNode configMap =
                chart.ofKind("ConfigMap").stream()
                        .filter(
                                c ->
                                        c.path("metadata")
                                                .path("name")
                                                .asText()
                                                .equals("pulse-scoring-config"))
                        .findFirst()
                        .orElseThrow();
        assertThat(configMap.path("data").path("scoring.yaml").asText())
                .isEqualTo(
                        Files.readString(RenderedChart.repoFile("config/scoring.yaml"))
                                .stripTrailing());
        assertThat(configMap.path("data").path("churn-sim.json").asText())
                .isEqualTo(
                        Files.readString(RenderedChart.repoFile("config/models/churn-sim.json"))
                                .stripTrailing());

        JsonNode volume = volume(chart, "scoring-config");
        assertThat(volume.path("configMap").path("name").asText())
                .isEqualTo("pulse-scoring-config");
        Map<String, String> items = new TreeMap<>();
        volume.path("configMap")
                .path("items")
                .forEach(i -> items.put(i.path("key").asText(), i.path("path").asText()));
        // churn.model-file is relative to the configuration file: models/churn-sim.json next to
        // scoring.yaml
        assertThat(items)
                .containsExactly(
                        Map.entry("churn-public.json", "models/churn-public.json"),
                        Map.entry("churn-sim.json", "models/churn-sim.json"),
                        Map.entry("scoring.yaml", "scoring.yaml"));
        assertThat(chart.jobArg("--config")).isEqualTo("/opt/pulse/config/scoring.yaml");
    }

    @Test
    void aNewConfigurationChangesThePodTemplateSoTheOperatorRedeploysTheJob(@TempDir Path dir)
            throws IOException {
        Path chart = dir.resolve("pulse");
        copy(RenderedChart.chartDir(), chart);
        String before = checksum(RenderedChart.render(chart, List.of(), Map.of()));
        assertThat(before).hasSize(64).isEqualTo(checksum(RenderedChart.defaults()));
        Path model = chart.resolve("files/config/models/churn-sim.json");
        Files.writeString(model, Files.readString(model).replaceFirst("\\{", "{ "));
        assertThat(checksum(RenderedChart.render(chart, List.of(), Map.of())))
                .hasSize(64)
                .isNotEqualTo(before);
    }

    @Test
    void anExistingConfigMapReplacesTheChartsCopy() {
        RenderedChart chart =
                RenderedChart.render(
                        List.of(), Map.of("scoringConfig.existingConfigMap", "pulse-tuned"));
        assertThat(chart.ofKind("ConfigMap"))
                .noneMatch(
                        c -> c.path("metadata").path("name").asText().endsWith("-scoring-config"));
        JsonNode volume = volume(chart, "scoring-config");
        assertThat(volume.path("configMap").path("name").asText()).isEqualTo("pulse-tuned");
        List<String> paths = new ArrayList<>();
        volume.path("configMap").path("items").forEach(i -> paths.add(i.path("path").asText()));
        assertThat(paths).containsExactly("scoring.yaml", "models/churn-sim.json");
    }

    @Test
    void theGrafanaDashboardIsAConfigMapTheSidecarPicksUp() throws IOException {
        JsonNode configMap =
                RenderedChart.defaults().ofKind("ConfigMap").stream()
                        .filter(
                                c ->
                                        c.path("metadata")
                                                .path("name")
                                                .asText()
                                                .equals("pulse-dashboard"))
                        .findFirst()
                        .orElseThrow();
        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText())
                .isEqualTo("1");
        JsonNode dashboard =
                new ObjectMapper().readTree(configMap.path("data").path("pulse.json").asText());
        assertThat(dashboard.path("uid").asText()).isEqualTo("pulse-scoring");

        Set<Integer> ids = new HashSet<>();
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("panel id %s is used twice", panel.path("id"))
                    .isTrue();
            panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText()));
        }
        String all = String.join("\n", expressions);
        assertThat(all)
                .contains(
                        "flink_taskmanager_job_task_numRecordsInPerSecond",
                        "flink_taskmanager_job_task_busyTimeMsPerSecond",
                        "flink_taskmanager_job_task_backPressuredTimeMsPerSecond",
                        "flink_jobmanager_job_lastCheckpointDuration",
                        "flink_jobmanager_job_lastCheckpointSize",
                        "flink_jobmanager_job_uptime",
                        "flink_jobmanager_job_numRestarts");
        assertThat(dashboard.path("panels"))
                .anyMatch(
                        p ->
                                p.path("type").asText().equals("row")
                                        && p.path("title").asText().contains("pulse_*"));
        // every metric of the job's own, as the table of docs/operations.md ("Metrics") names it
        Matcher documented =
                Pattern.compile("^\\| `(pulse_\\w+)` \\|", Pattern.MULTILINE)
                        .matcher(Files.readString(RenderedChart.repoFile("docs/operations.md")));
        List<String> metrics = new ArrayList<>();
        while (documented.find()) {
            metrics.add("flink_taskmanager_job_task_operator_" + documented.group(1));
        }
        assertThat(metrics).hasSizeGreaterThan(10);
        assertThat(all).contains(metrics);

        assertThat(
                        RenderedChart.render(
                                        List.of(),
                                        Map.of("metrics.grafanaDashboard.enabled", "false"))
                                .ofKind("ConfigMap"))
                .noneMatch(c -> c.path("metadata").path("name").asText().equals("pulse-dashboard"));
    }

    private static String checksum(RenderedChart chart) {
        return chart.flinkDeployment()
                .path("spec")
                .path("podTemplate")
                .path("metadata")
                .path("annotations")
                .path("pulse.io/scoring-config-checksum")
                .asText();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static JsonNode volume(RenderedChart chart, String name) {
        for (JsonNode volume : chart.podSpecs().get(0).path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    /** Every file below dir, by its relative path, with its content. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(
                        dir.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return files;
    }
}
