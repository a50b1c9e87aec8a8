package io.pulse.local;

import io.pulse.cli.PulseCommandLine;
import io.pulse.schema.AlertStatus;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.simulator.GroundTruthFiles;
import io.pulse.simulator.KafkaSimulator;
import io.pulse.simulator.SimulatorOptions;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.util.ExceptionUtils;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Pulse on one machine, in one JVM: a Kafka broker, the subscriber simulator, and the scoring job
 * in a local Flink cluster with the web UI. Prints where everything is, ready-to-paste kcat
 * commands, one line per alert and a progress line every ten seconds. Ctrl-C (or {@code
 * --duration-seconds}) stops everything in order: simulator, job, console, broker.
 *
 * <p>Run it with {@code bin/pulse-local}; {@code --help} lists the options.
 */
@Command(
        name = "pulse-local",
        mixinStandardHelpOptions = true,
        description =
                "Runs Pulse on this machine in one"
                        + " JVM: a Kafka broker, the subscriber simulator and the scoring job in a local Flink cluster with the web UI,"
                        + " and prints alerts as they arrive. Ctrl-C stops everything.")
public final class LocalRunner implements Callable<Integer> {
    static final String JOB_NAME = "Pulse scoring";
    private static final long PROGRESS_INTERVAL_MS = 10_000;
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    @Mixin private LocalOptions options = new LocalOptions();
    private final PrintStream out = System.out;
    private final LocalStack stack = new LocalStack();
    private final PulseTopics topics = stack.topics();
    private final long startNanos = System.nanoTime();

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stoppedByHook;

    private OutputConsole console;
    private JobClient jobClient;
    private FlinkRest rest;

    public static void main(String[] args) {
        LocalRunner runner = new LocalRunner();
        int exitCode = PulseCommandLine.of(runner).execute(args);
        if (runner.stoppedByHook) {
            // The JVM is already shutting down (Ctrl-C): System.exit would block; the hook
            // finishes.
            runner.stopped.countDown();
            return;
        }
        System.exit(exitCode);
    }

    @Override
    public Integer call() throws Exception {
        // Before the first logger is created: log4j2.properties writes the log file there.
        System.setProperty("pulse.local.dir", options.workDir().toString());
        // where the Flink web UI finds the log (Job Manager and Task Managers > Logs)
        System.setProperty("log.file", options.workDir().resolve("pulse-local.log").toString());
        Runtime.getRuntime()
                .addShutdownHook(new Thread(this::onShutdownSignal, "pulse-local-shutdown"));
        try {
            return run();
        } finally {
            stopAll(); // already done unless stopped during start-up or by a failure
            if (!stoppedByHook) {
                LogManager.shutdown();
            }
        }
    }

    /** Runs until Ctrl-C, the duration or the end of the job; returns the exit code. */
    int run() throws Exception {
        // Checks first: a second run must not touch the work directory of one still running.
        LocalStack.checkPortFree(options.webPort(), "--web-port", "another Flink or pulse-local?");
        if (options.metricsPort() > 0) {
            LocalStack.checkPortFree(
                    options.metricsPort(),
                    "--metrics-port (0: none)",
                    "another Flink's Prometheus reporter or pulse-local?");
        }
        ScoringConfig config = ScoringConfig.load(options.configPath());

        Files.createDirectories(options.workDir());
        Path checkpoints = LocalStack.emptyCheckpointDirectory(options.workDir());

        say("Starting Kafka ...");
        EmbeddedKafka kafka = stack.startKafka(options.kafkaPort());
        String hostBootstrap = kafka.hostBootstrapServers();
        Files.writeString(
                options.workDir().resolve("bootstrap.txt"),
                hostBootstrap + "\n",
                StandardCharsets.UTF_8);
        if (stopRequested.getCount() == 0) {
            return 0;
        }

        console =
                new OutputConsole(
                        kafka.bootstrapServers(),
                        topics,
                        out,
                        options.alertLines(),
                        startNanos,
                        options.simulator() ? truthDirectory() : null);
        console.start();

        if (options.simulator()) {
            startSimulator();
        }

        say("Starting Flink ...");
        jobClient =
                stack.startJob(
                        flinkConfiguration(checkpoints),
                        options.parallelism(),
                        config,
                        options.configPath(),
                        "pulse-local",
                        JOB_NAME);
        rest = new FlinkRest(webUrl());

        if (stopRequested.getCount() > 0) {
            printBanner(hostBootstrap, config);
        }
        return waitForEnd();
    }

