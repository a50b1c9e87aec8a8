package io.pulse.local.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.pulse.scoring.TestEvents.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripts run once built, the way the documentation uses them: the packaged build of the
 * integration-test phase, {@code PULSE_SKIP_BUILD=1} so that the test does not build again.
 */
class BinScriptsITCase {

    /** pulse-simulate's main class lives in a module its own (local/) depends on. */
    @Test
    void pulseSimulateWritesAHistory(@TempDir Path out) throws Exception {
        Path log = out.resolve("simulate.log");
        ProcessBuilder simulate =
                new ProcessBuilder(
                                repoFile("bin/pulse-simulate").toString(),
                                "--out",
                                out.resolve("history").toString(),
                                "--subscribers",
                                "5",
                                "--days",
                                "2")
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        simulate.environment().put("PULSE_SKIP_BUILD", "1");
        Process process = simulate.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        assertThat(out.resolve("history/simulation.json")).exists();
        assertThat(Files.readString(log)).contains("Wrote ");
    }
}
