package io.pulse.scoring.docs;

import io.pulse.schema.AccountAlert;
import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.codec.PlainJsonCodec;
import io.pulse.schema.codec.UnknownJsonFields;
import io.pulse.scoring.alerts.AlertFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.pulse.scoring.TestEvents.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and the pages under docs/ stay true to the code where that is cheap to check: links,
 * alert types, configuration keys, and the files and classes they name.
 */
class DocumentationTest {
    private static final Path ROOT = repoFile("README.md").getParent();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+");
    private static final Pattern CONFIG_KEY =
            Pattern.compile("[a-z][a-z0-9-]*(?:\\.[a-z0-9][a-z0-9-]*)+");
    private static final Pattern REPO_PATH =
            Pattern.compile(
                    "(?:config|core|jobs|kafka-settings|simulator|tools|local|schemas|helm|bin|docker|docs|\\.ci)/[^\\s<*]*");

    /** Names the pages use that belong to Flink, Kafka or Kubernetes, not to this repository. */
    private static final Set<String> OTHER_PROJECTS_CLASSES =
            Set.of(
                    "ParameterTool",
                    "KafkaSource",
                    "KafkaSink",
                    "FlinkDeployment",
                    "FlinkStateSnapshot",
                    "PodMonitor",
                    "EnvVarConfigProvider",
                    "KeyedTwoInputStreamOperatorTestHarness",
                    "SerializerTestBase");

    @Test
    void everyPageIsLinkedFromTheReadme() {
        String readme = read(ROOT.resolve("README.md"));
        assertThat(pages())
                .filteredOn(p -> !p.getFileName().toString().equals("README.md"))
                .allSatisfy(
                        page -> assertThat(readme).contains("](" + ROOT.relativize(page) + ")"));
    }

