package io.pulse.local.bench;

import io.pulse.schema.DeadLetter;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.kafka.DecodingDeserializer;
import io.pulse.scoring.validation.EventValidator;
import io.pulse.scoring.validation.ProfileValidator;
import io.pulse.scoring.validation.RecordValidator;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What an {@code --input} holds, read once before the runs through the job's own deserializer:
 * records, the events among them that decode and validate, their subscribers and days, and the dead
 * letters by reason with the first one's detail, so that a file with format errors cannot pass for
 * a fast run. The runs take every record, dead letters included, as the job would.
 *
 * @param records every record of the event files
 * @param events the records that decode and validate: what reaches the scorer
 * @param firstDay the first UTC day of an event, null with none
 * @param days the days from the first to the last, both included
 * @param deadLetters the other records by reason (UNREADABLE, INVALID)
 * @param firstDetails the detail of each reason's first dead letter, with its file and record
 * @param profiles the profiles that decode and validate, read alongside the events
 */
record InputSummary(
        String path,
        String format,
        int files,
        long bytes,
        long records,
        long events,
        long subscribers,
        String firstDay,
        String lastDay,
        int days,
        Map<String, Long> deadLetters,
        Map<String, String> firstDetails,
        String profilesFile,
        long profiles,
        Map<String, Long> profileDeadLetters) {

    /** The summary of {@code input}, and its valid profiles into {@code profilesOut}. */
    static InputSummary read(InputFiles input, List<SubscriberProfile> profilesOut) {
        Counts<SubscriberEvent> events =
                new Counts<>(SubscriberEvent.class, input.format(), new EventValidator());
        long bytes = 0;
        Set<String> subscribers = new HashSet<>();
        int[] range = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (String file : input.events()) {
            bytes += size(file);
            events.read(
                    file,
                    event -> {
                        subscribers.add(event.getSubscriberId());
                        int day = (int) Math.floorDiv(event.getEventTime(), 86_400_000L);
                        range[0] = Math.min(range[0], day);
                        range[1] = Math.max(range[1], day);
                    });
        }
        Counts<SubscriberProfile> profiles = null;
        if (input.profiles() != null) {
            profiles =
                    new Counts<>(
                            SubscriberProfile.class,
                            input.profilesFormat(),
                            new ProfileValidator());
            profiles.read(input.profiles(), profilesOut::add);
        }
        boolean any = events.valid > 0;
        return new InputSummary(
                input.path(),
                input.format().description,
                input.events().size(),
                bytes,
                events.records,
                events.valid,
                subscribers.size(),
                any ? LocalDate.ofEpochDay(range[0]).toString() : null,
                any ? LocalDate.ofEpochDay(range[1]).toString() : null,
                any ? range[1] - range[0] + 1 : 0,
                events.deadLetters,
                events.firstDetails,
                input.profiles(),
                profiles == null ? 0 : profiles.valid,
                profiles == null ? Map.of() : profiles.deadLetters);
    }

    /** The dead letters of the event files, all reasons. */
    long deadLetterCount() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long size(String file) {
        try {
            return Files.size(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The records of some files decoded by the job's deserializer, counted. */
    private static final class Counts<T extends SpecificRecord> {
        private final Class<T> type;
        private final InputFiles.Format format;
        private final DecodingDeserializer<T> deserializer;
        private final Map<String, Long> deadLetters = new TreeMap<>();
        private final Map<String, String> firstDetails = new TreeMap<>();
        private long records;
        private long valid;

        Counts(Class<T> type, InputFiles.Format format, RecordValidator<T> validator) {
            this.type = type;
            this.format = format;
            this.deserializer = new DecodingDeserializer<>(type, format.wire, validator);
        }

        void read(String file, Consumer<T> onValid) {
            List<Decoded<T>> decoded = new ArrayList<>(1);
            Collector<Decoded<T>> out =
                    new Collector<>() {
                        @Override
                        public void collect(Decoded<T> record) {
                            decoded.add(record);
                        }

                        @Override
                        public void close() {}
                    };
            try (InputStream in = Files.newInputStream(Path.of(file));
                    InputFiles.Records reader = InputFiles.records(in, format, type)) {
                long offset = 0;
                for (byte[] value = reader.next(); value != null; value = reader.next()) {
                    decoded.clear();
                    deserializer.deserialize(InputFiles.consumerRecord(file, offset, value), out);
                    records++;
                    for (Decoded<T> d : decoded) {
                        if (d.value != null) {
                            valid++;
                            onValid.accept(d.value);
                        } else {
                            count(d.deadLetter, file, offset);
                        }
                    }
                    offset++;
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(
                        "cannot read " + file + " after " + records + " records: " + e.getMessage(),
                        e);
            }
        }

        private void count(DeadLetter deadLetter, String file, long offset) {
            String reason = deadLetter.getReason();
            if (deadLetters.merge(reason, 1L, Long::sum) == 1L) {
                firstDetails.put(
                        reason,
                        Path.of(file).getFileName()
                                + " record "
                                + (offset + 1)
                                + ": "
                                + deadLetter.getDetail());
            }
        }
    }
}
