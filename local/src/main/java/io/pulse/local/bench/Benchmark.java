package io.pulse.local.bench;

import io.pulse.cli.PulseCommandLine;
import io.pulse.local.bench.BenchOptions.Part;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.model.ModelArtifact;

import org.apache.logging.log4j.LogManager;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The benchmark ({@code bin/pulse-bench}): the parts of {@link Part}, each on a local MiniCluster
 * at parallelism 1 with incremental checkpoints, one after the other. Prints the results as tables
 * and writes them, with the machine, the settings and the targets, to {@code bench-<time>.json} and
 * {@code bench-<time>.md}. A part that fails is reported and the others still run; the exit code is
 * then 1.
 */
@Command(
        name = "pulse-bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark of the scoring job, at parallelism 1 on a local MiniCluster with RocksDB and incremental",
            "checkpoints. Parts (all by default, in this order):",
            "  floor-full  the floor pipeline (read, decode, key, discard) and the full scoring topology",
            "              (outputs discarded) on one pre-generated stream: events/s, events per CPU-second",
            "  kafka       the same stream loaded into an embedded Kafka broker, then the deployed job",
            "              (Kafka sources, exactly-once sinks) until it has consumed every event",
            "  state       the full topology over --state-days of history: state per subscriber",
            "  latency     events fed at a fixed rate through Kafka, with event time = send time: the time",
            "              until its alerts reach the alerts topic, read_uncommitted and read_committed",
            "  incidents   a world with regional outages fed in simulated time: the time from the event that",
            "              closes an hour to the network incidents its judging opens, updates or resolves",
            "  scale       floor and full throughput at each population of --scale (generated traffic)",
            "Prints a results table and writes bench-<time>.json and .md into --output. A part that fails is",
            "reported and the others still run; the exit code is then 1."
        })
public final class Benchmark implements Callable<Integer> {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private static final int WARM_UP_SUBSCRIBERS = 5000;
    private static final int WARM_UP_EVENTS = 150_000;

    @Spec private CommandSpec spec;

    @Mixin private BenchOptions options = new BenchOptions();

    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Map<String, String> failures = new LinkedHashMap<>();

