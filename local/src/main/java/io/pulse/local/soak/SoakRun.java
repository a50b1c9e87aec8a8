package io.pulse.local.soak;

import io.pulse.cli.PulseCommandLine;
import io.pulse.local.EmbeddedKafka;
import io.pulse.local.FlinkRest;
import io.pulse.local.LocalFlink;
import io.pulse.local.LocalStack;
import io.pulse.local.PulseTopics;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.simulator.KafkaSimulator;
import io.pulse.simulator.SimulatorOptions;
import io.pulse.simulator.SubscriberSimulator;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The soak run ({@code bin/pulse-soak}): a real Kafka broker, the simulator sending at a sustained
 * rate, and the scoring job on a local Flink cluster with RocksDB, incremental checkpoints and
 * exactly-once sinks, for a fixed time. Then the simulator stops, the job drains, and the run
 * reports checkpoints, backpressure, throughput, lag and where every event went ({@link
 * Accounting}); exit code 1 if anything was lost or doubled.
 *
 * <p>The simulator starts far enough in the past that it never reaches the wall clock during the
 * run: it replays subscriber history faster than real time, at exactly the given rate, while the
 * job reads the topic as it is written.
 */
@Command(
        name = "pulse-soak",
        mixinStandardHelpOptions = true,
        description =
                "Soak run: a Kafka broker, the subscriber"
                        + " simulator sending at a sustained rate, and the scoring job (RocksDB, incremental checkpoints, exactly-once"
                        + " sinks) in a local Flink cluster, for a fixed time. Then stops the simulator, lets the job drain, checks that"
                        + " every event was read and scored or dead-lettered, and reports checkpoints, backpressure, throughput and lag.",
        exitCodeList = {
            "0:every event is accounted for",
            "1:an event was lost or doubled, or the run failed",
            "2:an unknown option or a bad value"
        })
public final class SoakRun implements Callable<Integer> {
    static final String JOB_NAME = "Pulse soak";
    static final String GROUP = "pulse-soak";

