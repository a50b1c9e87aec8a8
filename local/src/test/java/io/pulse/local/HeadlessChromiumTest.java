package io.pulse.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The browser test finds Chromium or Chrome where people have it. */
class HeadlessChromiumTest {
    @TempDir Path dir;

    @Test
    void findsChromeWhereThereIsNoChromium() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path chrome = executable(bin.resolve("google-chrome"));
        assertThat(
                        HeadlessChromium.find(
                                Map.of("PATH", dir.resolve("empty") + File.pathSeparator + bin)))
                .contains(chrome);
    }

    @Test
    void prefersChromiumAndThenTheOrderOfItsNames() throws IOException {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        executable(first.resolve("google-chrome"));
        Path chromium = executable(second.resolve("chromium"));
        assertThat(HeadlessChromium.find(Map.of("PATH", first + File.pathSeparator + second)))
                .contains(chromium);
    }

    @Test
    void chromeBinWinsOverThePath() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        executable(bin.resolve("chromium"));
        Path own = executable(dir.resolve("my-chrome"));
        assertThat(
                        HeadlessChromium.find(
                                Map.of("PATH", bin.toString(), "CHROME_BIN", own.toString())))
                .contains(own);
    }

    @Test
    void aChromeBinThatIsNoExecutableIsSaidSo() throws IOException {
        Path notExecutable = Files.writeString(dir.resolve("chrome.txt"), "");
        assertThatThrownBy(
                        () -> HeadlessChromium.find(Map.of("CHROME_BIN", notExecutable.toString())))
                .hasMessageContaining("CHROME_BIN is " + notExecutable);
    }

    @Test
    void nothingFoundIsEmpty() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("chromium"), ""); // there, but not executable
        assertThat(HeadlessChromium.find(Map.of("PATH", bin.toString()))).isEmpty();
    }

    private static Path executable(Path path) throws IOException {
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