    /**
     * The local cluster: RocksDB with incremental checkpoints every 10 s, a few restarts, the web
     * UI.
     */
    Configuration flinkConfiguration(Path checkpoints) {
        Configuration conf =
                LocalFlink.configuration(
                        options.parallelism(),
                        options.webPort(),
                        CHECKPOINT_INTERVAL,
                        checkpoints,
                        options.workDir().resolve("pulse-local.log"));
        return options.metricsPort() > 0
                ? LocalFlink.withPrometheus(conf, options.metricsPort())
                : conf;
    }

    /**
     * Where the simulator writes the run's ground truth: who leaves, when and why, and the
     * conditions as they arise.
     */
    Path truthDirectory() {
        return options.workDir().resolve("truth");
    }

    private void startSimulator() {
        SimulatorOptions simulatorOptions =
                stack.simulatorOptions(
                                options.subscribers(),
                                options.eventsPerSecond(),
                                options.seed(),
                                options.backfillDays())
                        .withTruthDirectory(truthDirectory());
        simulatorStarted = true;
        stack.startSimulator(
                new KafkaSimulator(simulatorOptions),
                "pulse-local-simulator",
                e -> {
                    if (stopRequested.getCount() > 0) {
                        say("[simulator] stopped: " + e.getMessage());
                    }
                });
    }

