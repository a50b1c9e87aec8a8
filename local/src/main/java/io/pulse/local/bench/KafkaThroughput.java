package io.pulse.local.bench;

import io.pulse.local.soak.JobProbe;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.config.ScoringConfig;

import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kafka part: the pre-generated stream and its profiles are loaded into an embedded broker
 * before the clock starts, then the job as deployed ({@link PulseJob#build}: Kafka sources, Avro,
 * exactly-once sinks writing scores, alerts and dead letters back to the broker) runs at
 * parallelism 1 until it has consumed every event.
 *
 * <p>Timing: the run samples the scorer's input count through the REST API every 200 ms, with the
 * process CPU time, and measures the {@link ScorerWindow} from the first sample at which the scorer
 * has taken anything to the moment it has taken every event and profile. Afterwards a checkpoint
 * makes the source commit its offsets, and the run checks that the committed offsets are the end
 * offsets: every event consumed, as Kafka sees it. The broker runs in this JVM: the CPU time
 * includes serving the job's reads and transactions.
 */
final class KafkaThroughput {
    private static final Duration POLL = BenchCluster.METRICS_INTERVAL;
    private static final Duration STALL = Duration.ofMinutes(5);
    private static final Duration PROGRESS = Duration.ofSeconds(15);

    /**
     * What the run measured.
     *
     * @param records records the scorer took in the measured window (events and the few profiles
     *     not taken before it)
     * @param eventsPerSecond records per second in the window
     * @param offsetsCommitted whether the job's committed offsets reached the end of the events
     *     topic
     */
    record Result(
            long events,
            long profiles,
            int partitions,
            double loadSeconds,
            long records,
            double seconds,
            double eventsPerSecond,
            double cpuSeconds,
            double eventsPerCpuSecond,
            boolean offsetsCommitted,
            CheckpointSizes checkpoints) {}

    private KafkaThroughput() {}

    static Result run(
            EncodedEvents events,
            int partitions,
            Duration checkpointInterval,
            Path configPath,
            ScoringConfig config)
            throws Exception {
        try (BenchBroker broker = BenchBroker.start(partitions)) {
            double loadSeconds = load(broker, events);
            say(
                    String.format(
                            "kafka: loaded %,d events and %,d profiles in %.1f s; starting the job",
                            events.size(), events.profiles().size(), loadSeconds));
            try (BenchCluster cluster = BenchCluster.start("rocksdb", checkpointInterval)) {
                var env = cluster.environment();
                PulseJob.build(env, broker.jobSettings(configPath), config);
                JobID job = cluster.submit(env);
                long total = (long) events.size() + events.profiles().size();
                ScorerWindow window =
                        ScorerWindow.of(
                                sampleUntilScored(cluster, job, cluster.probe(job), total), total);
                cluster.checkpoint(job);
                boolean committed = awaitCommittedOffsets(broker, events.size());
                CheckpointSizes checkpoints = CheckpointSizes.of(cluster.cancel(job));
                return new Result(
                        events.size(),
                        events.profiles().size(),
                        partitions,
                        loadSeconds,
                        window.records(),
                        window.seconds(),
                        window.recordsPerSecond(),
                        window.cpuSeconds(),
                        window.recordsPerCpuSecond(),
                        committed,
                        checkpoints);
            }
        }
    }

    /**
     * Writes the profiles, then the events with their event time as timestamp; returns the seconds
     * it took.
     */
    private static double load(BenchBroker broker, EncodedEvents events) throws Exception {
        long began = System.nanoTime();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback callback =
                (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                };
        AvroBinaryCodec<SubscriberProfile> profileCodec =
                new AvroBinaryCodec<>(SubscriberProfile.class);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            for (SubscriberProfile profile : events.profiles()) {
                producer.send(
                        new ProducerRecord<>(
                                BenchBroker.TOPICS.profiles(),
                                null,
                                profile.getUpdatedAt(),
                                profile.getSubscriberId().getBytes(StandardCharsets.UTF_8),
                                profileCodec.encode(profile)),
                        callback);
            }
            for (int i = 0; i < events.size() && failure.get() == null; i++) {
                producer.send(
                        new ProducerRecord<>(
                                BenchBroker.TOPICS.events(),
                                null,
                                events.eventTime(i),
                                events.key(i),
                                events.value(i)),
                        callback);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading the broker failed", failure.get());
        }
        long loaded = broker.counts().endOffsets(BenchBroker.TOPICS.events());
        if (loaded != events.size()) {
            throw new IllegalStateException(
                    "the events topic holds " + loaded + " records, not " + events.size());
        }
        return (System.nanoTime() - began) / 1e9;
    }

    private static List<ScorerWindow.Sample> sampleUntilScored(
            BenchCluster cluster, JobID job, JobProbe probe, long total) throws Exception {
        List<ScorerWindow.Sample> samples = new ArrayList<>();
        long lastChange = System.nanoTime();
        long nextProgress = lastChange + PROGRESS.toNanos();
        long last = -1;
        while (true) {
            cluster.checkRunning(job);
            long scored = -1;
            try {
                scored = probe.sum(BenchmarkPipelines.SCORER, "numRecordsIn");
            } catch (IOException notYet) {
                // the metric appears once the task runs
            }
            long now = System.nanoTime();
            if (scored >= 0) {
                samples.add(new ScorerWindow.Sample(now, RecordClock.processCpuNanos(), scored));
                if (scored >= total) {
                    return samples;
                }
            }
            if (scored > last) {
                last = scored;
                lastChange = now;
            } else if (now - lastChange > STALL.toNanos()) {
                throw new IllegalStateException(
                        String.format(
                                "the scorer took no record for %d min (%,d of %,d)",
                                STALL.toMinutes(), last, total));
            }
            if (now > nextProgress) {
                say(String.format("kafka: %,d of %,d records scored", Math.max(0, last), total));
                nextProgress = now + PROGRESS.toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Whether the job's committed offsets on the events topic reach its end, within a few seconds
     * of a checkpoint.
     */
    private static boolean awaitCommittedOffsets(BenchBroker broker, long events) throws Exception {
        for (int attempt = 0; attempt < 60; attempt++) {
            if (broker.counts().committedOffsets(BenchBroker.JOB_NAME, BenchBroker.TOPICS.events())
                    == events) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