    // Operators whose metrics the accounting reads (names from PulseJob and PulsePipeline).
    static final String EVENTS_SOURCE = "Source: Subscriber events";
    static final String PROFILES_SOURCE = "Source: Subscriber profiles";
    static final String SCORER = "Score subscribers";
    static final String SCORES_WRITER = "Subscriber scores to Kafka: Writer";
    static final String ALERTS_WRITER = "Subscriber alerts to Kafka: Writer";
    static final String DEAD_LETTERS_WRITER = "Dead letters to Kafka: Writer";

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);

    /**
     * Long enough for a metric fetch, shorter than the fetcher's interval (2 s, {@link
     * LocalFlink}).
     */
    private static final Duration METRICS_REFRESH = Duration.ofSeconds(1);

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Mixin private SoakOptions options = new SoakOptions();
    private final LocalStack stack = new LocalStack();
    private final PulseTopics topics = stack.topics();
    private final Instant startedAt = Instant.now();

    private KafkaCounts kafkaCounts;
    private JobClient jobClient;
    private JobProbe probe;
    private CountingProducer producer;

    private final CheckpointLog checkpoints = new CheckpointLog();
    private final BackpressureLog backpressure = new BackpressureLog();
    private final CpuSampler cpu = new CpuSampler();
    private final List<SoakResult.Sample> samples = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public static void main(String[] args) {
        PulseCommandLine.exit(new SoakRun(), args);
    }

    @Override
    public Integer call() throws Exception {
        // Before the first logger is created: log4j2.properties writes the log file there.
        System.setProperty("pulse.local.dir", options.workDir().toString());
        System.setProperty("pulse.log.name", "pulse-soak");
        System.setProperty("log.file", options.workDir().resolve("pulse-soak.log").toString());
        Thread hook = new Thread(this::stopAll, "pulse-soak-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run();
        } finally {
            stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook has stopped everything
            }
            LogManager.shutdown();
        }
    }

    /** Runs the soak; returns the exit code. */
    int run() throws Exception {
        LocalStack.checkPortFree(options.webPort(), "--web-port", "another Flink or pulse-local?");
        ScoringConfig config = ScoringConfig.load(options.configPath());
        Path checkpointDir = LocalStack.emptyCheckpointDirectory(options.workDir());

        say(
                String.format(
                        "Soak run: %s min at %,d events/s, %,d subscribers, checkpoints every %d s (log: %s)",
                        minutes(options.duration()),
                        options.eventsPerSecond(),
                        options.subscribers(),
                        options.checkpointInterval().toSeconds(),
                        options.workDir().resolve("pulse-soak.log")));
        say("Starting Kafka ...");
        EmbeddedKafka kafka = stack.startKafka(0);
        kafkaCounts = new KafkaCounts(kafka.bootstrapServers(), topics);
        kafkaCounts.keepForCounting(topics.scores());

        say("Starting the job ...");
        jobClient =
                stack.startJob(
                        flinkConfiguration(checkpointDir),
                        options.parallelism(),
                        config,
                        options.configPath(),
                        GROUP,
                        JOB_NAME);
        probe =
                new JobProbe(
                        new FlinkRest("http://localhost:" + options.webPort()),
                        jobClient.getJobID().toString());
        awaitTasksRunning();
        say("Job running; Flink web UI on http://localhost:" + options.webPort());

        checkpoints.update(probe.checkpoints());
        checkpoints.startOfLoad();
        long loadStart = System.nanoTime();
        startSimulator();
        say(
                String.format(
                        "Simulator sending from %s; load phase of %s min ...",
                        simulatedStart(), minutes(options.duration())));
        LoadEnd loadEnd = runLoad(loadStart);
        if (loadEnd == null) {
            return 1;
        }
        CountingProducer.Counts produced = producer.counts();
        double loadSeconds = (loadEnd.stoppedNanos - loadStart) / 1e9;
        say(
                String.format(
                        "Simulator stopped after %.1f s: %,d events acknowledged. Draining ...",
                        loadSeconds, produced.events()));

        double drainSeconds = drain(loadEnd.stoppedNanos);
        say(
                String.format(
                        "Drained %.1f s after the stop; waiting for a checkpoint to commit the output ...",
                        drainSeconds));
        Settled settled = settle();
        Accounting accounting = account(produced, settled);

        SoakResult result = result(produced, accounting, loadSeconds, loadEnd, drainSeconds);
        Path json = options.workDir().resolve("soak-" + FILE_TIME.format(startedAt) + ".json");
        SoakReport.writeJson(result, json);
        System.out.println();
        System.out.print(SoakReport.text(result, json));
        System.out.flush();
        return result.passed() ? 0 : 1; // main() stops the job and the broker
    }

    /**
     * The local cluster of {@link LocalFlink}, with the soak's checkpoint interval and the full
     * checkpoint history kept.
     */
    private Configuration flinkConfiguration(Path checkpointDir) {
        Configuration conf =
                LocalFlink.configuration(
                        options.parallelism(),
                        options.webPort(),
                        options.checkpointInterval(),
                        checkpointDir,
                        options.workDir().resolve("pulse-soak.log"));
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 1000);
        return conf;
    }

    private void awaitTasksRunning() throws Exception {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (jobClient.getJobExecutionResult().isDone()) {
                jobClient.getJobExecutionResult().get();
                throw new IllegalStateException("the job ended during start-up");
            }
            try {
                if (probe.allTasksRunning()) {
                    return;
                }
            } catch (IOException notYet) {
                // the REST endpoint starts with the cluster
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                "the job's tasks were not all RUNNING within "
                        + STARTUP_TIMEOUT.toSeconds()
                        + " s");
    }

    private void startSimulator() {
        SimulatorOptions simulatorOptions =
                stack.simulatorOptions(
                        options.subscribers(),
                        options.eventsPerSecond(),
                        options.seed(),
                        options.effectiveBackfillDays());
        producer =
                new CountingProducer(
                        KafkaSimulator.producerConfig(simulatorOptions),
                        topics.events(),
                        options.duplicateEvery(),
                        options.malformedEvery());
        stack.startSimulator(
                new KafkaSimulator(simulatorOptions, producer), "pulse-soak-simulator", e -> {});
    }

    private long simulatedStartMillis() {
        return SubscriberSimulator.backfillStart(startedAt, options.effectiveBackfillDays());
    }

    private String simulatedStart() {
        return TIME.format(Instant.ofEpochMilli(simulatedStartMillis()));
    }

    /** When and where the load phase ended. */
    private record LoadEnd(
            long stoppedNanos,
            long recordsBehind,
            long eventTimeLagMs,
            boolean caughtUpWithClock) {}

    /**
     * Samples until the duration is over, then stops the simulator; null if the job or the
     * simulator failed.
     */
    private LoadEnd runLoad(long loadStart) throws Exception {
        long end = loadStart + options.duration().toNanos();
        long nextProgress = loadStart + PROGRESS_INTERVAL.toNanos();
        long sampleNanos = options.sampleInterval().toNanos();
        long next = loadStart;
        backpressure.restart();
        Progress progress = new Progress(loadStart);
        while (true) {
            long now = System.nanoTime();
            if (now < next) {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now)));
                continue;
            }
            next = Math.min(next + sampleNanos, end); // the last sample at the end
            if (jobClient.getJobExecutionResult().isDone()) {
                System.err.println("pulse-soak: the job ended during the load: " + jobOutcome());
                return null;
            }
            if (stack.simulatorFailure() != null) {
                System.err.println("pulse-soak: the simulator failed: " + stack.simulatorFailure());
                return null;
            }
            progress.sample(now);
            if (now >= nextProgress) {
                say(progress.line(end));
                nextProgress += PROGRESS_INTERVAL.toNanos();
            }
            if (now >= end) {
                SoakResult.Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
                boolean caughtUp = stack.simulator().caughtUp();
                stack.stopSimulator(Duration.ofSeconds(60));
                return new LoadEnd(
                        System.nanoTime(),
                        last == null ? -1 : last.recordsBehind(),
                        last == null ? -1 : last.eventTimeLagMs(),
                        caughtUp);
            }
        }
    }

    /** Sampling during the load, and the progress line. */
    private final class Progress {
        private final long loadStart;
        private long lastNanos;
        private long lastRead;
        private long lastAcknowledged;
        private long progressNanos;
        private long progressRead;
        private long progressAcknowledged;

        Progress(long loadStart) {
            this.loadStart = loadStart;
            this.lastNanos = loadStart;
            this.progressNanos = loadStart;
        }

        /**
         * One sample; the metrics are read as of the moment after {@code now}'s refresh request.
         */
        void sample(long now) {
            try {
                checkpoints.update(probe.checkpoints());
                cpu.sample();
                long asOf = System.nanoTime();
                CountingProducer.Counts produced = producer.counts();
                probe.refreshMetrics(METRICS_REFRESH);
                for (JobProbe.Vertex vertex : probe.vertices()) {
                    backpressure.sample(vertex, probe.taskTimes(vertex));
                }
                long read = probe.sum(EVENTS_SOURCE, "numRecordsOut");
                double interval = (asOf - lastNanos) / 1e9;
                Double rate = lastNanos > loadStart ? (read - lastRead) / interval : null;
                samples.add(
                        new SoakResult.Sample(
                                (asOf - loadStart) / 1e9,
                                produced.events(),
                                read,
                                Math.max(0, produced.events() - read),
                                rate,
                                eventTimeLag(produced.latestEventTime())));
                lastNanos = asOf;
                lastRead = read;
                lastAcknowledged = produced.events();
            } catch (IOException e) {
                log().warn("Sampling the job failed: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String line(long end) {
            long now = System.nanoTime();
            double interval = Math.max(1e-3, (now - progressNanos) / 1e9);
            StringBuilder s =
                    new StringBuilder(
                            String.format(
                                    "[soak %s of %s] sent %,d (%,.0f/s) | read %,d (%,.0f/s), %,d behind",
                                    clock(now - loadStart),
                                    clock(end - loadStart),
                                    lastAcknowledged,
                                    (lastAcknowledged - progressAcknowledged) / interval,
                                    lastRead,
                                    (lastRead - progressRead) / interval,
                                    Math.max(0, lastAcknowledged - lastRead)));
            CheckpointLog.Stats c = checkpoints.stats();
            s.append(String.format(" | %d checkpoints", c.completed()));
            if (c.failed() > 0) {
                s.append(String.format(" (%d failed)", c.failed()));
            }
            if (c.completed() > 0) {
                s.append(
                        String.format(
                                ", last %s, state %s (+%s)",
                                SoakReport.seconds(c.latestDurationMs()),
                                SoakReport.bytes(c.latestStateBytes()),
                                SoakReport.bytes(c.latestCheckpointedBytes())));
            }
            s.append(" | ").append(backpressure.latestSummary());
            progressNanos = now;
            progressRead = lastRead;
            progressAcknowledged = lastAcknowledged;
            return s.toString();
        }
    }

    /**
     * Newest event time sent minus the scorer's watermark, in simulated ms; -1 before the first
     * watermark.
     */
    private long eventTimeLag(long newest) throws IOException, InterruptedException {
        long watermark = probe.min(SCORER, "currentOutputWatermark");
        return watermark <= 0 || newest <= 0 ? -1 : Math.max(0, newest - watermark);
    }

    /**
     * Waits until the job has read every event and profile on the broker; returns the seconds since
     * the stop.
     */
    private double drain(long stoppedNanos) throws Exception {
        long events = kafkaCounts.endOffsets(topics.events());
        long profiles = kafkaCounts.endOffsets(topics.profiles());
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        while (true) {
            try {
                if (probe.sum(EVENTS_SOURCE, "numRecordsOut") >= events
                        && probe.sum(PROFILES_SOURCE, "numRecordsOut") >= profiles) {
                    return (System.nanoTime() - stoppedNanos) / 1e9;
                }
            } catch (IOException e) {
                log().warn("Reading the job's metrics failed: {}", e.toString());
            }
            if (jobClient.getJobExecutionResult().isDone()) {
                throw new IllegalStateException("the job ended while draining: " + jobOutcome());
            }
            if (System.nanoTime() > deadline) {
                warnings.add(
                        "the job had not read every event "
                                + options.drainTimeout().toSeconds()
                                + " s after the simulator stopped (--drain-timeout)");
                return (System.nanoTime() - stoppedNanos) / 1e9;
            }
            Thread.sleep(500);
        }
    }

    /** The records the job's operators counted, read through the REST API. */
    private record Written(
            long eventsRead,
            long profilesRead,
            long scorerIn,
            long scores,
            long alerts,
            long deadLetters) {}

    private record Settled(Written written, KafkaCounts.Committed committed) {}

    private Written written() throws IOException, InterruptedException {
        return new Written(
                probe.sum(EVENTS_SOURCE, "numRecordsOut"),
                probe.sum(PROFILES_SOURCE, "numRecordsOut"),
                probe.sum(SCORER, "numRecordsIn"),
                probe.sum(SCORES_WRITER, "numRecordsIn"),
                probe.sum(ALERTS_WRITER, "numRecordsIn"),
                probe.sum(DEAD_LETTERS_WRITER, "numRecordsIn"));
    }

    /**
     * Waits until what the job's sinks were given is committed: a checkpoint triggered after a
     * reading of the operator counts completes, the counts have not moved meanwhile, and the output
     * topics hold exactly that many committed records. Gives up after a few checkpoint intervals
     * and returns the latest reading, which the accounting then shows as a mismatch.
     */
    private Settled settle() throws Exception {
        long deadline =
                System.nanoTime()
                        + options.checkpointInterval().multipliedBy(4).plusMinutes(2).toNanos();
        Settled latest = null;
        while (System.nanoTime() < deadline) {
            Written before = written();
            long readAt = System.currentTimeMillis();
            while (!checkpoints.completedTriggeredAfter(readAt) && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                checkpoints.update(probe.checkpoints());
            }
            Thread.sleep(
                    3000); // the committers commit after the checkpoint; the metrics refresh every
            // 2 s
            KafkaCounts.Committed committed = kafkaCounts.committedOutput();
            Written after = written();
            latest = new Settled(after, committed);
            if (before.equals(after)
                    && after.scores() == committed.scores()
                    && after.alerts() == committed.alerts()
                    && after.deadLetters() == committed.deadLetters()) {
                return latest;
            }
            log().info(
                            "Output not settled yet: before {}, after {}, committed {}; {}; {}",
                            before,
                            after,
                            committed,
                            kafkaCounts.describe(topics.scores()),
                            kafkaCounts.describe(topics.alerts()));
        }
        if (latest == null) {
            throw new IllegalStateException("no checkpoint completed after the drain");
        }
        return latest;
    }

    private Accounting account(CountingProducer.Counts produced, Settled settled) throws Exception {
        long endOffsets = kafkaCounts.endOffsets(topics.events());
        // The source commits its offsets when a checkpoint completes, shortly after.
        long committedOffsets = kafkaCounts.committedOffsets(GROUP, topics.events());
        for (int i = 0; i < 20 && committedOffsets != endOffsets; i++) {
            Thread.sleep(500);
            committedOffsets = kafkaCounts.committedOffsets(GROUP, topics.events());
        }
        checkpoints.update(probe.checkpoints());
        Written w = settled.written();
        return new Accounting(
                produced,
                endOffsets,
                kafkaCounts.endOffsets(topics.profiles()),
                committedOffsets,
                w.eventsRead(),
                w.profilesRead(),
                w.scorerIn(),
                w.scores(),
                w.alerts(),
                w.deadLetters(),
                settled.committed(),
                probe.restarts(),
                checkpoints.stats().failed());
    }

    private SoakResult result(
            CountingProducer.Counts produced,
            Accounting accounting,
            double loadSeconds,
            LoadEnd loadEnd,
            double drainSeconds) {
        List<SoakResult.Sample> load = samples;
        long readDuringLoad =
                load.isEmpty()
                        ? 0
                        : load.get(load.size() - 1).eventsRead() - load.get(0).eventsRead();
        double sampledSeconds =
                load.size() < 2
                        ? loadSeconds
                        : load.get(load.size() - 1).seconds() - load.get(0).seconds();
        SoakResult.Throughput throughput =
                new SoakResult.Throughput(
                        loadSeconds,
                        produced.events(),
                        produced.events() / loadSeconds,
                        readDuringLoad,
                        readDuringLoad / sampledSeconds,
                        Summary.of(
                                load.stream()
                                        .map(SoakResult.Sample::readPerSecond)
                                        .filter(Objects::nonNull)
                                        .toList()));
        long simulatedMs = produced.latestEventTime() - simulatedStartMillis();
        double replaySpeed = simulatedMs / (loadSeconds * 1000);
        SoakResult.Lag lag =
                new SoakResult.Lag(
                        loadEnd.recordsBehind(),
                        loadEnd.recordsBehind() / (double) options.eventsPerSecond(),
                        loadEnd.eventTimeLagMs(),
                        loadEnd.eventTimeLagMs() / 1000.0 / replaySpeed,
                        Summary.of(load.stream().map(SoakResult.Sample::recordsBehind).toList()),
                        drainSeconds);

        double offered = steadyOfferedRate(load).orElse(produced.events() / loadSeconds);
        if (offered < 0.97 * options.eventsPerSecond()) {
            warnings.add(
                    String.format(
                            "the simulator sent %,.0f events/s, less than the %,d asked for: the machine could not sustain the rate",
                            offered, options.eventsPerSecond()));
        }
        if (loadEnd.caughtUpWithClock()) {
            warnings.add(
                    "the simulator reached the wall clock and slowed to real time: use a larger --backfill-days");
        }
        if (lag.secondsBehindAtEnd() > 10) {
            warnings.add(
                    String.format(
                            "the job was %.0f s of input behind when the simulator stopped: it did not keep up with the rate",
                            lag.secondsBehindAtEnd()));
        }
        SoakResult.Settings settings =
                new SoakResult.Settings(
                        options.duration().toMillis() / 60_000.0,
                        options.eventsPerSecond(),
                        options.subscribers(),
                        options.checkpointInterval().toMillis() / 1000.0,
                        options.parallelism(),
                        options.effectiveBackfillDays(),
                        options.seed(),
                        options.duplicateEvery(),
                        options.malformedEvery(),
                        "rocksdb",
                        true,
                        "EXACTLY_ONCE",
                        simulatedStart(),
                        TIME.format(Instant.ofEpochMilli(produced.latestEventTime())));
        List<Accounting.Check> checks = accounting.checks();
        return new SoakResult(
                TIME.format(startedAt),
                settings,
                throughput,
                lag,
                cpu.result(),
                checkpoints.stats(),
                backpressure.stats(),
                SoakResult.Counts.of(accounting),
                SoakResult.CheckResult.of(checks),
                accounting.passed(),
                List.copyOf(warnings),
                checkpoints.all(),
                List.copyOf(samples));
    }

    /**
     * Events acknowledged per second after the first sampling interval (profiles, start-up), if
     * there are enough samples.
     */
    private static OptionalDouble steadyOfferedRate(List<SoakResult.Sample> load) {
        if (load.size() < 3) {
            return OptionalDouble.empty();
        }
        SoakResult.Sample first = load.get(1);
        SoakResult.Sample last = load.get(load.size() - 1);
        return OptionalDouble.of(
                (last.eventsAcknowledged() - first.eventsAcknowledged())
                        / (last.seconds() - first.seconds()));
    }

    private String jobOutcome() {
        try {
            jobClient.getJobExecutionResult().get();
            return "finished";
        } catch (Exception e) {
            return String.valueOf(e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Stops whatever still runs: simulator, job, broker. Safe to call more than once. */
    synchronized void stopAll() {
        try {
            stack.stopSimulator(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stack.cancelJob();
        jobClient = null;
        if (kafkaCounts != null) {
            kafkaCounts.close();
            kafkaCounts = null;
        }
        stack.stopKafka();
    }

    /**
     * Not a static field: the logger must be created after main() has set where the log file goes.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(SoakRun.class);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static String minutes(Duration duration) {
        double minutes = duration.toMillis() / 60_000.0;
        return minutes == Math.rint(minutes)
                ? String.valueOf((long) minutes)
                : String.format("%.2f", minutes);
    }

    private static String clock(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
