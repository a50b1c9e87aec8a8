package io.pulse.scoring;

import io.pulse.scoring.config.ConfigException;
import io.pulse.scoring.model.ModelFileException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.pulse.scoring.TestEvents.repoFile;
import static io.pulse.scoring.TestEvents.shippedConfigText;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job's entry point refuses a bad configuration before it builds anything: the operator
 * sees the problem in the submission's error, and no job ever scores with defaults.
 */
class PulseJobTest {

    @TempDir
    Path dir;

    @Test
    void aMissingKeyStopsTheJobAtStart() throws IOException {
        Path config = write(shippedConfigText().replace("  alert-threshold: 0.5\n", ""));
        assertThatThrownBy(() -> start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessage(config + ": missing key 'churn.alert-threshold'");
    }

    @Test
    void aWeightOutOfRangeStopsTheJobAtStart() throws IOException {
        Path config = write(shippedConfigText().replace("{weight: 0.92,", "{weight: -0.92,"));
        assertThatThrownBy(() -> start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("churn.consumption.services.long-distance-minutes.weight is -0.92, must be between");
    }

    @Test
    void anUnreadableModelFileStopsTheJobAtStart() throws IOException {
        Files.write(dir.resolve("garbage.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01});
        Path config = dir.resolve("scoring.yaml");
        Files.writeString(config, shippedConfigText().replace("model-file: models/churn-1.json", "model-file: garbage.json"));
        assertThatThrownBy(() -> start(config))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("cannot read churn model file " + dir.resolve("garbage.json"));
    }

    @Test
    void aConfigurationThatCannotBeReadStopsTheJobAtStart() {
        assertThatThrownBy(() -> start(dir.resolve("missing.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.yaml");
    }

    @Test
    void noBrokerAddressStopsTheJobAtStart() {
        assertThatThrownBy(() -> PulseJob.main(new String[] {"--config", repoFile("config/scoring.yaml").toString()}))
                .hasMessage("missing --bootstrap-servers (or environment variable PULSE_BOOTSTRAP_SERVERS)");
    }

    /** A configuration in the temporary directory, its model file still the shipped one. */
    private Path write(String yaml) throws IOException {
        Path config = dir.resolve("scoring.yaml");
        Files.writeString(config, yaml.replace("model-file: models/churn-1.json",
                "model-file: " + repoFile("config/models/churn-1.json")));
        return config;
    }

    private static void start(Path config) throws Exception {
        PulseJob.main(new String[] {"--bootstrap-servers", "localhost:1", "--config", config.toString()});
    }
}
