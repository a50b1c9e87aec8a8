package io.pulse.local.bench;

import io.pulse.schema.EventType;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.schema.codec.PlainJsonCodec;

import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputFilesTest {
    private static final long DAY = 86_400_000L;
    private static final long START = 20_400 * DAY;

    @TempDir Path dir;

    @Test
    void aFoldersPartsAreReadInNameOrderWithoutHiddenFilesAndMarkers() throws Exception {
        Path parts = Files.createDirectory(dir.resolve("export"));
        Files.writeString(parts.resolve("part-10.jsonl"), json(event("e3", "s1", START + 3)));
        Files.writeString(parts.resolve("part-02.jsonl"), json(event("e1", "s1", START + 1)));
        Files.writeString(parts.resolve("_SUCCESS"), "");
        Files.writeString(parts.resolve(".part-02.jsonl.crc"), "x");

        InputFiles input = InputFiles.of(parts, null);

        assertThat(input.events())
                .extracting(p -> Path.of(p).getFileName().toString())
                .containsExactly("part-02.jsonl", "part-10.jsonl");
        assertThat(input.format()).isEqualTo(InputFiles.Format.JSON_LINES);
        assertThat(input.profiles()).isNull();
    }

    @Test
    void aSimulatorsHistoryFolderIsItsEventsAndProfiles() throws Exception {
        Files.writeString(dir.resolve("events.jsonl"), json(event("e1", "s1", START)));
        Files.writeString(dir.resolve("profiles.jsonl"), "");
        Files.writeString(dir.resolve("simulation.json"), "{}");

        InputFiles input = InputFiles.of(dir, null);

        assertThat(input.events()).singleElement().asString().endsWith("events.jsonl");
        assertThat(input.profiles()).endsWith("profiles.jsonl");
        assertThat(input.profilesFormat()).isEqualTo(InputFiles.Format.JSON_LINES);
    }

    @Test
    void jsonLinesAreHandedOnAsTheyAreWithoutBlankLines() throws Exception {
        SubscriberEvent e1 = event("e1", "s1", START);
        Files.writeString(dir.resolve("a.jsonl"), json(e1) + "\n   \n" + "not json\n");

        List<String> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(dir.resolve("a.jsonl"));
                InputFiles.Records reader =
                        InputFiles.records(
                                in, InputFiles.Format.JSON_LINES, SubscriberEvent.class)) {
            for (byte[] r = reader.next(); r != null; r = reader.next()) {
                records.add(new String(r, StandardCharsets.UTF_8));
            }
        }

        assertThat(records).containsExactly(json(e1).strip(), "not json");
    }

    @Test
    void avroRecordsBecomeTheTopicsAvroBinary() throws Exception {
        SubscriberEvent e1 = event("e1", "s1", START);
        SubscriberEvent e2 = event("e2", "s2", START + 5);
        Path file = dir.resolve("events.avro");
        try (DataFileWriter<SubscriberEvent> writer =
                new DataFileWriter<>(new SpecificDatumWriter<>(SubscriberEvent.class))) {
            writer.create(SubscriberEvent.getClassSchema(), file.toFile());
            writer.append(e1);
            writer.append(e2);
        }
        AvroBinaryCodec<SubscriberEvent> codec = new AvroBinaryCodec<>(SubscriberEvent.class);

        List<SubscriberEvent> decoded = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                InputFiles.Records reader =
                        InputFiles.records(in, InputFiles.Format.AVRO, SubscriberEvent.class)) {
            for (byte[] r = reader.next(); r != null; r = reader.next()) {
                decoded.add(codec.decode(r));
            }
        }

        assertThat(decoded).containsExactly(e1, e2);
    }

    @Test
    void whatCannotBeReadIsRefusedNamingIt() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path mixed = Files.createDirectory(dir.resolve("mixed"));
        Files.writeString(mixed.resolve("a.jsonl"), "");
        Files.writeString(mixed.resolve("b.avro"), "");
        Path csv = Files.writeString(dir.resolve("events.csv"), "");
        Path events = Files.writeString(dir.resolve("x.jsonl"), "");

        assertThatThrownBy(() -> InputFiles.of(dir.resolve("missing"), null))
                .hasMessageContaining("no such file or folder");
        assertThatThrownBy(() -> InputFiles.of(empty, null)).hasMessageContaining("no part files");
        assertThatThrownBy(() -> InputFiles.of(mixed, null)).hasMessageContaining("two formats");
        assertThatThrownBy(() -> InputFiles.of(csv, null))
                .hasMessageContaining("events.csv: not a known format");
        assertThatThrownBy(() -> InputFiles.of(events, dir.resolve("profiles.jsonl")))
                .hasMessageContaining("no such profiles file");
        assertThatThrownBy(
                        () ->
                                InputFiles.records(
                                        Files.newInputStream(events),
                                        InputFiles.Format.AVRO,
                                        SubscriberProfile.class))
                .hasMessageContaining("not an Avro container file of SubscriberProfile");
    }

    static SubscriberEvent event(String id, String subscriber, long time) {
        return SubscriberEvent.newBuilder()
                .setEventId(id)
                .setSubscriberId(subscriber)
                .setType(EventType.DATA_SESSION)
                .setEventTime(time)
                .setDataBytes(1000L)
                .build();
    }

    static String json(SubscriberEvent event) {
        return new String(
                        new PlainJsonCodec<>(SubscriberEvent.class).encode(event),
                        StandardCharsets.UTF_8)
                + "\n";
    }
}
