package io.pulse.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --config PATH}, the scoring configuration a tool runs the job's code with (a picocli
 * mixin).
 */
public final class ConfigOption {
    public static final String DEFAULT = "config/scoring.yaml";

    @Option(
            names = "--config",
            paramLabel = "PATH",
            defaultValue = DEFAULT,
            description = "the scoring configuration")
    private Path path;

    /**
     * The path as given: relative to the working directory unless the tool resolves it otherwise.
     */
    public Path path() {
        return path;
    }
}
