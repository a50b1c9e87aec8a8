package io.pulse.scoring;

import org.apache.flink.util.ParameterTool;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.pulse.scoring.TestEvents.repoFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job's arguments: known ones set what they say, an unknown one stops the job with its name.
 */
class PulseSettingsTest {
    private static PulseSettings settings(String... args) {
        return PulseSettings.from(ParameterTool.fromArgs(args), Map.of());
    }

    @Test
    void aMisspeltArgumentIsRefusedByNameInsteadOfFallingBackToTheDefault() {
        assertThatThrownBy(
                        () ->
                                settings(
                                        "--bootstrap-servers",
                                        "b:9092",
                                        "--events-topics",
                                        "my-events"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown argument --events-topics\n")
                .hasMessageContaining("--events-topic ");
    }

    @Test
    void knownArgumentsAndKafkaPropertiesAreTaken() {
        PulseSettings settings =
                settings(
                        "--bootstrap-servers",
                        "b:9092",
                        "--events-topic",
                        "my-events",
                        "--kafka.security.protocol",
                        "SSL");
        assertThat(settings.eventsTopic()).isEqualTo("my-events");
        assertThat(settings.kafka().properties()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void theUsageListsEveryArgument() {
        assertThat(PulseSettings.usage())
                .contains(
                        PulseSettings.OPTIONS.keySet().stream().map(o -> "--" + o + " ").toList());
    }

    /** docs/configuration.md lists the job's arguments: exactly those the job takes. */
    @Test
    void theConfigurationPageNamesEveryArgumentAndNoOther() throws IOException {
        String page = Files.readString(repoFile("docs/configuration.md"));
        String jobArguments =
                page.substring(
                        page.indexOf("**Kafka and topics**"), page.indexOf("**Flink runtime**"));
        Matcher m = Pattern.compile("`--([a-z][a-z-]*(?:\\.<property>)?)").matcher(jobArguments);
        Set<String> documented = new TreeSet<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> options = new TreeSet<>(PulseSettings.OPTIONS.keySet());
        assertThat(documented).isEqualTo(options);
    }
}