    private int waitForEnd() throws InterruptedException {
        long deadline =
                options.durationSeconds() > 0
                        ? startNanos + TimeUnit.SECONDS.toNanos(options.durationSeconds())
                        : Long.MAX_VALUE;
        CompletableFuture<?> jobResult = jobClient.getJobExecutionResult();
        Progress progress = new Progress();
        long nextProgress = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROGRESS_INTERVAL_MS);
        while (true) {
            long now = System.nanoTime();
            long wake = Math.min(nextProgress, deadline);
            if (stopRequested.await(Math.max(1, wake - now), TimeUnit.NANOSECONDS)) {
                say("Stopping ...");
                stopAll();
                return 0;
            }
            if (jobResult.isDone()) {
                return jobEnded(jobResult);
            }
            now = System.nanoTime();
            if (now >= nextProgress) {
                say(progress.line());
                nextProgress += TimeUnit.MILLISECONDS.toNanos(PROGRESS_INTERVAL_MS);
            }
            if (now >= deadline) {
                say(
                        "Ran for "
                                + options.durationSeconds()
                                + " s (--duration-seconds): stopping ...");
                stopAll();
                return 0;
            }
        }
    }

    /** The job ended by itself: that is a failure (restarts exhausted), reported with its cause. */
    private int jobEnded(CompletableFuture<?> jobResult) {
        try {
            jobResult.get();
            say("The job finished unexpectedly.");
        } catch (ExecutionException e) {
            Throwable cause = ExceptionUtils.stripExecutionException(e);
            System.err.println("The Flink job failed (after its restart attempts): " + cause);
            cause.printStackTrace();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopAll();
        return 1;
    }

    /** Ctrl-C: asks the main thread to stop everything and waits until it has. */
    private void onShutdownSignal() {
        if (stopped.getCount() == 0 || stopRequested.getCount() == 0) {
            return; // stopping on its own (duration, failure) and exiting
        }
        stoppedByHook = true;
        stopRequested.countDown();
        try {
            if (!stopped.await(2 * STOP_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
                System.err.println("pulse-local: did not stop in time, exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LogManager.shutdown();
    }

    /**
     * Stops everything, in order: simulator, job, console consumer, broker. Safe to call more than
     * once.
     */
    synchronized void stopAll() {
        stopRequested.countDown();
        try {
            if (stack.simulator() != null) {
                lastSimulatorEvents = stack.stopSimulator(STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stack.cancelJob();
        jobClient = null;
        if (console != null) {
            try {
                console.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stack.stopKafka();
        if (console != null) {
            printSummary();
            console = null;
        }
    }

    private String webUrl() {
        return "http://localhost:" + options.webPort();
    }

    private void printBanner(String bootstrap, ScoringConfig config) {
        String b = bootstrap;
        long now = System.currentTimeMillis();
        String event =
                "{\"eventId\":\"e-1\",\"subscriberId\":\"me-1\",\"eventTime\":"
                        + now
                        + ",\"type\":\"VOICE_CALL\",\"direction\":\"OUTGOING\",\"callScope\":\"LOCAL\",\"durationSec\":60}";
        String malformed =
                "{\"eventId\":\"e-2\",\"subscriberId\":\"me-1\",\"type\":\"PHONE_CALL\"}";
        String read = "kcat -b " + b + " -C -u -o beginning -X isolation.level=read_committed -t ";
        String rule = "=".repeat(100);
        StringBuilder s = new StringBuilder();
        s.append(rule).append('\n');
        s.append(" Pulse is running locally  (job \"")
                .append(JOB_NAME)
                .append("\", id ")
                .append(jobClient.getJobID())
                .append(")\n");
        s.append('\n');
        s.append("   Flink web UI     ").append(webUrl()).append('\n');
        if (options.metricsPort() > 0) {
            s.append("   Metrics          http://localhost:")
                    .append(options.metricsPort())
                    .append(
                            "/metrics   (Prometheus; the job's own are flink_taskmanager_job_task_operator_pulse_*)\n");
        }
        s.append("   Kafka bootstrap  ")
                .append(b)
                .append("   (also in ")
                .append(options.workDir().resolve("bootstrap.txt"))
                .append(")\n");
        s.append("   Topics           ")
                .append(
                        String.join(
                                ", ",
                                topics.events(),
                                topics.profiles(),
                                topics.scores(),
                                topics.alerts(),
                                topics.deadLetters(),
                                topics.incidents(),
                                topics.accountAlerts(),
                                topics.control(),
                                topics.controlAcks()))
                .append('\n');
        if (options.simulator()) {
            s.append("   Simulator        ")
                    .append(
                            String.format(
                                    "%,d subscribers, up to %,d events/s, seed %d, from %d days ago (Avro)",
                                    options.subscribers(),
                                    options.eventsPerSecond(),
                                    options.seed(),
                                    options.backfillDays()))
                    .append('\n');
            s.append("   Ground truth     ")
                    .append(truthDirectory())
                    .append("   (who leaves, when and why: ")
                    .append(GroundTruthFiles.SUBSCRIBERS)
                    .append("; arrears, late repairs, ... as they arise: ")
                    .append(GroundTruthFiles.CONDITIONS)
                    .append(")\n");
        } else {
            s.append("   Simulator        off (--no-simulator): feed ")
                    .append(topics.events())
                    .append(" yourself\n");
        }
        s.append("   Config           ")
                .append(options.configPath())
                .append("  (version ")
                .append(config.version())
                .append(")\n");
        s.append("   Log file         ")
                .append(options.workDir().resolve("pulse-local.log"))
                .append('\n');
        s.append('\n');
        s.append(
                " Send an event (JSON or Avro; key before the ':'; a repeated eventId counts once):\n");
        s.append("   echo 'me-1:")
                .append(event)
                .append("' | kcat -b ")
                .append(b)
                .append(" -t ")
                .append(topics.events())
                .append(" -P -K:\n");
        s.append(" Send a malformed one (it goes to ")
                .append(topics.deadLetters())
                .append(" with the reason):\n");
        s.append("   echo 'me-1:")
                .append(malformed)
                .append("' | kcat -b ")
                .append(b)
                .append(" -t ")
                .append(topics.events())
                .append(" -P -K:\n");
        s.append(" Read the output as downstream systems do (committed transactions only):\n");
        s.append("   ").append(read).append(topics.alerts()).append(" -f '%k %s\\n'\n");
        s.append("   ").append(read).append(topics.scores()).append(" -f '%k %s\\n'\n");
        s.append("   ").append(read).append(topics.deadLetters()).append('\n');
        s.append(" Change the rules or the model while it runs (no restart; the job answers):\n");
        s.append("   bin/pulse-control publish --config my-scoring.yaml --bootstrap-servers ")
                .append(b)
                .append('\n');
        s.append("   bin/pulse-control list --bootstrap-servers ").append(b).append('\n');
        s.append('\n');
        s.append(
                " Alerts appear below as they are committed (every checkpoint, 10 s); a progress line every 10 s.\n");
        s.append(
                options.durationSeconds() > 0
                        ? " Stops by itself after "
                                + options.durationSeconds()
                                + " s (--duration-seconds); Ctrl-C stops it earlier.\n"
                        : " Ctrl-C stops everything.\n");
        s.append(rule);
        say(s.toString());
    }

    private void printSummary() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder s = new StringBuilder(String.format("Stopped after %.0f s.", seconds));
        if (simulatorStarted) {
            s.append(String.format(" Simulator sent %,d events.", lastSimulatorEvents));
        }
        s.append(
                String.format(
                        " Read back: %,d score updates, %,d alerts (%,d open, %,d updated, %,d resolved), %,d dead letters.",
                        console.scores(),
                        console.alerts(),
                        console.alerts(AlertStatus.OPEN),
                        console.alerts(AlertStatus.UPDATED),
                        console.alerts(AlertStatus.RESOLVED),
                        console.deadLetters()));
        double first = console.secondsToFirstAlert();
        if (first >= 0) {
            s.append(String.format(" First alert %.0f s after start.", first));
        }
        int[] churnRisk = console.churnRiskAgainstTheTruth();
        if (churnRisk[0] > 0) {
            s.append(
                    String.format(
                            " CHURN_RISK opened for %,d subscribers; the ground truth has %,d of them leave within"
                                    + " 60 days of it.",
                            churnRisk[0], churnRisk[1]));
        }
        say(s.toString());
    }

    private volatile boolean simulatorStarted;
    private volatile long lastSimulatorEvents;

    private void say(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    /** The progress line: rates since the previous one. */
    private final class Progress {
        private long lastNanos = startNanos;
        private long lastSent;
        private long lastRead;

        String line() {
            long now = System.nanoTime();
            double interval = Math.max(1e-3, (now - lastNanos) / 1e9);
            long elapsed = TimeUnit.NANOSECONDS.toSeconds(now - startNanos);
            StringBuilder s =
                    new StringBuilder(
                            String.format(
                                    "[progress %d:%02d:%02d]",
                                    elapsed / 3600, elapsed / 60 % 60, elapsed % 60));
            KafkaSimulator sim = stack.simulator();
            if (sim != null) {
                long sent = sim.eventsSent();
                lastSimulatorEvents = sent;
                s.append(
                        String.format(
                                " simulator %,d events (%,.0f/s",
                                sent, (sent - lastSent) / interval));
                if (sim.simulatedTime() > 0) {
                    s.append(", at ")
                            .append(TIME.format(Instant.ofEpochMilli(sim.simulatedTime())));
                    s.append(sim.caughtUp() ? ", real time" : ", backfilling");
                }
                s.append(") |");
                lastSent = sent;
            }
            Optional<FlinkRest.JobProgress> job =
                    rest == null
                            ? Optional.empty()
                            : rest.progress(jobClient.getJobID().toString());
            if (job.isPresent()) {
                FlinkRest.JobProgress p = job.get();
                s.append(" job ").append(p.state());
                if (p.eventsRead() >= 0) {
                    s.append(
                            String.format(
                                    ", read %,d events (%,.0f/s)",
                                    p.eventsRead(),
                                    Math.max(0, p.eventsRead() - lastRead) / interval));
                    lastRead = p.eventsRead();
                }
                if (p.checkpoints() >= 0) {
                    s.append(String.format(", %d checkpoints", p.checkpoints()));
                }
                s.append(" |");
            }
            s.append(
                    String.format(
                            " out: %,d scores, %,d alerts (%,d open, %,d updated, %,d resolved), %,d dead letters",
                            console.scores(),
                            console.alerts(),
                            console.alerts(AlertStatus.OPEN),
                            console.alerts(AlertStatus.UPDATED),
                            console.alerts(AlertStatus.RESOLVED),
                            console.deadLetters()));
            lastNanos = now;
            return s.toString();
        }
    }
}
