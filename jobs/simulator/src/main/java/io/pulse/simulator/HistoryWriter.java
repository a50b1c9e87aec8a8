package io.pulse.simulator;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.history.HistoryFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a simulated history to files, without Kafka: the profiles and {@code days} days of
 * events ({@link HistoryFiles}), the ground truth in {@code truth/} ({@link GroundTruthFiles}), and
 * {@value #RUN_FILE} saying how the run was made. What {@code bin/pulse-model} trains on and
 * replays.
 */
public final class HistoryWriter {
    public static final String TRUTH_DIRECTORY = "truth";
    public static final String RUN_FILE = "simulation.json";

    /** How a history was simulated, so that it can be made again. */
    public record Run(int subscribers, long seed, String start, int days, double monthlyChurn, long events,
                      int churners) {}

    private HistoryWriter() {}

    /** Simulates and writes; returns what was written. */
    public static Run write(Path directory, int subscribers, long seed, long start, int days, double monthlyChurn,
                            HistoryFiles.Format format) {
        SubscriberSimulator simulator = new SubscriberSimulator(subscribers, seed, start, monthlyChurn);
        simulator.recordConditions();
        long events = 0;
        try (HistoryFiles.Writer history = HistoryFiles.create(directory, format);
             GroundTruthFiles truth = GroundTruthFiles.create(directory.resolve(TRUTH_DIRECTORY), simulator.subscribers())) {
            for (SubscriberProfile profile : simulator.profiles()) {
                history.profile(profile);
            }
            for (int hour = 0; hour < days * 24; hour++) {
                for (SubscriberEvent event : simulator.nextHour().events()) {
                    history.event(event);
                    events++;
                }
                truth.append(simulator.drainConditions());
            }
        }
        long end = start + days * CalendarHour.DAY_MILLIS;
        int churners = (int) simulator.subscribers().stream().filter(s -> s.terminatedAt(end)).count();
        Run run = new Run(subscribers, seed, Instant.ofEpochMilli(start).toString(), days, monthlyChurn, events, churners);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve(RUN_FILE).toFile(), run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run;
    }
}
