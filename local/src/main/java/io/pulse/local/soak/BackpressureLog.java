package io.pulse.local.soak;

import io.pulse.local.soak.JobProbe.TaskTimes;
import io.pulse.local.soak.JobProbe.Vertex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Backpressure and busyness of every task, sampled: between two samples, the share of a subtask's
 * time it spent back-pressured (waiting for output buffers), busy (processing) and idle (waiting
 * for input), from the accumulated times Flink keeps per subtask (the same clocks as the web UI's
 * backpressure tab and the {@code backPressuredTimeMsPerSecond} / {@code busyTimeMsPerSecond}
 * metrics, but exact over the interval instead of smoothed).
 */
final class BackpressureLog {

    /** Shares of an interval, each 0..1, adding up to 1. */
    record Ratios(double backPressured, double busy, double idle) {}

    /**
     * Per task over the run: the highest subtask's share in any interval, and the mean over
     * subtasks and intervals.
     */
    record TaskStats(
            String task,
            int samples,
            double backPressuredMax,
            double backPressuredMean,
            double busyMax,
            double busyMean,
            double idleMean) {}

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, List<TaskTimes>> previous = new LinkedHashMap<>();
    private final Map<String, List<List<Ratios>>> samples = new LinkedHashMap<>();
    private final Map<String, List<Ratios>> latest = new LinkedHashMap<>();

    /**
     * Shares of the time between two readings of one subtask; empty when no time passed (metrics
     * not refreshed yet).
     */
    static Optional<Ratios> between(TaskTimes before, TaskTimes after) {
        double busy = Math.max(0, after.busyMs() - before.busyMs());
        double idle = Math.max(0, after.idleMs() - before.idleMs());
        double backPressured = Math.max(0, after.backPressuredMs() - before.backPressuredMs());
        double total = busy + idle + backPressured;
        if (total <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Ratios(backPressured / total, busy / total, idle / total));
    }

    /** Forgets earlier readings: the next {@link #sample} only sets the starting point. */
    void restart() {
        previous.clear();
    }

    void sample(Vertex vertex, List<TaskTimes> now) {
        names.put(vertex.id(), vertex.name());
        List<TaskTimes> before = previous.put(vertex.id(), now);
        if (before == null || before.size() != now.size()) {
            return;
        }
        List<Ratios> interval = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            between(before.get(i), now.get(i)).ifPresent(interval::add);
        }
        if (!interval.isEmpty()) {
            samples.computeIfAbsent(vertex.id(), id -> new ArrayList<>()).add(interval);
            latest.put(vertex.id(), interval);
        }
    }

    /**
     * The latest interval in a few words: the highest back-pressured share of any subtask, and the
     * busiest task.
     */
    String latestSummary() {
        double backPressured = 0;
        double busy = 0;
        String busiest = "-";
        for (Map.Entry<String, List<Ratios>> task : latest.entrySet()) {
            for (Ratios r : task.getValue()) {
                backPressured = Math.max(backPressured, r.backPressured());
                if (r.busy() > busy) {
                    busy = r.busy();
                    busiest = names.get(task.getKey()).split(" -> ")[0];
                }
            }
        }
        return String.format(
                Locale.ROOT,
                "backpressure max %.2f, busiest %s %.2f",
                backPressured,
                busiest,
                busy);
    }

    List<TaskStats> stats() {
        List<TaskStats> stats = new ArrayList<>();
        for (Map.Entry<String, String> task : names.entrySet()) {
            List<List<Ratios>> intervals = samples.getOrDefault(task.getKey(), List.of());
            List<Ratios> all = intervals.stream().flatMap(List::stream).toList();
            stats.add(
                    new TaskStats(
                            task.getValue(),
                            intervals.size(),
                            all.stream()
                                    .mapToDouble(Ratios::backPressured)
                                    .max()
                                    .orElse(Double.NaN),
                            all.stream()
                                    .mapToDouble(Ratios::backPressured)
                                    .average()
                                    .orElse(Double.NaN),
                            all.stream().mapToDouble(Ratios::busy).max().orElse(Double.NaN),
                            all.stream().mapToDouble(Ratios::busy).average().orElse(Double.NaN),
                            all.stream().mapToDouble(Ratios::idle).average().orElse(Double.NaN)));
        }
        return stats;
    }
}
