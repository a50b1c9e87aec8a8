package io.pulse.local.bench;

import io.pulse.local.soak.JobProbe;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.simulator.Behaviour;
import io.pulse.simulator.SimulatedSubscriber;
import io.pulse.simulator.SubscriberSimulator;

import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latency part: how long after an event enters Kafka the alert it raises is on the alerts
 * topic, for the job as deployed (exactly-once sinks) at a fixed input rate.
 *
 * <ol>
 *   <li>The simulator's profiles and some days of history, ending at the current hour, are loaded
 *       into an embedded broker; the job starts and reads them (not measured). By default only the
 *       subscribers with a planted behaviour (complaining, churning, spiking, ...: about a third of
 *       the simulated population) take part: alerts are then about three times as frequent, so that
 *       a minute or two gives thousands of them. Their events are the simulator's all the same.
 *   <li>Two consumers, read_uncommitted and read_committed, move to the end of the alerts topic.
 *   <li>The {@link LatencyFeed} sends the simulator's following events at the rate, each stamped
 *       with the wall-clock time of sending. The {@link AlertWatcher}s time the alerts those events
 *       raise; alerts raised by timers or due times carry no send time and are left out, and so are
 *       the alerts of the first seconds (warm-up).
 *   <li>After the feed stops, the run waits until the job has taken every event and the
 *       read_committed consumer has seen every alert the other one saw.
 * </ol>
 *
 * A read_committed consumer sees an alert only when the checkpoint after it completes and the sink
 * commits its transaction: its latency is at least the time to that checkpoint, up to a checkpoint
 * interval, plus the checkpoint's own duration.
 */
final class AlertLatency {
    /** A job that keeps up takes the last event within this time after the feed stops. */
    static final double KEPT_UP_SECONDS = 1.0;