    @Test
    void linksReachTheirFilesAndHeadings() {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = LINK.matcher(read(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http, https, mailto
                }
                String file =
                        target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(linked)) {
                    broken.add(name(page) + ": " + target + " (no such file)");
                } else if (target.contains("#")
                        && !anchors(linked).contains(target.substring(target.indexOf('#') + 1))) {
                    broken.add(name(page) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theAlertPageHasEveryAlertTypeAndNoOther() {
        Matcher m =
                Pattern.compile("^\\| `([A-Z_]+)` \\|", Pattern.MULTILINE)
                        .matcher(read(ROOT.resolve("docs/alerts.md")));
        Set<String> documented = new TreeSet<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(AlertType.values())
                                .map(Enum::name)
                                .collect(Collectors.toSet()));
    }

    /** The example records are alerts a consumer can read: every field is one of the schema's. */
    @Test
    void theAlertExamplesAreAlerts() throws Exception {
        List<Alert> alerts = examples("alertId", Alert.class);
        // every type but NETWORK_INCIDENT, which is an area's record on a topic of its own
        assertThat(alerts).hasSize(AlertType.values().length - 1);
        for (Alert alert : alerts) {
            assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
            assertThat(alert.getType()).isNotEqualTo(AlertType.NETWORK_INCIDENT);
        }
        assertThat(examples("incidentId", NetworkIncident.class))
                .singleElement()
                .satisfies(
                        incident -> {
                            assertThat(incident.getType()).isEqualTo(AlertType.NETWORK_INCIDENT);
                            assertThat(incident.getStatus()).isEqualTo(AlertStatus.OPEN);
                        });
        assertThat(examples("accountId", AccountAlert.class))
                .singleElement()
                .satisfies(
                        account ->
                                assertThat(account.getAlertId())
                                        .isEqualTo(
                                                AlertFactory.alertId(
                                                        "account:" + account.getAccountId(),
                                                        account.getType(),
                                                        account.getEpisodeStart())));
    }

    /** The JSON lines of docs/alerts.md that begin with {@code firstField}, read strictly. */
    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> examples(
            String firstField, Class<T> type) throws Exception {
        PlainJsonCodec<T> strict = new PlainJsonCodec<>(type, UnknownJsonFields.REFUSE, name -> {});
        List<T> records = new ArrayList<>();
        for (String line : read(ROOT.resolve("docs/alerts.md")).lines().toList()) {
            if (line.startsWith("{\"" + firstField + "\"")) {
                records.add(strict.decode(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return records;
    }

    @Test
    void configurationKeysNamedInThePagesExist() throws IOException {
        JsonNode config =
                new ObjectMapper(new YAMLFactory())
                        .readTree(ROOT.resolve("config/scoring.yaml").toFile());
        List<String> unknown = new ArrayList<>();
        for (Path page : pages()) {
            for (String code : codeSpans(page)) {
                String key = code.split("[:= ]")[0];
                if (!CONFIG_KEY.matcher(key).matches()
                        || !config.has(key.split("\\.")[0])
                        || key.startsWith("state.backend.")
                        || key.matches(".*\\.(csv|json|yaml|md|svg|png)")) {
                    continue; // not a key of this file: Flink's state.backend.*, or a file name
                }
                JsonNode node = config;
                for (String part : key.split("\\.")) {
                    node = node == null ? null : node.get(part);
                }
                if (node == null) {
                    unknown.add(name(page) + ": " + key);
                }
            }
        }
        assertThat(unknown).isEmpty();
        String configurationPage = read(ROOT.resolve("docs/configuration.md"));
        config.fieldNames()
                .forEachRemaining(
                        section ->
                                assertThat(configurationPage)
                                        .as("docs/configuration.md names section %s", section)
                                        .contains("`" + section + "`"));
    }

    @Test
    void filesAndClassesNamedInThePagesExist() throws IOException {
        Set<String> classes = repositoryClassNames();
        List<String> missing = new ArrayList<>();
        for (Path page : pages()) {
            for (String code : codeSpans(page)) {
                String name = code.endsWith(".java") ? code.substring(0, code.length() - 5) : code;
                if (CLASS_NAME.matcher(name).matches()
                        && !classes.contains(name)
                        && !OTHER_PROJECTS_CLASSES.contains(name)) {
                    missing.add(name(page) + ": class " + name);
                }
                if (REPO_PATH.matcher(code).matches()
                        && !code.contains("...")
                        && !Files.exists(ROOT.resolve(code))) {
                    missing.add(name(page) + ": file " + code);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static List<Path> pages() {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub's anchors of a page's headings. */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new HashSet<>();
        Matcher m = HEADING.matcher(withoutCodeBlocks(read(page)));
        while (m.find()) {
            anchors.add(
                    m.group(1)
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .replaceAll("[^\\p{L}\\p{N}\\- _]", "")
                            .replace(' ', '-'));
        }
        return anchors;
    }

    private static Set<String> codeSpans(Path page) {
        Set<String> spans = new LinkedHashSet<>();
        Matcher m = CODE.matcher(withoutCodeBlocks(read(page)));
        while (m.find()) {
            spans.add(m.group(1).trim());
        }
        return spans;
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?ms)^```.*?^```", "");
    }

    /** Java classes and Avro records of the repository. */
    private static Set<String> repositoryClassNames() throws IOException {
        Pattern avroName = Pattern.compile("\"name\"\\s*:\\s*\"([A-Z]\\w+)\"");
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file :
                    (Iterable<Path>)
                            files.filter(Files::isRegularFile)
                                            .filter(
                                                    p ->
                                                            !p.toString().contains("/target/")
                                                                    && !p.toString()
                                                                            .contains("/.git/"))
                                    ::iterator) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".java")) {
                    names.add(fileName.substring(0, fileName.length() - 5));
                } else if (fileName.endsWith(".avsc")) {
                    avroName.matcher(read(file)).results().forEach(r -> names.add(r.group(1)));
                }
            }
        }
        return names;
    }

    private static String name(Path page) {
        return ROOT.relativize(page).toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
