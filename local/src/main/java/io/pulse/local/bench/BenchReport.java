package io.pulse.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of a benchmark run as tables, for the console and as Markdown in the form of
 * docs/benchmark.md, and as JSON.
 */
final class BenchReport {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {}

    static void writeJson(BenchResult result, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), result);
    }

    /** One titled table per part that ran, then the targets. */
    record Section(String title, Table table) {}

    static String text(BenchResult result) {
        StringBuilder s = new StringBuilder(header(result)).append("\n\n");
        for (Section section : sections(result)) {
            s.append(section.title()).append('\n').append(section.table().text()).append('\n');
        }
        for (String warning : result.warnings()) {
            s.append("WARNING ").append(warning).append('\n');
        }
        return s.toString();
    }

    static String markdown(BenchResult result) {
        StringBuilder s = new StringBuilder(header(result)).append("\n\n");
        for (Section section : sections(result)) {
            s.append(section.title())
                    .append(":\n\n")
                    .append(section.table().markdown())
                    .append('\n');
        }
        for (String warning : result.warnings()) {
            s.append("Warning: ").append(warning).append("\n\n");
        }
        return s.toString();
    }

    static String header(BenchResult result) {
        MachineInfo m = result.machine();
        return String.format(
                Locale.ROOT,
                "Pulse benchmark of %s: %d cores%s, Java %s, heap %s; parallelism 1, %s, "
                        + "managed memory %s, incremental checkpoints",
                result.startedAt(),
                m.cores(),
                m.cpuModel() == null ? "" : " (" + m.cpuModel() + ")",
                m.java(),
                bytes(m.maxHeapBytes()),
                backend(result.settings().stateBackend()),
                bytes(result.settings().managedMemoryBytes()));
    }

    static List<Section> sections(BenchResult result) {
        List<Section> sections = new ArrayList<>();
        BenchResult.Settings settings = result.settings();
        if (result.input() != null) {
            sections.add(input(result.input(), result.floorFull()));
        }
        if (result.floorFull() != null || result.kafka() != null) {
            sections.add(throughput(result));
        }
        if (result.state() != null) {
            sections.add(state(result.state(), settings));
        }
        if (result.latency() != null) {
            sections.add(latency(result.latency()));
        }
        if (result.incidents() != null) {
            sections.add(incidents(result.incidents()));
        }
        if (result.scale() != null) {
            sections.add(scale(result.scale()));
        }
        Table targets = new Table("target", "goal", "measured", "").left(3);
        for (BenchResult.Target target : result.targets()) {
            targets.row(target.name(), target.goal(), measured(target), target.status());
        }
        sections.add(new Section("Targets", targets));
        return sections;
    }

    private static Section throughput(BenchResult result) {
        BenchResult.FloorFull ff = result.floorFull();
        KafkaThroughput.Result kafka = result.kafka();
        BenchResult.Settings settings = result.settings();
        Table table;
        if (ff != null && kafka != null) {
            table =
                    new Table(
                                    "",
                                    "floor",
                                    "full, " + backend(settings.stateBackend()),
                                    "through Kafka, exactly-once")
                            .row(
                                    "events/s",
                                    integer(ff.floor().eventsPerSecond()),
                                    integer(ff.full().eventsPerSecond()),
                                    integer(kafka.eventsPerSecond()))
                            .row(
                                    "events per CPU-second",
                                    integer(ff.floor().eventsPerCpuSecond()),
                                    integer(ff.full().eventsPerCpuSecond()),
                                    integer(kafka.eventsPerCpuSecond()))
                            .row("full / floor", "", ratio(ff.fullToFloor()), "");
        } else if (ff != null) {
            table =
                    new Table("", "floor", "full, " + backend(settings.stateBackend()))
                            .row(
                                    "events/s",
                                    integer(ff.floor().eventsPerSecond()),
                                    integer(ff.full().eventsPerSecond()))
                            .row(
                                    "events per CPU-second",
                                    integer(ff.floor().eventsPerCpuSecond()),
                                    integer(ff.full().eventsPerCpuSecond()))
                            .row("full / floor", "", ratio(ff.fullToFloor()));
        } else {
            table =
                    new Table("", "through Kafka, exactly-once")
                            .row("events/s", integer(kafka.eventsPerSecond()))
                            .row("events per CPU-second", integer(kafka.eventsPerCpuSecond()));
        }
        int subscribers = ff != null ? ff.subscribers() : settings.subscribers();
        long events = ff != null ? ff.events() : kafka.events();
        String title =
                String.format(
                        Locale.ROOT,
                        "Throughput, %s subscribers over %d days (%s events), checkpoints every %s",
                        integer(subscribers),
                        ff != null ? ff.days() : settings.days(),
                        integer(events),
                        millis(settings.checkpointIntervalMs()));
        return new Section(title, table);
    }

    /** One line on what an {@code --input} holds, for the console before the runs. */
    static String inputLine(InputSummary input) {
        return String.format(
                Locale.ROOT,
                "input: %s records in %d %s (%s), %s events of %s subscribers over %d days, %s dead letters%s",
                integer(input.records()),
                input.files(),
                input.files() == 1 ? "file" : "files",
                input.format(),
                integer(input.events()),
                integer(input.subscribers()),
                input.days(),
                integer(input.deadLetterCount()),
                input.profilesFile() == null ? "" : ", " + integer(input.profiles()) + " profiles");
    }

    private static Section input(InputSummary input, BenchResult.FloorFull floorFull) {
        Table table =
                new Table("", "count", "")
                        .left(2)
                        .row("records", integer(input.records()), "")
                        .row("events (decoded and valid)", integer(input.events()), "")
                        .row("subscribers", integer(input.subscribers()), "")
                        .row(
                                "days",
                                Integer.toString(input.days()),
                                input.firstDay() == null
                                        ? ""
                                        : input.firstDay() + " to " + input.lastDay());
        input.deadLetters()
                .forEach(
                        (reason, count) ->
                                table.row(
                                        "dead letters " + reason,
                                        integer(count),
                                        "first: " + input.firstDetails().get(reason)));
        if (floorFull != null) {
            floorFull
                    .full()
                    .setAside()
                    .forEach(
                            (reason, count) ->
                                    table.row(
                                            "set aside by the scorer: " + reason,
                                            integer(count),
                                            ""));
        }
        if (input.profilesFile() != null) {
            table.row("profiles", integer(input.profiles()), input.profilesFile());
            input.profileDeadLetters()
                    .forEach(
                            (reason, count) ->
                                    table.row(
                                            "profile dead letters " + reason, integer(count), ""));
        }
        String title =
                String.format(
                        Locale.ROOT,
                        "Input: %s, %d %s (%s, %s), read through the job's deserializer",
                        input.path(),
                        input.files(),
                        input.files() == 1 ? "file" : "files",
                        input.format(),
                        bytes(input.bytes()));
        return new Section(title, table);
    }

    private static Section state(BenchResult.State state, BenchResult.Settings settings) {
        BenchResult.PerSubscriber per = state.perSubscriber();
        Table table =
                new Table("state per subscriber", "bytes")
                        .row("largest checkpoint (full size)", bytes(per.largestCheckpoint()))
                        .row(
                                "checkpoint after the last event (full size)",
                                bytes(per.lastCheckpoint()));
        if (per.rocksDbLiveData() != null) {
            table.row("RocksDB live data (estimate-live-data-size)", bytes(per.rocksDbLiveData()))
                    .row("RocksDB SST files (total-sst-files-size)", bytes(per.rocksDbSstFiles()));
        }
        table.row("full events/s", integer(state.full().eventsPerSecond()));
        String title =
                String.format(
                        Locale.ROOT,
                        "State after %d days, %s subscribers (%s events), %s",
                        state.days(),
                        integer(state.subscribers()),
                        integer(state.events()),
                        backend(settings.stateBackend()));
        return new Section(title, table);
    }

    private static Section latency(AlertLatency.Result latency) {
        Table table = new Table("", "alerts timed", "p50", "p90", "p99", "max");
        latencyRow(table, "in the log (read_uncommitted)", latency.readUncommitted());
        latencyRow(table, "committed (read_committed)", latency.readCommitted());
        latencyRow(table, "account alerts, committed", latency.accountAlerts());
        String title =
                String.format(
                        Locale.ROOT,
                        "Alert latency from sending the event, at %s events/s (%s sent%s), %s subscribers (%s of %s), "
                                + "checkpoints every %s",
                        integer(latency.eventsPerSecond()),
                        integer(latency.sentPerSecond()),
                        latency.maxEventsPerSecond() > 0
                                ? "; the job's maximum on this feed: "
                                        + integer(latency.maxEventsPerSecond())
                                : "",
                        integer(latency.subscribersFed()),
                        latency.population(),
                        integer(latency.subscribers()),
                        millis(latency.checkpointIntervalMs()));
        return new Section(title, table);
    }

    private static Section incidents(IncidentLatency.Result incidents) {
        Table table = new Table("", "incident records timed", "p50", "p90", "p99", "max");
        latencyRow(table, "in the log (read_uncommitted)", incidents.readUncommitted());
        latencyRow(table, "committed (read_committed)", incidents.readCommitted());
        String title =
                String.format(
                        Locale.ROOT,
                        "Network incident latency from sending the event that closes the hour, at %s events/s"
                                + " (%s sent), %s subscribers with %.0f outages a month, %d days from %s"
                                + " (%d hours closed), checkpoints every %s",
                        integer(incidents.eventsPerSecond()),
                        integer(incidents.sentPerSecond()),
                        integer(incidents.subscribers()),
                        incidents.outagesPerMonth(),
                        incidents.liveDays(),
                        incidents.liveFrom(),
                        incidents.hoursClosed(),
                        millis(incidents.checkpointIntervalMs()));
        return new Section(title, table);
    }

    private static void latencyRow(Table table, String name, AlertWatcher.Seen seen) {
        Percentiles p = seen.latencyMs();
        if (p == null) {
            table.row(name, "0", "", "", "", "");
        } else {
            table.row(
                    name,
                    integer(p.count()),
                    millis(p.p50()),
                    millis(p.p90()),
                    millis(p.p99()),
                    millis(p.max()));
        }
    }

    private static Section scale(BenchResult.Scale scale) {
        Table table =
                new Table(
                        "subscribers",
                        "timed events",
                        "floor events/s",
                        "full events/s",
                        "full / floor",
                        "state per subscriber");
        for (BenchResult.ScalePoint point : scale.points()) {
            table.row(
                    BenchOptions.sizeName(point.subscribers()),
                    integer(point.full().events()),
                    integer(point.floor().eventsPerSecond()),
                    integer(point.full().eventsPerSecond()),
                    ratio(point.fullToFloor()),
                    bytes(point.statePerSubscriber().lastCheckpoint()));
        }
        if (scale.largestToSmallest() != null) {
            List<BenchResult.ScalePoint> points = scale.points();
            table.row(
                    BenchOptions.sizeName(points.get(points.size() - 1).subscribers())
                            + " / "
                            + BenchOptions.sizeName(points.get(0).subscribers()),
                    "",
                    "",
                    ratio(scale.largestToSmallest()),
                    "",
                    "");
        }
        return new Section(
                "Scale curve (generated traffic: every subscriber's first event creates its state, untimed; "
                        + "the timed events find it in place)",
                table);
    }

    private static String measured(BenchResult.Target target) {
        if (target.measured() == null) {
            return "";
        }
        return switch (target.unit()) {
            case "bytes" -> bytes(target.measured());
            case "ratio" -> ratio(target.measured());
            case "ms" -> millis(Math.round(target.measured()));
            default -> integer(target.measured());
        };
    }

    static String backend(String stateBackend) {
        return stateBackend.equals("rocksdb") ? "RocksDB" : "heap state";
    }

    static String integer(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String millis(long ms) {
        return ms < 10_000
                ? String.format(Locale.ROOT, "%,d ms", ms)
                : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** Bytes in binary units: 14.8 KiB. */
    static String bytes(double bytes) {
        if (bytes < 1024) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