    private static final long HOUR_MILLIS = 3_600_000L;
    private static final Duration POLL = BenchCluster.METRICS_INTERVAL;
    private static final Duration HISTORY_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);

    /** How long the burst that measures the job's maximum on the live feed is sent. */
    private static final Duration BURST = Duration.ofSeconds(5);

    /**
     * What the run measured.
     *
     * @param subscribers the simulated population
     * @param population which of them took part: planted (those with a planted behaviour) or all
     * @param eventsPerSecond the rate fed: the one asked for, or else half of {@code
     *     maxEventsPerSecond}
     * @param historyEventsPerSecond how fast the job took in the history, from its submission,
     *     start-up included: more than it can take of the live feed, which raises more alerts
     * @param maxEventsPerSecond the job's maximum on the live feed, measured by {@link
     *     #liveMaximum}; 0 when a rate was asked for
     * @param sentPerSecond the rate achieved
     * @param caughtUpSeconds how long after the feed stopped the scorer had taken every event: more
     *     than a few checkpoint intervals means the job did not keep up with the rate
     */
    record Result(
            int eventsPerSecond,
            double historyEventsPerSecond,
            double maxEventsPerSecond,
            int subscribers,
            String population,
            int subscribersFed,
            int historyDays,
            long historyEvents,
            long checkpointIntervalMs,
            double feedSeconds,
            double warmUpSeconds,
            long sent,
            double sentPerSecond,
            double caughtUpSeconds,
            AlertWatcher.Seen readUncommitted,
            AlertWatcher.Seen readCommitted,
            AlertWatcher.Seen accountAlerts,
            CheckpointSizes checkpoints) {}

    private AlertLatency() {}

    /** Which simulated subscribers take part. */
    enum Population {
        /** Those with a planted behaviour. */
        PLANTED,
        ALL;

        boolean includes(SimulatedSubscriber subscriber) {
            return this == ALL || subscriber.behaviour() != Behaviour.STEADY;
        }
    }

    /**
     * @param askedRate events per second to feed; empty: half the job's maximum on the live feed,
     *     measured first by {@link #liveMaximum}
     */
    static Result run(
            OptionalInt askedRate,
            int subscribers,
            Population population,
            int historyDays,
            long seed,
            Duration feedDuration,
            Duration warmUp,
            Duration checkpointInterval,
            int partitions,
            Path configPath,
            ScoringConfig config)
            throws Exception {
        long now = System.currentTimeMillis();
        long start = Math.floorDiv(now, HOUR_MILLIS) * HOUR_MILLIS - historyDays * 24 * HOUR_MILLIS;
        SubscriberSimulator simulator = new SubscriberSimulator(subscribers, seed, start);
        Set<String> fed = new HashSet<>();
        for (SimulatedSubscriber subscriber : simulator.subscribers()) {
            if (population.includes(subscriber)) {
                fed.add(subscriber.id());
            }
        }
        try (BenchBroker broker = BenchBroker.start(partitions);
                KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            long history = loadHistory(producer, simulator, fed, historyDays);
            say(
                    String.format(
                            "latency: loaded %,d profiles and %,d events of history; starting the job",
                            fed.size(), history));
            try (BenchCluster cluster = BenchCluster.start("rocksdb", checkpointInterval)) {
                var env = cluster.environment();
                PulseJob.build(env, broker.jobSettings(configPath), config);
                long submitted = System.nanoTime();
                JobID job = cluster.submit(env);
                JobProbe probe = cluster.probe(job);
                awaitScored(cluster, job, probe, history + fed.size(), HISTORY_TIMEOUT);
                double historyRate =
                        (history + fed.size()) / ((System.nanoTime() - submitted) / 1e9);
                say(
                        String.format(
                                "latency: the job took in the history at %,.0f events/s (start-up included)",
                                historyRate));

                SentEvents sent = new SentEvents();
                List<TopicPartition> alerts = partitions(BenchBroker.TOPICS.alerts(), partitions);
                AlertWatcher uncommitted =
                        new AlertWatcher(
                                broker.bootstrapServers(),
                                alerts,
                                IsolationLevel.READ_UNCOMMITTED,
                                sent,
                                AlertWatcher.ALERTS);
                AlertWatcher committed =
                        new AlertWatcher(
                                broker.bootstrapServers(),
                                alerts,
                                IsolationLevel.READ_COMMITTED,
                                sent,
                                AlertWatcher.ALERTS);
                AlertWatcher accounts =
                        new AlertWatcher(
                                broker.bootstrapServers(),
                                partitions(BenchBroker.TOPICS.accountAlerts(), partitions),
                                IsolationLevel.READ_COMMITTED,
                                sent,
                                AlertWatcher.ACCOUNT_ALERTS);
                List<AlertWatcher> watchers = List.of(uncommitted, committed, accounts);
                List<Thread> threads =
                        List.of(
                                new Thread(uncommitted, "alerts-read-uncommitted"),
                                new Thread(committed, "alerts-read-committed"),
                                new Thread(accounts, "account-alerts-read-committed"));
                threads.forEach(Thread::start);
                try {
                    for (AlertWatcher watcher : watchers) {
                        watcher.awaitPositioned();
                    }
                    long taken = history + fed.size();
                    double maxRate = 0;
                    if (askedRate.isEmpty()) {
                        LatencyFeed burst =
                                new LatencyFeed(
                                        producer,
                                        BenchBroker.TOPICS.events(),
                                        simulator,
                                        fed,
                                        (int) Math.round(2 * historyRate),
                                        BURST,
                                        LatencyFeed.wallClock(sent));
                        maxRate = liveMaximum(cluster, job, probe, burst, taken);
                        taken += burst.count();
                        say(
                                String.format(
                                        "latency: the job's maximum on the live feed is %,.0f events/s",
                                        maxRate));
                    }
                    int eventsPerSecond =
                            askedRate.orElse((int) Math.max(1, Math.round(maxRate / 2)));

                    say(
                            String.format(
                                    "latency: feeding %,d events/s for %d s",
                                    eventsPerSecond, feedDuration.toSeconds()));
                    LatencyFeed feed =
                            new LatencyFeed(
                                    producer,
                                    BenchBroker.TOPICS.events(),
                                    simulator,
                                    fed,
                                    eventsPerSecond,
                                    feedDuration,
                                    LatencyFeed.wallClock(sent));
                    long countFrom = System.currentTimeMillis() + warmUp.toMillis();
                    watchers.forEach(w -> w.countFrom(countFrom));
                    feed.run();
                    if (feed.failure() != null) {
                        throw new IllegalStateException("sending events failed", feed.failure());
                    }
                    long stopped = System.nanoTime();
                    awaitScored(cluster, job, probe, taken + feed.count(), CATCH_UP_TIMEOUT);
                    double caughtUp = (System.nanoTime() - stopped) / 1e9;
                    awaitCommittedAlerts(uncommitted, committed, checkpointInterval);

                    stop(watchers, threads);
                    CheckpointSizes checkpoints = CheckpointSizes.of(cluster.cancel(job));
                    return new Result(
                            eventsPerSecond,
                            historyRate,
                            maxRate,
                            subscribers,
                            population.name().toLowerCase(),
                            fed.size(),
                            historyDays,
                            history,
                            checkpointInterval.toMillis(),
                            feed.seconds(),
                            warmUp.toMillis() / 1000.0,
                            feed.count(),
                            feed.count() / feed.seconds(),
                            caughtUp,
                            uncommitted.seen(),
                            committed.seen(),
                            accounts.seen(),
                            checkpoints);
                } finally {
                    watchers.forEach(AlertWatcher::stop);
                }
            }
        }
    }

    /** Stops the watchers and waits for their threads; throws if one of them failed. */
    static void stop(List<AlertWatcher> watchers, List<Thread> threads)
            throws InterruptedException {
        watchers.forEach(AlertWatcher::stop);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        for (AlertWatcher watcher : watchers) {
            if (watcher.failure() != null) {
                throw new IllegalStateException("an alerts consumer failed", watcher.failure());
            }
        }
    }

    static List<TopicPartition> partitions(String topic, int count) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }

    /**
     * The job's maximum rate on the live feed, with the feed's producer and both alert consumers
     * running beside it as while the latency is measured: a burst of the feed at twice the rate the
     * job took in the history (more than it can take of this traffic, which raises more alerts),
     * over the time from the burst's first event until the scorer has taken its last.
     *
     * @param taken the records the scorer had taken before the burst
     */
    private static double liveMaximum(
            BenchCluster cluster, JobID job, JobProbe probe, LatencyFeed burst, long taken)
            throws Exception {
        long started = System.nanoTime();
        burst.run();
        if (burst.failure() != null) {
            throw new IllegalStateException("sending events failed", burst.failure());
        }
        awaitScored(cluster, job, probe, taken + burst.count(), CATCH_UP_TIMEOUT);
        return burst.count() / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * Sends the profiles and {@code days} of history of the subscribers fed; returns the events
     * sent.
     */
    static long loadHistory(
            KafkaProducer<byte[], byte[]> producer,
            SubscriberSimulator simulator,
            Set<String> fed,
            int days) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback callback =
                (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                };
        AvroBinaryCodec<SubscriberProfile> profileCodec =
                new AvroBinaryCodec<>(SubscriberProfile.class);
        for (SubscriberProfile profile : simulator.profiles()) {
            if (!fed.contains(profile.getSubscriberId())) {
                continue;
            }
            producer.send(
                    new ProducerRecord<>(
                            BenchBroker.TOPICS.profiles(),
                            null,
                            profile.getUpdatedAt(),
                            utf8(profile.getSubscriberId()),
                            profileCodec.encode(profile)),
                    callback);
        }
        AvroBinaryCodec<SubscriberEvent> codec = new AvroBinaryCodec<>(SubscriberEvent.class);
        long events = 0;
        for (int hour = 0; hour < days * 24; hour++) {
            for (SubscriberEvent event : simulator.nextHour().events()) {
                if (!fed.contains(event.getSubscriberId())) {
                    continue;
                }
                producer.send(
                        new ProducerRecord<>(
                                BenchBroker.TOPICS.events(),
                                null,
                                event.getEventTime(),
                                utf8(event.getSubscriberId()),
                                codec.encode(event)),
                        callback);
                events++;
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("loading the history failed", failure.get());
        }
        return events;
    }

    static void awaitScored(
            BenchCluster cluster, JobID job, JobProbe probe, long records, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long scored = 0;
        while (System.nanoTime() < deadline) {
            cluster.checkRunning(job);
            try {
                scored = probe.sum(BenchmarkPipelines.SCORER, "numRecordsIn");
                if (scored >= records) {
                    return;
                }
            } catch (IOException notYet) {
                // the metric appears once the task runs
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException(
                String.format(
                        "the scorer had taken %,d of %,d records after %d s",
                        scored, records, timeout.toSeconds()));
    }

    /**
     * Waits until the read_committed consumer has seen every alert the read_uncommitted one saw.
     */
    static void awaitCommittedAlerts(
            AlertWatcher uncommitted, AlertWatcher committed, Duration checkpointInterval)
            throws InterruptedException {
        Thread.sleep(
                1000); // the last alerts leave the sink's producer after the scorer took the last
        // event
        long deadline =
                System.nanoTime() + checkpointInterval.multipliedBy(10).plusSeconds(30).toNanos();
        while (committed.raisedByEvents() < uncommitted.raisedByEvents()
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
