package io.pulse.simulator;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.history.HistoryFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes a simulated history to files, without Kafka: the profiles and {@code days} days of events
 * ({@link HistoryFiles}), the ground truth in {@code truth/} ({@link GroundTruthFiles}, with
 * {@value #OVERLAP_FILE}), and {@value #RUN_FILE} saying how the run was made. What {@code
 * bin/pulse-model} trains on and replays.
 */
public final class HistoryWriter {
    public static final String TRUTH_DIRECTORY = "truth";
    public static final String RUN_FILE = "simulation.json";

    /**
     * In the truth directory: how much the signs of leaving overlap with ordinary life in this run
     * ({@link SignOverlap}).
     */
    public static final String OVERLAP_FILE = "sign-overlap.md";

    /**
     * How a history was simulated, so that it can be made again.
     *
     * @param outagesPerMonth regional network outages a month; 0 (also in a file written before
     *     there were outages): none
     * @param keyAccountShare the share of lines of key accounts; 0 in a file written before there
     *     were accounts (the share was then {@value World#DEFAULT_KEY_ACCOUNT_SHARE}, in no
     *     account)
     * @param accountMovesPerMonth the share of key accounts that begin moving lines away in a month
     */
    public record Run(
            int subscribers,
            long seed,
            String start,
            int days,
            double monthlyChurn,
            double outagesPerMonth,
            double keyAccountShare,
            double accountMovesPerMonth,
            long events,
            int churners) {}

    private HistoryWriter() {}

    /**
     * Simulates the {@link World#DEFAULT default world} losing {@code monthlyChurn} a month and
     * writes; returns what was written.
     */
    public static Run write(
            Path directory,
            int subscribers,
            long seed,
            long start,
            int days,
            double monthlyChurn,
            HistoryFiles.Format format) {
        return write(
                directory,
                subscribers,
                seed,
                start,
                days,
                World.DEFAULT.withMonthlyChurn(monthlyChurn),
                format);
    }

    /** Simulates a world and writes; returns what was written. */
    public static Run write(
            Path directory,
            int subscribers,
            long seed,
            long start,
            int days,
            World world,
            HistoryFiles.Format format) {
        SubscriberSimulator simulator = new SubscriberSimulator(subscribers, seed, start, world);
        simulator.recordConditions();
        long events = 0;
        SignOverlap overlap = new SignOverlap(simulator.subscribers(), start, days);
        try (HistoryFiles.Writer history = HistoryFiles.create(directory, format);
                GroundTruthFiles truth =
                        GroundTruthFiles.create(
                                directory.resolve(TRUTH_DIRECTORY), simulator.subscribers())) {
            for (SubscriberProfile profile : simulator.profiles()) {
                history.profile(profile);
            }
            for (int hour = 0; hour < days * 24; hour++) {
                for (SubscriberEvent event : simulator.nextHour().events()) {
                    history.event(event);
                    overlap.accept(event);
                    events++;
                }
                List<ConditionWindow> conditions = simulator.drainConditions();
                conditions.forEach(overlap::accept);
                truth.append(conditions);
            }
        }
        long end = start + days * CalendarHour.DAY_MILLIS;
        int churners =
                (int) simulator.subscribers().stream().filter(s -> s.terminatedAt(end)).count();
        Run run =
                new Run(
                        subscribers,
                        seed,
                        Instant.ofEpochMilli(start).toString(),
                        days,
                        world.monthlyChurn(),
                        world.outagesPerMonth(),
                        world.keyAccountShare(),
                        world.accountMovesPerMonth(),
                        events,
                        churners);
        try {
            Files.writeString(
                    directory.resolve(TRUTH_DIRECTORY).resolve(OVERLAP_FILE), overlap.markdown());
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(directory.resolve(RUN_FILE).toFile(), run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run;
    }
}
