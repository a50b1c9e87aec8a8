package io.pulse.local.bench;

import io.pulse.schema.SubscriberProfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.pulse.local.bench.InputFilesTest.event;
import static io.pulse.local.bench.InputFilesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

class InputSummaryTest {
    private static final long DAY = 86_400_000L;
    private static final long START = 20_400 * DAY;

    @TempDir Path dir;

    @Test
    void countsEventsSubscribersDaysAndDeadLettersByReasonWithTheFirstOnesDetail()
            throws Exception {
        Path parts = Files.createDirectory(dir.resolve("export"));
        Files.writeString(
                parts.resolve("part-0.jsonl"),
                json(event("e1", "s1", START))
                        + json(event("e2", "s2", START + DAY))
                        + "{\"eventId\": \n");
        Files.writeString(
                parts.resolve("part-1.jsonl"),
                json(event("e3", "s1", START + 2 * DAY + 5))
                        + json(event("e4", "s3", 5)) // 1970: no event of this century
                        + "[1, 2]\n");

        List<SubscriberProfile> profiles = new ArrayList<>();
        InputSummary summary = InputSummary.read(InputFiles.of(parts, null), profiles);

        assertThat(summary.files()).isEqualTo(2);
        assertThat(summary.records()).isEqualTo(6);
        assertThat(summary.events()).isEqualTo(3);
        assertThat(summary.subscribers()).isEqualTo(2);
        assertThat(summary.days()).isEqualTo(3);
        assertThat(summary.firstDay()).isEqualTo("2025-11-08");
        assertThat(summary.lastDay()).isEqualTo("2025-11-10");
        assertThat(summary.deadLetters())
                .containsEntry("UNREADABLE", 2L)
                .containsEntry("INVALID", 1L);
        assertThat(summary.deadLetterCount()).isEqualTo(3);
        assertThat(summary.firstDetails().get("UNREADABLE")).startsWith("part-0.jsonl record 3: ");
        assertThat(summary.firstDetails().get("INVALID"))
                .startsWith("part-1.jsonl record 2: ")
                .contains("before 2000-01-01");
        assertThat(summary.bytes())
                .isEqualTo(
                        Files.size(parts.resolve("part-0.jsonl"))
                                + Files.size(parts.resolve("part-1.jsonl")));
        assertThat(profiles).isEmpty();
    }

    @Test
    void anEmptyInputHasNoDays() throws Exception {
        Path file = Files.writeString(dir.resolve("events.jsonl"), "\n");

        InputSummary summary = InputSummary.read(InputFiles.of(file, null), new ArrayList<>());

        assertThat(summary.records()).isZero();
        assertThat(summary.days()).isZero();
        assertThat(summary.firstDay()).isNull();
    }
}
