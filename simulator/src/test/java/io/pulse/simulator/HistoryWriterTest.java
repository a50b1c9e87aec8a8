package io.pulse.simulator;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.history.HistoryFiles;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryWriterTest {

    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final int DAYS = 20;

    @ParameterizedTest
    @EnumSource(HistoryFiles.Format.class)
    void writesTheSimulatorsProfilesEventsAndGroundTruthReadableAgain(
            HistoryFiles.Format format, @TempDir Path dir) {
        HistoryWriter.Run run = HistoryWriter.write(dir, 150, 5, START, DAYS, 0.2, format);

        SubscriberSimulator same = new SubscriberSimulator(150, 5, START, 0.2);
        same.recordConditions();
        List<SubscriberEvent> expected = new ArrayList<>();
        List<ConditionWindow> conditions = new ArrayList<>(same.drainConditions());
        for (int hour = 0; hour < DAYS * 24; hour++) {
            expected.addAll(same.nextHour().events());
            conditions.addAll(same.drainConditions());
        }
        List<SubscriberEvent> read = new ArrayList<>();
        try (HistoryFiles.Records<SubscriberEvent> events = HistoryFiles.readEvents(dir)) {
            events.forEachRemaining(read::add);
        }

        assertThat(HistoryFiles.formatOf(dir)).isEqualTo(format);
        assertThat(HistoryFiles.readProfiles(dir)).isEqualTo(same.profiles());
        assertThat(read).isEqualTo(expected);
        assertThat(run.events()).isEqualTo(expected.size());
        assertThat(HistoryFiles.countEvents(dir)).isEqualTo(expected.size());
        assertThat(run.churners()).isPositive();
        Path truth = dir.resolve(HistoryWriter.TRUTH_DIRECTORY);
        assertThat(GroundTruthFiles.readSubscribers(truth))
                .isEqualTo(same.subscribers().stream().map(SubscriberTruth::of).toList());
        assertThat(GroundTruthFiles.readConditions(truth)).isEqualTo(conditions).isNotEmpty();
        assertThat(truth.resolve(HistoryWriter.OVERLAP_FILE))
                .content()
                .contains("| steady, stayed |");
        assertThat(dir.resolve(HistoryWriter.RUN_FILE)).content().contains("\"seed\" : 5");
    }

    @ParameterizedTest
    @EnumSource(HistoryFiles.Format.class)
    void aBrokenRecordIsReportedWithItsFile(HistoryFiles.Format format, @TempDir Path dir)
            throws Exception {
        HistoryWriter.write(dir, 5, 5, START, 1, 0.02, format);
        Path events = dir.resolve(format.fileName(HistoryFiles.EVENTS));
        if (format == HistoryFiles.Format.JSON) {
            Files.writeString(events, Files.readString(events) + "{\"eventId\": 7}\n");
        } else {
            byte[] bytes = Files.readAllBytes(events);
            Files.write(events, Arrays.copyOf(bytes, bytes.length / 2));
        }

        assertThatThrownBy(
                        () -> {
                            try (HistoryFiles.Records<SubscriberEvent> records =
                                    HistoryFiles.readEvents(dir)) {
                                records.forEachRemaining(e -> {});
                            }
                        })
                .hasMessageContaining(events.toString());
    }
}
