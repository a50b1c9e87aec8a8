package io.pulse.local.bench;

import io.pulse.local.soak.JobProbe;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.simulator.SimulatedSubscriber;
import io.pulse.simulator.SubscriberSimulator;
import io.pulse.simulator.World;

import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The incidents part: how long after the event that completes an area's hour the network incident
 * its judging opens, updates or resolves is on the incidents topic. An area's hour is judged when
 * event time has passed it, so a feed stamped with the clock would close an hour once an hour of
 * the run; here the events keep their simulated times instead and the feed runs through days of
 * them in minutes ({@link HourCloses}).
 *
 * <ol>
 *   <li>A world with regional outages (the simulator's: a share of a region's subscribers cut off
 *       for hours, {@link World#outagesPerMonth()} of them) is simulated; its profiles and {@code
 *       historyDays} of history, ending on a Monday at midnight UTC a week or more ago, are loaded
 *       and read by the job (not measured). Seven days give the areas' weekdays the baseline they
 *       are judged against.
 *   <li>Two consumers, read_uncommitted and read_committed, move to the end of the incidents topic.
 *   <li>The feed sends the next {@code liveDays} (weekdays, if five or fewer) at a fixed rate; the
 *       watchers time every incident record of an hour the feed closed.
 *   <li>After the feed, the run waits until the job has taken every event and the read_committed
 *       consumer has seen every incident record the other one saw.
 * </ol>
 */
final class IncidentLatency {
    private static final long DAY = 86_400_000L;
    private static final Duration HISTORY_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);

    /** The feed ends at least this long before the run's clock: no event is in the future. */
    private static final int DAYS_BEFORE_NOW = 2;

    /**
     * What the run measured.
     *
     * @param hoursClosed hours the feed closed: each is judged in every area
     * @param caughtUpSeconds how long after the feed stopped the scorer had taken every event
     */
    record Result(
            int subscribers,
            double outagesPerMonth,
            int historyDays,
            long historyEvents,
            String liveFrom,
            int liveDays,
            int eventsPerSecond,
            long checkpointIntervalMs,
            long sent,
            double feedSeconds,
            double sentPerSecond,
            double caughtUpSeconds,
            int hoursClosed,
            AlertWatcher.Seen readUncommitted,
            AlertWatcher.Seen readCommitted) {}

    private IncidentLatency() {}

    /** The start of the feed: a Monday, {@code liveDays} and more before {@code today}. */
    static LocalDate liveFrom(LocalDate today, int liveDays) {
        return today.minusDays(liveDays + DAYS_BEFORE_NOW)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static Result run(
            int subscribers,
            World world,
            int historyDays,
            int liveDays,
            int eventsPerSecond,
            long seed,
            Duration checkpointInterval,
            int partitions,
            Path configPath,
            ScoringConfig config)
            throws Exception {
        LocalDate liveDate = liveFrom(LocalDate.now(ZoneOffset.UTC), liveDays);
        long liveFrom = liveDate.toEpochDay() * DAY;
        SubscriberSimulator simulator =
                new SubscriberSimulator(subscribers, seed, liveFrom - historyDays * DAY, world);
        Set<String> all = new HashSet<>();
        for (SimulatedSubscriber subscriber : simulator.subscribers()) {
            all.add(subscriber.id());
        }
        try (BenchBroker broker = BenchBroker.start(partitions);
                KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            long history = AlertLatency.loadHistory(producer, simulator, all, historyDays);
            AlertLatency.say(
                    String.format(
                            "incidents: loaded %,d profiles and %,d events of history; starting the job",
                            all.size(), history));
            try (BenchCluster cluster = BenchCluster.start("rocksdb", checkpointInterval)) {
                var env = cluster.environment();
                PulseJob.build(env, broker.jobSettings(configPath), config);
                JobID job = cluster.submit(env);
                JobProbe probe = cluster.probe(job);
                long taken = history + all.size();
                AlertLatency.awaitScored(cluster, job, probe, taken, HISTORY_TIMEOUT);

                HourCloses closes =
                        new HourCloses(
                                liveFrom,
                                liveFrom + liveDays * DAY,
                                Duration.ofSeconds(config.time().outOfOrdernessSeconds()));
                var topic = AlertLatency.partitions(BenchBroker.TOPICS.incidents(), partitions);
                AlertWatcher uncommitted =
                        new AlertWatcher(
                                broker.bootstrapServers(),
                                topic,
                                IsolationLevel.READ_UNCOMMITTED,
                                closes,
                                AlertWatcher.INCIDENTS);
                AlertWatcher committed =
                        new AlertWatcher(
                                broker.bootstrapServers(),
                                topic,
                                IsolationLevel.READ_COMMITTED,
                                closes,
                                AlertWatcher.INCIDENTS);
                List<AlertWatcher> watchers = List.of(uncommitted, committed);
                List<Thread> threads =
                        List.of(
                                new Thread(uncommitted, "incidents-read-uncommitted"),
                                new Thread(committed, "incidents-read-committed"));
                threads.forEach(Thread::start);
                try {
                    for (AlertWatcher watcher : watchers) {
                        watcher.awaitPositioned();
                        watcher.countFrom(Long.MIN_VALUE);
                    }
                    AlertLatency.say(
                            String.format(
                                    "incidents: feeding %d days from %s at %,d events/s",
                                    liveDays, liveDate, eventsPerSecond));
                    LatencyFeed feed =
                            new LatencyFeed(
                                    producer,
                                    BenchBroker.TOPICS.events(),
                                    simulator,
                                    all,
                                    eventsPerSecond,
                                    Duration.ofDays(1),
                                    closes);
                    feed.run();
                    if (feed.failure() != null) {
                        throw new IllegalStateException("sending events failed", feed.failure());
                    }
                    long stopped = System.nanoTime();
                    AlertLatency.awaitScored(
                            cluster, job, probe, taken + feed.count(), CATCH_UP_TIMEOUT);
                    double caughtUp = (System.nanoTime() - stopped) / 1e9;
                    AlertLatency.awaitCommittedAlerts(uncommitted, committed, checkpointInterval);
                    AlertLatency.stop(watchers, threads);
                    cluster.cancel(job);
                    return new Result(
                            subscribers,
                            world.outagesPerMonth(),
                            historyDays,
                            history,
                            liveDate.toString(),
                            liveDays,
                            eventsPerSecond,
                            checkpointInterval.toMillis(),
                            feed.count(),
                            feed.seconds(),
                            feed.count() / feed.seconds(),
                            caughtUp,
                            closes.closed(),
                            uncommitted.seen(),
                            committed.seen());
                } finally {
                    watchers.forEach(AlertWatcher::stop);
                }
            }
        }
    }
}
