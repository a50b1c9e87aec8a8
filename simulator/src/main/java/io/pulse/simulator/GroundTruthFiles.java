package io.pulse.simulator;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's ground truth on disk, in a directory of its own: {@value #SUBSCRIBERS} (one {@link
 * SubscriberTruth} per line, written when the run starts) and {@value #CONDITIONS} (one {@link
 * ConditionWindow} per line, appended as the run reveals them). JSON lines, times in epoch
 * milliseconds; a condition still there when recorded has no {@code until}. A network outage is a
 * {@link Condition#NETWORK_OUTAGE} line for each subscriber it cut off, the only lines with a
 * {@code region} and an {@code outageId} ({@link #readOutages}).
 */
public final class GroundTruthFiles implements AutoCloseable {
    public static final String SUBSCRIBERS = "subscribers.jsonl";
    public static final String CONDITIONS = "conditions.jsonl";
    private static final ObjectMapper JSON =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private record ConditionLine(
            String subscriberId,
            Condition condition,
            long from,
            Long until,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonAlias("region") String scope,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonAlias("outageId") String caseId) {}

    private final BufferedWriter conditions;

    private GroundTruthFiles(BufferedWriter conditions) {
        this.conditions = conditions;
    }

    /**
     * Writes the subscribers' truth into {@code directory} (created if needed) and opens the
     * conditions file.
     */
    public static GroundTruthFiles create(Path directory, List<SimulatedSubscriber> subscribers) {
        try {
            Files.createDirectories(directory);
            try (BufferedWriter out =
                    Files.newBufferedWriter(
                            directory.resolve(SUBSCRIBERS), StandardCharsets.UTF_8)) {
                for (SimulatedSubscriber subscriber : subscribers) {
                    out.write(JSON.writeValueAsString(SubscriberTruth.of(subscriber)));
                    out.newLine();
                }
            }
            return new GroundTruthFiles(
                    Files.newBufferedWriter(directory.resolve(CONDITIONS), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the ground truth to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Appends conditions; {@link #flush()} makes them visible to readers. */
    public void append(List<ConditionWindow> windows) {
        try {
            for (ConditionWindow w : windows) {
                Long until = w.until() == ConditionWindow.OPEN ? null : w.until();
                conditions.write(
                        JSON.writeValueAsString(
                                new ConditionLine(
                                        w.subscriberId(),
                                        w.condition(),
                                        w.from(),
                                        until,
                                        w.scope(),
                                        w.caseId())));
                conditions.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() {
        try {
            conditions.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            conditions.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<SubscriberTruth> readSubscribers(Path directory) {
        return readLines(
                directory.resolve(SUBSCRIBERS),
                line -> JSON.readValue(line, SubscriberTruth.class));
    }

    public static List<ConditionWindow> readConditions(Path directory) {
        return readLines(
                directory.resolve(CONDITIONS),
                line -> {
                    ConditionLine c = JSON.readValue(line, ConditionLine.class);
                    return new ConditionWindow(
                            c.subscriberId(),
                            c.condition(),
                            c.from(),
                            c.until() == null ? ConditionWindow.OPEN : c.until(),
                            c.scope(),
                            c.caseId());
                });
    }

    /** The key accounts' moves of the conditions file, each with its account, span and lines. */
    public static List<AccountMove> readAccountMoves(Path directory) {
        return AccountMove.of(readConditions(directory));
    }

    /** The network outages of the conditions file, each with its region, span and subscribers. */
    public static List<NetworkOutage> readOutages(Path directory) {
        return NetworkOutage.of(readConditions(directory));
    }

    private interface LineParser<T> {
        T parse(String line) throws JsonProcessingException;
    }

    private static <T> List<T> readLines(Path file, LineParser<T> parser) {
        List<T> values = new ArrayList<>();
        int number = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (!line.isBlank()) {
                    values.add(parser.parse(line));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    file + " line " + number + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return values;
    }
}
