package io.pulse.local;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.simulator.KafkaSimulator;
import io.pulse.simulator.SimulatorOptions;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What the local run ({@link LocalRunner}) and the soak run ({@code io.pulse.local.soak.SoakRun})
 * start in their JVM, and stop: the embedded Kafka broker with Pulse's topics, the subscriber
 * simulator writing to it on a thread of its own, and the scoring job on a local Flink cluster.
 * Each run stops the parts in the order simulator, job, broker, with its own readers in between.
 */
public final class LocalStack {
    public static final int PARTITIONS = 4;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final PulseTopics topics = PulseTopics.defaults();
    private final AtomicReference<Throwable> simulatorFailure = new AtomicReference<>();

    private volatile EmbeddedKafka kafka;
    private volatile KafkaSimulator simulator;
    private Thread simulatorThread;
    private volatile JobClient jobClient;

    /** A problem the user can fix, reported without a stack trace. */
    public static final class StartupException extends RuntimeException {
        StartupException(String message) {
            super(message);
        }
    }

    /**
     * Refuses to start when {@code port} is taken, naming the {@code option} that chooses another.
     */
    public static void checkPortFree(int port, String option, String guess) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
        } catch (BindException e) {
            throw new StartupException(
                    "port " + port + " is in use (" + guess + "): choose another with " + option);
        } catch (IOException e) {
            // let Flink report it
        }
    }

    /**
     * An empty {@code checkpoints} directory in {@code workDir}: each run starts with an empty
     * broker, and old checkpoints point at offsets that no longer exist.
     */
    public static Path emptyCheckpointDirectory(Path workDir) throws IOException {
        Path checkpoints = workDir.resolve("checkpoints");
        FileUtils.deleteDirectoryQuietly(checkpoints.toFile());
        return Files.createDirectories(checkpoints);
    }

    public PulseTopics topics() {
        return topics;
    }

    /**
     * Starts the broker (also on {@code localhost:hostPort} unless 0) and creates Pulse's topics.
     */
    public EmbeddedKafka startKafka(int hostPort) throws Exception {
        kafka = EmbeddedKafka.startQuietly(hostPort);
        kafka.createPulseTopics(topics, PARTITIONS);
        return kafka;
    }

    /** The simulator's options for the broker and topics of this stack, writing Avro. */
    public SimulatorOptions simulatorOptions(
            int subscribers, int eventsPerSecond, long seed, int backfillDays) {
        return SimulatorOptions.defaults(KafkaClientSettings.plaintext(kafka.bootstrapServers()))
                .withEventsTopic(topics.events())
                .withProfilesTopic(topics.profiles())
                .withSubscribers(subscribers)
                .withEventsPerSecond(eventsPerSecond)
                .withSeed(seed)
                .withBackfillDays(backfillDays)
                .withFormat(WireFormat.AVRO);
    }

    /**
     * Runs {@code simulator} on a daemon thread; a failure is kept ({@link #simulatorFailure()})
     * and handed to {@code onFailure}.
     */
    public void startSimulator(
            KafkaSimulator simulator, String threadName, Consumer<Throwable> onFailure) {
        this.simulator = simulator;
        simulatorThread =
                new Thread(
                        () -> {
                            try {
                                simulator.run();
                            } catch (Throwable e) {
                                simulatorFailure.set(e);
                                onFailure.accept(e);
                            }
                        },
                        threadName);
        simulatorThread.setDaemon(true);
        simulatorThread.start();
    }

    /** The running simulator; null before it starts and after it stops. */
    public KafkaSimulator simulator() {
        return simulator;
    }

    public Throwable simulatorFailure() {
        return simulatorFailure.get();
    }

    /**
     * Submits the scoring job, reading and writing this stack's topics, to a local cluster of
     * {@code conf}.
     */
    public JobClient startJob(
            Configuration conf,
            int parallelism,
            ScoringConfig config,
            Path configPath,
            String group,
            String jobName)
            throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(parallelism);
        PulseJob.build(
                env,
                LocalFlink.settings(kafka.bootstrapServers(), configPath, topics, group),
                config);
        jobClient = env.executeAsync(jobName);
        return jobClient;
    }

    /**
     * Stops the simulator and waits up to {@code timeout} for its thread; returns the events it
     * sent (0 if none ran).
     */
    public long stopSimulator(Duration timeout) throws InterruptedException {
        KafkaSimulator running = simulator;
        if (running == null) {
            return 0;
        }
        running.close();
        simulatorThread.join(timeout.toMillis());
        simulator = null;
        return running.eventsSent();
    }

    /**
     * Cancels the job unless it has ended, and waits for its end, and with it the local cluster's.
     */
    public void cancelJob() {
        JobClient job = jobClient;
        if (job == null) {
            return;
        }
        jobClient = null;
        try {
            String status = job.getJobStatus().get(5, TimeUnit.SECONDS).toString();
            if (!status.equals("CANCELED")
                    && !status.equals("FAILED")
                    && !status.equals("FINISHED")) {
                job.cancel().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            job.getJobExecutionResult().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // a cancelled job ends with an exception that says so
        } catch (TimeoutException e) {
            System.err.println(
                    "The Flink job did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stopKafka() {
        EmbeddedKafka running = kafka;
        if (running == null) {
            return;
        }
        kafka = null;
        try {
            running.close();
        } catch (Exception e) {
            System.err.println("Stopping Kafka: " + e);
        }
    }
}
