package io.pulse.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The chart in helm/pulse rendered by real Helm ({@code helm template}), as the parsed Kubernetes
 * objects and as the text a cluster would receive.
 */
final class RenderedChart {
    static final String RELEASE = "pulse";
    static final String NAMESPACE = "pulse";
    static final ObjectMapper YAML = new YAMLMapper();

    final String text;
    final List<JsonNode> objects;

    private RenderedChart(String text) {
        this.text = text;
        this.objects = parse(text);
    }

    /** The chart with its default values. */
    static RenderedChart defaults() {
        return render(List.of(), Map.of());
    }

    /** The chart with helm/pulse/values-production.yaml. */
    static RenderedChart production() {
        return render(List.of(chartDir().resolve("values-production.yaml")), Map.of());
    }

    /** The chart with these values files (in order) and {@code --set} values. */
    static RenderedChart render(List<Path> valuesFiles, Map<String, String> set) {
        return render(chartDir(), valuesFiles, set);
    }

    /**
     * A copy of the chart in another directory, with these values files and {@code --set} values.
     */
    static RenderedChart render(Path chart, List<Path> valuesFiles, Map<String, String> set) {
        TemplateCommand template =
                new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path file : valuesFiles) {
            template = template.withValuesFile(file);
        }
        for (Map.Entry<String, String> value : set.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        return new RenderedChart(template.call());
    }

    /**
     * Writes values given as YAML text to a file in {@code dir}, for values {@code --set} cannot
     * name.
     */
    static Path valuesFile(Path dir, String yaml) {
        try {
            return Files.writeString(Files.createTempFile(dir, "values-", ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    /** The one object of this kind; fails if there is none or more than one. */
    JsonNode one(String kind) {
        List<JsonNode> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError(
                    "expected one " + kind + ", rendered " + found.size() + ":\n" + text);
        }
        return found.get(0);
    }

    JsonNode flinkDeployment() {
        return one("FlinkDeployment");
    }

    /** A key of the FlinkDeployment's flinkConfiguration, or null. */
    String flinkConf(String key) {
        JsonNode value = flinkDeployment().path("spec").path("flinkConfiguration").get(key);
        return value == null ? null : value.asText();
    }

    /** The job's arguments as the operator passes them to {@code main}. */
    List<String> jobArgs() {
        List<String> args = new ArrayList<>();
        flinkDeployment().path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    /** The value that follows {@code --name} in the job's arguments, or null. */
    String jobArg(String name) {
        List<String> args = jobArgs();
        int at = args.indexOf(name);
        return at < 0 || at + 1 >= args.size() ? null : args.get(at + 1);
    }

    /** Every container and init container of every pod spec the chart renders. */
    List<JsonNode> containers() {
        List<JsonNode> containers = new ArrayList<>();
        for (JsonNode spec : podSpecs()) {
            spec.path("containers").forEach(containers::add);
            spec.path("initContainers").forEach(containers::add);
        }
        return containers;
    }

    /** The pod specs: the FlinkDeployment's pod templates (shared, JobManager, TaskManager). */
    List<JsonNode> podSpecs() {
        JsonNode spec = flinkDeployment().path("spec");
        return List.of(
                        spec.path("podTemplate"),
                        spec.path("jobManager").path("podTemplate"),
                        spec.path("taskManager").path("podTemplate"))
                .stream()
                .map(t -> t.path("spec"))
                .filter(s -> !s.isMissingNode())
                .toList();
    }

    static Path chartDir() {
        return repoFile("helm/pulse");
    }

    static Path repoFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("not found above the working directory: " + relative);
    }

    private static List<JsonNode> parse(String text) {
        try (var parser = new YAMLFactory().createParser(text)) {
            List<JsonNode> objects = new ArrayList<>();
            for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    objects.add(node);
                }
            }
            objects.forEach(
                    o ->
                            Objects.requireNonNull(
                                    o.get("kind"), () -> "an object without kind:\n" + o));
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException("helm rendered YAML that does not parse:\n" + text, e);
        }
    }
}