    public static void main(String[] args) {
        PulseCommandLine.exit(new Benchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        options.validate(spec.commandLine());
        // Before the first logger is created: log4j2.properties writes the log file there.
        System.setProperty("pulse.local.dir", options.outputDir().toString());
        System.setProperty("pulse.log.name", "pulse-bench");
        System.setProperty("log.file", options.outputDir().resolve("pulse-bench.log").toString());
        // the console shows the benchmark's own lines; Flink's and Kafka's warnings go to the log
        // file
        System.setProperty("pulse.console.level", "ERROR");
        try {
            return run();
        } finally {
            LogManager.shutdown();
        }
    }

    private int run() throws Exception {
        ScoringConfig config = ScoringConfig.load(options.configPath());
        ModelArtifact models = ChurnScorer.loadModels(config);
        PipelineRun pipelines =
                new PipelineRun(
                        config, models, options.stateBackend(), options.checkpointInterval());
        long began = System.nanoTime();
        say(
                String.format(
                        "Benchmark: %s (log: %s)",
                        String.join(", ", partNames()),
                        options.outputDir().resolve("pulse-bench.log")));

        if (options.runs(Part.FLOOR_FULL) || options.runs(Part.STATE) || options.runs(Part.SCALE)) {
            warmUp(pipelines);
        }
        BenchResult.FloorFull floorFull = null;
        KafkaThroughput.Result kafka = null;
        InputSummary input = null;
        if (options.input() != null) {
            InputFiles files;
            List<SubscriberProfile> profiles = new ArrayList<>();
            try {
                files = InputFiles.of(options.input(), options.inputProfiles());
                say("Reading " + files.path() + " through the job's deserializer ...");
                input = InputSummary.read(files, profiles);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--input: " + e.getMessage(), e);
            }
            say(BenchReport.inputLine(input));
            InputSummary summary = input;
            floorFull =
                    attempt(
                            Part.FLOOR_FULL,
                            () -> floorFullOfInput(pipelines, files, summary, profiles));
        } else if (options.runs(Part.FLOOR_FULL) || options.runs(Part.KAFKA)) {
            EncodedEvents stream = generate(options.subscribers(), options.days());
            if (options.runs(Part.FLOOR_FULL)) {
                floorFull = attempt(Part.FLOOR_FULL, () -> floorFull(pipelines, stream));
            }
            if (options.runs(Part.KAFKA)) {
                say("kafka: the stream through an embedded broker and the deployed job ...");
                kafka =
                        attempt(
                                Part.KAFKA,
                                () ->
                                        KafkaThroughput.run(
                                                stream,
                                                options.kafkaPartitions(),
                                                options.checkpointInterval(),
                                                options.configPath(),
                                                config));
                if (kafka != null) {
                    say(
                            String.format(
                                    "kafka: %,.0f events/s, %,.0f events per CPU-second",
                                    kafka.eventsPerSecond(), kafka.eventsPerCpuSecond()));
                }
            }
        }
        BenchResult.State state = null;
        if (options.runs(Part.STATE)) {
            BenchResult.FloorFull shared = floorFull;
            state = attempt(Part.STATE, () -> state(pipelines, shared));
        }
        EncodedEvents.release();
        AlertLatency.Result latency = null;
        if (options.runs(Part.LATENCY)) {
            latency = attempt(Part.LATENCY, () -> latency(config));
        }
        IncidentLatency.Result incidents = null;
        if (options.runs(Part.INCIDENTS)) {
            incidents = attempt(Part.INCIDENTS, () -> incidents(config));
        }
        BenchResult.Scale scale = null;
        if (options.runs(Part.SCALE)) {
            scale = attempt(Part.SCALE, () -> scale(pipelines));
        }

        BenchResult.Settings settings = settings();
        BenchResult result =
                new BenchResult(
                        startedAt.toString(),
                        (System.nanoTime() - began) / 1e9,
                        MachineInfo.current(),
                        settings,
                        input,
                        floorFull,
                        kafka,
                        state,
                        latency,
                        incidents,
                        scale,
                        BenchResult.targets(settings, floorFull, state, latency, scale),
                        BenchResult.warnings(latency, incidents),
                        Map.copyOf(failures));
        Path json = options.outputDir().resolve("bench-" + STAMP.format(startedAt) + ".json");
        Path markdown = options.outputDir().resolve("bench-" + STAMP.format(startedAt) + ".md");
        BenchReport.writeJson(result, json);
        Files.writeString(markdown, BenchReport.markdown(result));
        System.out.println();
        System.out.print(BenchReport.text(result));
        if (options.printMarkdown()) {
            System.out.println();
            System.out.print(BenchReport.markdown(result));
        }
        failures.forEach((part, why) -> System.out.println("FAILED " + part + ": " + why));
        System.out.println("Results: " + json + " and " + markdown.getFileName());
        return failures.isEmpty() ? 0 : 1;
    }

    /**
     * Runs both pipelines once on a small generated stream, not measured: the first run in a fresh
     * JVM is slower while the JIT compiles the decoding and scoring code, and would otherwise weigh
     * on whichever part comes first.
     */
    private void warmUp(PipelineRun pipelines) throws Exception {
        long start =
                Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2)).toEpochMilli();
        ScaleTraffic traffic =
                new ScaleTraffic(WARM_UP_SUBSCRIBERS, WARM_UP_EVENTS, options.seed(), start);
        say(
                String.format(
                        "Warming up the JIT: %,d generated events through both pipelines (not measured) ...",
                        traffic.size()));
        pipelines.run(BenchmarkPipelines.FLOOR, traffic, List.of());
        pipelines.run(BenchmarkPipelines.FULL, traffic, List.of());
    }

    private BenchResult.FloorFull floorFull(PipelineRun pipelines, EncodedEvents stream)
            throws Exception {
        say("floor-full: the floor pipeline ...");
        PipelineRun.Result floor =
                pipelines.run(BenchmarkPipelines.FLOOR, stream.records(), stream.profiles());
        say(line("floor", floor));
        say("floor-full: the full pipeline ...");
        PipelineRun.Result full =
                pipelines.run(BenchmarkPipelines.FULL, stream.records(), stream.profiles());
        say(line("full", full));
        return new BenchResult.FloorFull(
                stream.subscribers(),
                stream.days(),
                stream.size(),
                stream.bytes(),
                floor,
                full,
                full.eventsPerSecond() / floor.eventsPerSecond());
    }

    private BenchResult.FloorFull floorFullOfInput(
            PipelineRun pipelines,
            InputFiles files,
            InputSummary input,
            List<SubscriberProfile> profiles)
            throws Exception {
        say("floor-full: the floor pipeline on the input ...");
        PipelineRun.Result floor = pipelines.run(BenchmarkPipelines.FLOOR, files, input, profiles);
        say(line("floor", floor));
        say("floor-full: the full pipeline on the input ...");
        PipelineRun.Result full = pipelines.run(BenchmarkPipelines.FULL, files, input, profiles);
        say(line("full", full));
        return new BenchResult.FloorFull(
                (int) input.subscribers(),
                input.days(),
                input.records(),
                input.bytes(),
                floor,
                full,
                full.eventsPerSecond() / floor.eventsPerSecond());
    }

    /** The full run of floor-full when it covered the same stream, else a run of its own. */
    private BenchResult.State state(PipelineRun pipelines, BenchResult.FloorFull floorFull)
            throws Exception {
        int subscribers = options.stateSubscribers();
        int days = options.stateDays();
        PipelineRun.Result full;
        long events;
        if (floorFull != null
                && floorFull.subscribers() == subscribers
                && floorFull.days() == days) {
            say("state: measured by the full run of floor-full (same stream)");
            full = floorFull.full();
            events = floorFull.events();
        } else {
            EncodedEvents.release();
            EncodedEvents stream = generate(subscribers, days);
            say("state: the full pipeline ...");
            full = pipelines.run(BenchmarkPipelines.FULL, stream.records(), stream.profiles());
            say(line("full", full));
            events = stream.size();
        }
        BenchResult.PerSubscriber per = BenchResult.PerSubscriber.of(full, subscribers);
        say(
                String.format(
                        "state: %s per subscriber in the largest checkpoint, %s after the last event%s",
                        BenchReport.bytes(per.largestCheckpoint()),
                        BenchReport.bytes(per.lastCheckpoint()),
                        per.rocksDbLiveData() == null
                                ? ""
                                : ", RocksDB live data "
                                        + BenchReport.bytes(per.rocksDbLiveData())));
        return new BenchResult.State(subscribers, days, events, full, per);
    }

    private AlertLatency.Result latency(ScoringConfig config) throws Exception {
        say(
                String.format(
                        "latency: %,d subscribers, %d days of history, then %s for %d s; checkpoints every %d ms ...",
                        options.latencySubscribers(),
                        options.latencyHistoryDays(),
                        options.rate().isPresent()
                                ? String.format("%,d events/s", options.rate().getAsInt())
                                : "half the job's maximum on the live feed",
                        options.latencyDuration().toSeconds(),
                        options.latencyCheckpointInterval().toMillis()));
        AlertLatency.Result latency =
                AlertLatency.run(
                        options.rate(),
                        options.latencySubscribers(),
                        options.latencyPopulation(),
                        options.latencyHistoryDays(),
                        options.seed(),
                        options.latencyDuration(),
                        options.latencyWarmUp(),
                        options.latencyCheckpointInterval(),
                        options.kafkaPartitions(),
                        options.configPath(),
                        config);
        sayLatencies(
                "latency",
                "alerts",
                List.of(
                        latency.readUncommitted(),
                        latency.readCommitted(),
                        latency.accountAlerts()));
        return latency;
    }

    private IncidentLatency.Result incidents(ScoringConfig config) throws Exception {
        say(
                String.format(
                        "incidents: %,d subscribers, %.0f outages a month, %d days of history, then %d days"
                                + " at %,d events/s; checkpoints every %d ms ...",
                        options.incidentsSubscribers(),
                        options.incidentsWorld().outagesPerMonth(),
                        options.incidentsHistoryDays(),
                        options.incidentsDays(),
                        options.incidentsRate(),
                        options.latencyCheckpointInterval().toMillis()));
        IncidentLatency.Result incidents =
                IncidentLatency.run(
                        options.incidentsSubscribers(),
                        options.incidentsWorld(),
                        options.incidentsHistoryDays(),
                        options.incidentsDays(),
                        options.incidentsRate(),
                        options.seed(),
                        options.latencyCheckpointInterval(),
                        options.kafkaPartitions(),
                        options.configPath(),
                        config);
        sayLatencies(
                "incidents",
                "incident records",
                List.of(incidents.readUncommitted(), incidents.readCommitted()));
        return incidents;
    }

    private static void sayLatencies(String part, String what, List<AlertWatcher.Seen> seen) {
        for (AlertWatcher.Seen watcher : seen) {
            Percentiles p = watcher.latencyMs();
            say(
                    p == null
                            ? String.format(
                                    "%s: %s: no %s timed", part, watcher.isolationLevel(), what)
                            : String.format(
                                    "%s: %s: %,d %s, p50 %d ms, p99 %d ms, max %d ms",
                                    part,
                                    watcher.isolationLevel(),
                                    p.count(),
                                    what,
                                    p.p50(),
                                    p.p99(),
                                    p.max()));
        }
    }

    private BenchResult.Scale scale(PipelineRun pipelines) throws Exception {
        List<BenchResult.ScalePoint> points = new ArrayList<>();
        for (int subscribers : options.scaleSizes()) {
            int days =
                    ScaleTraffic.daysFor(ScaleTraffic.rounds(subscribers, options.scaleEvents()));
            long start =
                    Instant.now()
                            .truncatedTo(ChronoUnit.DAYS)
                            .minus(Duration.ofDays(days + 1L))
                            .toEpochMilli();
            ScaleTraffic traffic =
                    new ScaleTraffic(subscribers, options.scaleEvents(), options.seed(), start);
            String name = BenchOptions.sizeName(subscribers);
            say(
                    String.format(
                            "scale %s: %,d first events (state created, not timed), then %,d timed; up to %,d per "
                                    + "subscriber over %d days; floor ...",
                            name,
                            traffic.timedFrom(),
                            options.scaleEvents(),
                            traffic.eventsPerSubscriber(),
                            days));
            PipelineRun.Result floor = pipelines.run(BenchmarkPipelines.FLOOR, traffic, List.of());
            say(line("floor", floor));
            say(String.format("scale %s: full ...", name));
            PipelineRun.Result full = pipelines.run(BenchmarkPipelines.FULL, traffic, List.of());
            say(
                    line("full", full)
                            + String.format(
                                    ", %s on disk at the end",
                                    BenchReport.bytes(full.diskBytes())));
            points.add(
                    new BenchResult.ScalePoint(
                            subscribers,
                            traffic.eventsPerSubscriber(),
                            days,
                            traffic.size(),
                            floor,
                            full,
                            full.eventsPerSecond() / floor.eventsPerSecond(),
                            BenchResult.PerSubscriber.of(full, subscribers)));
        }
        return BenchResult.Scale.of(points);
    }

    private EncodedEvents generate(int subscribers, int days) {
        long start =
                Instant.now()
                        .truncatedTo(ChronoUnit.DAYS)
                        .minus(Duration.ofDays(days + 2L))
                        .toEpochMilli();
        long began = System.nanoTime();
        EncodedEvents stream = EncodedEvents.generate(subscribers, days, options.seed(), start);
        say(
                String.format(
                        "Generated %,d events of %,d subscribers over %d days (%.1f MB of Avro) in %.1f s",
                        stream.size(),
                        subscribers,
                        days,
                        stream.bytes() / 1e6,
                        (System.nanoTime() - began) / 1e9));
        return stream;
    }

    private BenchResult.Settings settings() {
        return new BenchResult.Settings(
                partNames(),
                1,
                true,
                BenchCluster.MANAGED_MEMORY.getBytes(),
                options.stateBackend(),
                options.checkpointInterval().toMillis(),
                options.seed(),
                options.subscribers(),
                options.days(),
                options.kafkaPartitions(),
                options.stateSubscribers(),
                options.stateDays(),
                options.rate().isPresent() ? options.rate().getAsInt() : null,
                options.latencySubscribers(),
                options.latencyPopulation().name().toLowerCase(),
                options.latencyHistoryDays(),
                options.latencyDuration().toMillis(),
                options.latencyWarmUp().toMillis(),
                options.latencyCheckpointInterval().toMillis(),
                options.incidentsSubscribers(),
                options.incidentsWorld().outagesPerMonth(),
                options.incidentsHistoryDays(),
                options.incidentsDays(),
                options.incidentsRate(),
                options.scaleSizes(),
                options.scaleEvents(),
                options.configPath().toString(),
                options.input() == null ? null : options.input().toString());
    }

    private List<String> partNames() {
        return options.parts().stream().sorted().map(part -> part.flag).toList();
    }

    /** A part that throws is reported and left out; the others still run. */
    private <T> T attempt(Part part, PartRun<T> run) {
        try {
            return run.run();
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            Throwable cause = e.getCause();
            if (cause != null && cause != e) {
                why += " (" + cause + ")";
            }
            failures.put(part.flag, why);
            LoggerFactory.getLogger(Benchmark.class).error("The {} part failed", part.flag, e);
            System.err.println("pulse-bench: the " + part.flag + " part failed: " + why);
            return null;
        } finally {
            System.gc();
        }
    }

    @FunctionalInterface
    private interface PartRun<T> {
        T run() throws Exception;
    }

    private static String line(String pipeline, PipelineRun.Result run) {
        return String.format(
                "%-5s %,10.0f events/s  %,10.0f events per CPU-second  (%,d events in %.1f s%s)",
                pipeline,
                run.eventsPerSecond(),
                run.eventsPerCpuSecond(),
                run.events(),
                run.seconds(),
                run.leadingEvents() == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", after %,d first events in %.1f s",
                                run.leadingEvents(),
                                run.leadingSeconds()));
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
