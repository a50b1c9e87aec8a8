package io.pulse.local.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The soak run's result as a readable report and as a JSON file. */
final class SoakReport {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SoakReport() {}

    static void writeJson(SoakResult result, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), result);
    }

    static String text(SoakResult r, Path jsonFile) {
        StringBuilder s = new StringBuilder();
        String rule = "=".repeat(100);
        SoakResult.Settings set = r.settings();
        s.append(rule).append('\n');
        s.append(" Pulse soak run: ")
                .append(r.passed() ? "PASSED" : "FAILED")
                .append(r.warnings().isEmpty() ? "" : " (with warnings)")
                .append('\n');
        s.append(rule).append('\n');
        line(
                s,
                "Run",
                String.format(
                        "%s min at %,d events/s, %,d subscribers, checkpoints every %s s, parallelism %d",
                        number(set.minutes()),
                        set.eventsPerSecond(),
                        set.subscribers(),
                        number(set.checkpointIntervalSeconds()),
                        set.parallelism()));
        line(
                s,
                "",
                String.format(
                        "RocksDB, incremental checkpoints, %s sinks; started %s",
                        set.deliveryGuarantee(), r.startedAt()));
        line(
                s,
                "",
                String.format(
                        "simulated time %s .. %s (%d days of backfill; the simulator replays faster than real time)",
                        set.simulatedFrom(), set.simulatedTo(), set.backfillDays()));
        line(
                s,
                "",
                String.format(
                        "re-sent duplicate every %,d events, bad record every %,d events",
                        set.duplicateEvery(), set.malformedEvery()));

        SoakResult.Throughput t = r.throughput();
        s.append('\n');
        line(
                s,
                "Throughput",
                String.format(
                        "offered %,.0f events/s (%,d events acknowledged in %.1f s)",
                        t.offeredPerSecond(), t.eventsOffered(), t.loadSeconds()));
        line(
                s,
                "",
                String.format(
                        "read    %,.0f events/s during the load; per sample min %,.0f, p50 %,.0f, max %,.0f",
                        t.readPerSecond(),
                        t.readPerSecondSamples().min(),
                        t.readPerSecondSamples().p50(),
                        t.readPerSecondSamples().max()));

        SoakResult.Lag lag = r.lag();
        line(
                s,
                "Lag",
                String.format(
                        "when the simulator stopped: %,d events not yet read (%.1f s of input)",
                        lag.recordsBehindAtEnd(), lag.secondsBehindAtEnd()));
        line(
                s,
                "",
                String.format(
                        "watermark %s of simulated time behind the newest event sent (%.2f s of wall-clock time at the replay's speed)",
                        seconds(lag.eventTimeLagMsAtEnd()), lag.eventTimeLagWallSecondsAtEnd()));
        line(
                s,
                "",
                String.format(
                        "during the load: events not yet read p50 %,.0f, p90 %,.0f, max %,.0f; drained %.1f s after the stop",
                        lag.recordsBehind().p50(),
                        lag.recordsBehind().p90(),
                        lag.recordsBehind().max(),
                        lag.drainSeconds()));

        SoakResult.Machine m = r.machine();
        line(
                s,
                "CPU",
                String.format(
                        "%d cores; this JVM (broker, simulator, job) mean %s, max %s; whole machine mean %s, max %s",
                        m.cores(),
                        percent(m.processCpu().mean()),
                        percent(m.processCpu().max()),
                        percent(m.machineCpu().mean()),
                        percent(m.machineCpu().max())));

        CheckpointLog.Stats c = r.checkpoints();
        s.append('\n');
        line(s, "Checkpoints", String.format("%d completed, %d failed", c.completed(), c.failed()));
        line(
                s,
                "",
                String.format(
                        "duration (trigger to last acknowledgement) min %s, p50 %s, p90 %s, max %s, mean %s",
                        seconds(c.durationMs().min()),
                        seconds(c.durationMs().p50()),
                        seconds(c.durationMs().p90()),
                        seconds(c.durationMs().max()),
                        seconds(c.durationMs().mean())));
        line(
                s,
                "",
                String.format(
                        "checkpointed size (incremental) latest %s, p50 %s, max %s",
                        bytes(c.latestCheckpointedBytes()),
                        bytes(c.checkpointedBytes().p50()),
                        bytes(c.checkpointedBytes().max())));
        line(
                s,
                "",
                String.format(
                        "full state size latest %s, max %s",
                        bytes(c.latestStateBytes()), bytes(c.stateBytes().max())));

        s.append('\n');
        line(
                s,
                "Backpressure",
                "share of time per task during the load: max = any subtask in any sample, mean = all");
        s.append(
                String.format(
                        "   %-58s %16s %16s %6s%n", "task", "back-pressured", "busy", "idle"));
        s.append(String.format("   %-58s %16s %16s %6s%n", "", "max / mean", "max / mean", "mean"));
        for (BackpressureLog.TaskStats b : r.backpressure()) {
            s.append(
                    String.format(
                            "   %-58s %7s / %-6s %7s / %-6s %6s%n",
                            shorten(b.task(), 58),
                            ratio(b.backPressuredMax()),
                            ratio(b.backPressuredMean()),
                            ratio(b.busyMax()),
                            ratio(b.busyMean()),
                            ratio(b.idleMean())));
        }

        SoakResult.Counts n = r.counts();
        s.append('\n');
        line(
                s,
                "Counts",
                String.format(
                        "events acknowledged %,d = simulated %,d + re-sent duplicates %,d + bad records %,d; profiles %,d",
                        n.eventsAcknowledged(),
                        n.simulatedEvents(),
                        n.resentDuplicates(),
                        n.badRecords(),
                        n.profilesAcknowledged()));
        line(
                s,
                "",
                String.format(
                        "events read by the source %,d; into the scorer %,d",
                        n.eventsRead(), n.eventsIntoScorer()));
        line(
                s,
                "",
                String.format(
                        "dead letters %,d: from decoding %,d, from the scorer %,d, profiles %,d; by reason %s",
                        n.deadLettersCommitted(),
                        n.decodingDeadLetters(),
                        n.scorerDeadLetters(),
                        n.profileDeadLetters(),
                        reasons(n.deadLettersByReason())));
        line(
                s,
                "",
                String.format(
                        "committed output (read_committed): %,d scores, %,d alerts, %,d dead letters",
                        n.scoresCommitted(), n.alertsCommitted(), n.deadLettersCommitted()));

        s.append('\n');
        line(
                s,
                "Accounting",
                String.format(
                        "events in %,d = scored %,d + dead letters %,d + duplicates counted once %,d",
                        n.eventsAcknowledged(),
                        n.scored(),
                        n.decodingDeadLetters() + n.scorerDeadLetters(),
                        n.resentDuplicates()));
        for (SoakResult.CheckResult check : r.checks()) {
            s.append(
                    String.format(
                            "   [%s] %-52s expected %,d, got %,d%n",
                            check.passed() ? "ok" : "FAIL",
                            check.check(),
                            check.expected(),
                            check.actual()));
        }
        for (String warning : r.warnings()) {
            s.append("   [warning] ").append(warning).append('\n');
        }
        s.append('\n');
        line(s, "Result", jsonFile.toString());
        s.append(rule).append('\n');
        return s.toString();
    }

    private static void line(StringBuilder s, String label, String text) {
        s.append(String.format(" %-13s%s%n", label, text));
    }

    static String bytes(double bytes) {
        if (Double.isNaN(bytes)) {
            return "-";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024 * 1024));
    }

    static String seconds(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String reasons(Map<String, Long> byReason) {
        return byReason.isEmpty() ? "none" : byReason.toString();
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
