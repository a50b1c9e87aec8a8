package io.pulse.local.bench;

import io.pulse.cli.ToolRun;
import io.pulse.schema.history.HistoryFiles;
import io.pulse.simulator.HistoryWriter;
import io.pulse.simulator.World;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/pulse-bench --input} on a simulated history: one JSON-lines file with its profiles,
 * and the same events as a folder of parts with a marker file, two bad records and the parts
 * written last first. Both pipelines run on a MiniCluster; the results file says what was read.
 */
class BenchmarkInputITCase {
    private static final int SUBSCRIBERS = 300;
    private static final int DAYS = 4;

    @TempDir static Path dir;

    private static Path history;
    private static List<String> lines;

    @BeforeAll
    static void simulate() throws IOException {
        history = dir.resolve("history");
        long start = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS + 1).toEpochDay() * 86_400_000L;
        HistoryWriter.write(
                history, SUBSCRIBERS, 7, start, DAYS, World.DEFAULT, HistoryFiles.Format.JSON);
        lines = Files.readAllLines(history.resolve("events.jsonl"));
    }

    @Test
    void aJsonLinesFileIsReadWholeByBothPipelines() throws Exception {
        JsonNode result =
                bench(
                        "--input",
                        history.resolve("events.jsonl").toString(),
                        "--input-profiles",
                        history.resolve("profiles.jsonl").toString());

        JsonNode input = result.path("input");
        assertThat(input.path("files").asInt()).isEqualTo(1);
        assertThat(input.path("records").asLong()).isEqualTo(lines.size());
        assertThat(input.path("events").asLong()).isEqualTo(lines.size());
        assertThat(input.path("subscribers").asLong()).isEqualTo(subscribersWithEvents());
        assertThat(input.path("days").asInt()).isEqualTo(DAYS);
        assertThat(input.path("deadLetters").size()).isZero();
        assertThat(input.path("profiles").asLong()).isEqualTo(SUBSCRIBERS);
        assertEveryRecordTimedAndNothingLate(result, lines.size());
    }

    @Test
    void aFolderOfPartsIsReadInNameOrderWithItsDeadLettersCounted() throws Exception {
        Path parts = Files.createDirectory(dir.resolve("parts"));
        int third = lines.size() / 3;
        List<List<String>> split =
                new ArrayList<>(
                        List.of(
                                new ArrayList<>(lines.subList(0, third)),
                                new ArrayList<>(lines.subList(third, 2 * third)),
                                new ArrayList<>(lines.subList(2 * third, lines.size()))));
        split.get(1).add(10, "{\"eventId\": \"cut off");
        split.get(2).add(5, lines.get(0).replaceFirst("\"eventTime\":\\s*\\d+", "\"eventTime\":5"));
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
        Collections.reverse(order); // written last first: the name, not the file system, orders
        for (int part : order) {
            Files.write(parts.resolve("part-" + part + ".jsonl"), split.get(part));
        }
        Files.writeString(parts.resolve("_SUCCESS"), "");

        JsonNode result = bench("--input", parts.toString());

        JsonNode input = result.path("input");
        assertThat(input.path("files").asInt()).isEqualTo(3);
        assertThat(input.path("records").asLong()).isEqualTo(lines.size() + 2);
        assertThat(input.path("events").asLong()).isEqualTo(lines.size());
        assertThat(input.path("deadLetters").path("UNREADABLE").asLong()).isEqualTo(1);
        assertThat(input.path("deadLetters").path("INVALID").asLong()).isEqualTo(1);
        assertThat(input.path("firstDetails").path("UNREADABLE").asText())
                .startsWith("part-1.jsonl record 11: ");
        assertThat(input.path("profilesFile").isNull()).isTrue();
        assertEveryRecordTimedAndNothingLate(result, lines.size() + 2);
    }

    /** Out of order, the later parts first, the earlier days would be days late: LATE. */
    private static void assertEveryRecordTimedAndNothingLate(JsonNode result, long records) {
        assertThat(result.path("failures").size()).isZero();
        JsonNode floorFull = result.path("floorFull");
        assertThat(floorFull.path("floor").path("events").asLong()).isEqualTo(records);
        assertThat(floorFull.path("full").path("events").asLong()).isEqualTo(records);
        assertThat(floorFull.path("full").path("eventsPerSecond").asDouble()).isPositive();
        assertThat(floorFull.path("full").path("setAside").path("LATE").asLong()).isZero();
        assertThat(floorFull.path("full").path("setAside").path("DUPLICATE").asLong()).isZero();
        assertThat(result.path("targets"))
                .allSatisfy(
                        t ->
                                assertThat(t.path("status").asText())
                                        .isEqualTo(
                                                "not measured: --input is not the benchmark's stream"));
    }

    private static long subscribersWithEvents() throws IOException {
        try (HistoryFiles.Records<io.pulse.schema.SubscriberEvent> events =
                HistoryFiles.readEvents(history)) {
            java.util.Set<String> ids = new java.util.HashSet<>();
            events.forEachRemaining(e -> ids.add(e.getSubscriberId()));
            return ids.size();
        }
    }

    private static JsonNode bench(String... input) throws IOException {
        Path out = Files.createTempDirectory(dir, "out");
        List<String> args = new ArrayList<>(List.of(input));
        args.addAll(List.of("--output", out.toString()));
        ToolRun run = ToolRun.of(new Benchmark(), args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            Path json =
                    files.filter(f -> f.getFileName().toString().endsWith(".json"))
                            .findFirst()
                            .orElseThrow();
            return new ObjectMapper().readTree(json.toFile());
        }
    }
}
