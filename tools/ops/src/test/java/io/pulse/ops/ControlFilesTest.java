package io.pulse.ops;

import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.control.ControlArtifact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A file as the version to publish: its slot and own version, checked before publishing. */
class ControlFilesTest {
    static final Path CONFIG = TestEvents.repoFile("config/scoring.yaml");
    static final Path MODEL = TestEvents.repoFile("config/models/churn-sim.json");

    @TempDir Path dir;

    @Test
    void aConfigurationIsTheVersionOfItsVersionKeyWithItsBytes() throws IOException {
        ControlArtifact artifact = ControlFiles.read(ControlSlot.CONFIG, CONFIG);

        assertThat(artifact.describe()).isEqualTo("CONFIG 2026.12-1");
        assertThat(artifact.content()).isEqualTo(Files.readAllBytes(CONFIG));
        assertThat(artifact.sha256()).hasSize(64);
    }

    @Test
    void aModelIsTheVersionOfItsVersionFieldInEitherModelSlot() throws IOException {
        assertThat(ControlFiles.read(ControlSlot.CHAMPION, MODEL).describe())
                .isEqualTo("CHAMPION sim-2026.12-2");
        assertThat(ControlFiles.read(ControlSlot.CHALLENGER, MODEL).describe())
                .isEqualTo("CHALLENGER sim-2026.12-2");
    }

    @Test
    void aConfigurationWithAKeyOutOfRangeIsRefusedNamingTheFileAndTheKey() throws IOException {
        Path bad = write("bad.yaml", shipped().replace("churn-change: 0.001", "churn-change: -1"));

        assertThatThrownBy(() -> ControlFiles.read(ControlSlot.CONFIG, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(bad + ": ")
                .hasMessageContaining("churn-change")
                .hasMessageEndingWith("; nothing published");
    }

    @Test
    void theWrongKindOfFileForTheSlotIsRefused() {
        assertThatThrownBy(() -> ControlFiles.read(ControlSlot.CHAMPION, CONFIG))
                .hasMessageContaining("churn model file " + CONFIG)
                .hasMessageEndingWith("; nothing published");
        assertThatThrownBy(() -> ControlFiles.read(ControlSlot.CONFIG, MODEL))
                .hasMessageStartingWith(MODEL + ": ");
    }

    @Test
    void aChallengerModelOfVersionNoneIsRefusedAsItWouldReadAsARetirement() throws IOException {
        String model = Files.readString(MODEL);
        assertThat(model).contains("\"version\" : \"sim-2026.12-2\"");
        Path none =
                write(
                        "none.json",
                        model.replace("\"version\" : \"sim-2026.12-2\"", "\"version\" : \"none\""));

        assertThat(ControlFiles.read(ControlSlot.CHAMPION, none).version()).isEqualTo("none");
        assertThatThrownBy(() -> ControlFiles.read(ControlSlot.CHALLENGER, none))
                .hasMessageContaining("--retire-challenger");
    }

    static String shipped() throws IOException {
        String text = Files.readString(CONFIG);
        assertThat(text).contains("churn-change: 0.001");
        return text;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
