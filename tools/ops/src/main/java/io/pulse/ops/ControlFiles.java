package io.pulse.ops;

import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.control.ControlArtifact;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.model.ModelArtifacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A configuration or model file as a version to publish: its slot, its own version and its content,
 * checked here as the job checks its files at start, so that a file the job would refuse for itself
 * is reported before anything is published.
 */
public final class ControlFiles {
    private ControlFiles() {}

    /**
     * The file as the version of {@code slot}: a scoring configuration for {@link
     * ControlSlot#CONFIG} (its {@code version:} key), a churn model file for the champion and the
     * challenger (its {@code version} field).
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static ControlArtifact read(ControlSlot slot, Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.UTF_8);
        String version;
        try {
            version =
                    slot == ControlSlot.CONFIG
                            ? ScoringConfig.parse(text, base(file)).version()
                            : ModelArtifacts.parse(text, "churn model file " + file).version();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    (slot == ControlSlot.CONFIG ? file + ": " : "")
                            + e.getMessage()
                            + "; nothing published",
                    e);
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException(file + " has no version; nothing published");
        }
        if (slot == ControlSlot.CHALLENGER && version.equals(LiveVersions.NO_CHALLENGER)) {
            throw new IllegalArgumentException(
                    file
                            + " is version '"
                            + LiveVersions.NO_CHALLENGER
                            + "', which retires the challenger (--retire-challenger); nothing published");
        }
        return ControlArtifact.of(slot, version, content);
    }

    private static Path base(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of("");
    }
}
