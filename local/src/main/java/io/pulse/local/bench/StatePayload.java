package io.pulse.local.bench;

import io.pulse.cli.ConfigOption;
import io.pulse.cli.Numbers;
import io.pulse.cli.PulseCommandLine;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.engine.Outcome;
import io.pulse.scoring.engine.SubscriberScorer;
import io.pulse.scoring.state.SealedDaysSerializer;
import io.pulse.scoring.state.StoredSubscriber;
import io.pulse.scoring.state.StoredSubscriberSerializer;
import io.pulse.scoring.usage.SealedDays;
import io.pulse.simulator.SubscriberSimulator;

import org.apache.flink.core.memory.DataOutputSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the state formats make of a subscriber's history, without RocksDB around it: replays
 * simulated subscribers through the job's scoring logic, then serializes each one's two state
 * values as the job stores them and reports the bytes per subscriber, part by part.
 *
 * <pre>
 * bin/pulse-run local io.pulse.local.bench.StatePayload [--subscribers 1000] [--days 92]
 * </pre>
 */
@Command(
        name = "pulse-run local io.pulse.local.bench.StatePayload",
        mixinStandardHelpOptions = true,
        description =
                "What the state formats make of a subscriber's history, without RocksDB around it: replays"
                        + " simulated subscribers through the job's scoring logic, serializes each one's two state values as"
                        + " the job stores them and prints the bytes per subscriber, part by part.")
public final class StatePayload implements Callable<Integer> {

    @Option(
            names = "--subscribers",
            paramLabel = "N",
            defaultValue = "1000",
            converter = Numbers.Positive.class,
            description = "simulated subscribers")
    private int subscribers;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "92",
            converter = Numbers.Positive.class,
            description = "simulated days of history")
    private int days;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "simulator seed")
    private long seed;

    @Mixin private ConfigOption configOption;

    public static void main(String[] args) {
        PulseCommandLine.exit(new StatePayload(), args);
    }

    @Override
    public Integer call() throws Exception {
        ScoringConfig config = ScoringConfig.load(configOption.path());
        SubscriberScorer scorer = new SubscriberScorer(config, ChurnScorer.loadModels(config));
        long start =
                Instant.now()
                        .truncatedTo(ChronoUnit.DAYS)
                        .minus(Duration.ofDays(days + 2L))
                        .toEpochMilli();
        SubscriberSimulator simulator = new SubscriberSimulator(subscribers, seed, start);

        Map<String, StoredSubscriber> stored = new HashMap<>();
        Map<String, SealedDays> sealed = new HashMap<>();
        for (SubscriberProfile profile : simulator.profiles()) {
            stored.put(profile.getSubscriberId(), new StoredSubscriber(null, profile));
        }
        long events = 0;
        for (int hour = 0; hour < days * 24; hour++) {
            for (SubscriberEvent event : simulator.nextHour().events()) {
                StoredSubscriber subscriber =
                        stored.computeIfAbsent(
                                event.getSubscriberId(), k -> new StoredSubscriber(null, null));
                Outcome outcome =
                        scorer.onEvent(
                                event.getSubscriberId(),
                                subscriber.state(),
                                subscriber.profile(),
                                event,
                                sealed.computeIfAbsent(
                                        event.getSubscriberId(), k -> new SealedDays()),
                                0L);
                if (outcome.state() != null) {
                    subscriber.state(outcome.state());
                }
                events++;
            }
        }

        long perEvent = 0;
        long profiles = 0;
        long eventIds = 0;
        long baselines = 0;
        long treeSides = 0;
        long sealedBytes = 0;
        long sealedDays = 0;
        long sealedWeeks = 0;
        for (Map.Entry<String, StoredSubscriber> entry : stored.entrySet()) {
            StoredSubscriber subscriber = entry.getValue();
            perEvent += size(subscriber);
            profiles +=
                    size(new StoredSubscriber(null, subscriber.profile()))
                            - size(new StoredSubscriber(null, null));
            if (subscriber.state() != null) {
                eventIds += subscriber.state().getRecentEventIds().remaining();
                baselines += subscriber.state().getAnomalyBaselines().remaining();
                treeSides += subscriber.state().getTreeSides().remaining();
            }
            SealedDays history = sealed.get(entry.getKey());
            if (history != null) {
                sealedBytes += size(history);
                sealedDays += history.size();
                sealedWeeks += history.weekCount();
            }
        }
        double n = stored.size();
        System.out.printf(
                "%,d subscribers, %,d events over %d days (%.1f a subscriber a day)%n",
                stored.size(), events, days, events / n / days);
        System.out.printf(
                "per-event value  %,6.0f B a subscriber (event-id fingerprints %,.0f B, anomaly baselines"
                        + " %,.0f B, split sides %,.0f B, profile %,.0f B)%n",
                perEvent / n, eventIds / n, baselines / n, treeSides / n, profiles / n);
        System.out.printf(
                "sealed buckets   %,6.0f B a subscriber (%.1f days and %.1f weeks, %.1f B a bucket)%n",
                sealedBytes / n,
                sealedDays / n,
                sealedWeeks / n,
                sealedBytes / (double) Math.max(1, sealedDays + sealedWeeks));
        System.out.printf(
                "total            %,6.0f B a subscriber, before RocksDB's keys and block overhead%n",
                (perEvent + sealedBytes) / n);
        return 0;
    }

    private static int size(StoredSubscriber value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        StoredSubscriberSerializer.INSTANCE.serialize(value, out);
        return out.length();
    }

    private static int size(SealedDays value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        SealedDaysSerializer.INSTANCE.serialize(value, out);
        return out.length();
    }
}
