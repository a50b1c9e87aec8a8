package io.pulse.simulator;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.schema.codec.WireFormat;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a {@link KafkaSimulator}. Start from {@link #defaults(String)} and change what you
 * need with the {@code with...} methods.
 *
 * @param kafka where and how the producer connects, security included
 * @param eventsTopic where subscriber events go (default {@value #DEFAULT_EVENTS_TOPIC})
 * @param profilesTopic where profiles go, before any event (default {@value
 *     #DEFAULT_PROFILES_TOPIC})
 * @param subscribers population size (default {@value #DEFAULT_SUBSCRIBERS})
 * @param eventsPerSecond the most events sent per second (default {@value
 *     #DEFAULT_EVENTS_PER_SECOND})
 * @param seed the same seed gives the same population and events (default {@value #DEFAULT_SEED})
 * @param backfillDays simulated time starts at midnight UTC this many days ago (default {@value
 *     #DEFAULT_BACKFILL_DAYS})
 * @param format how record values are encoded: AVRO (default) or JSON
 * @param world churn, network outages and key accounts (default {@link World#DEFAULT})
 * @param truthDirectory where the run's ground truth is written ({@link GroundTruthFiles}); null:
 *     nowhere
 */
public record SimulatorOptions(
        KafkaClientSettings kafka,
        String eventsTopic,
        String profilesTopic,
        int subscribers,
        int eventsPerSecond,
        long seed,
        int backfillDays,
        WireFormat format,
        World world,
        Path truthDirectory) {

    public static final String DEFAULT_EVENTS_TOPIC = "subscriber-events";
    public static final String DEFAULT_PROFILES_TOPIC = "subscriber-profiles";
    public static final int DEFAULT_SUBSCRIBERS = 2000;
    public static final int DEFAULT_EVENTS_PER_SECOND = 10_000;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_BACKFILL_DAYS = 21;

    public SimulatorOptions {
        Objects.requireNonNull(kafka, "kafka");
        requireText(eventsTopic, "eventsTopic");
        requireText(profilesTopic, "profilesTopic");
        if (subscribers < 1) {
            throw new IllegalArgumentException(
                    "subscribers must be at least 1, got " + subscribers);
        }
        if (eventsPerSecond < 1) {
            throw new IllegalArgumentException(
                    "eventsPerSecond must be at least 1, got " + eventsPerSecond);
        }
        if (backfillDays < 0) {
            throw new IllegalArgumentException(
                    "backfillDays must not be negative, got " + backfillDays);
        }
        Objects.requireNonNull(format, "format");
        if (format == WireFormat.AUTO) {
            throw new IllegalArgumentException(
                    "format must be AVRO or JSON; AUTO is for reading only");
        }
        Objects.requireNonNull(world, "world");
    }

    /**
     * All defaults: Avro, 2000 subscribers, 10000 events/s, seed 42, 21 days of backfill, the
     * {@link World#DEFAULT default world}, no ground truth file.
     */
    public static SimulatorOptions defaults(KafkaClientSettings kafka) {
        return new SimulatorOptions(
                kafka,
                DEFAULT_EVENTS_TOPIC,
                DEFAULT_PROFILES_TOPIC,
                DEFAULT_SUBSCRIBERS,
                DEFAULT_EVENTS_PER_SECOND,
                DEFAULT_SEED,
                DEFAULT_BACKFILL_DAYS,
                WireFormat.AVRO,
                World.DEFAULT,
                null);
    }

    public SimulatorOptions withKafka(KafkaClientSettings value) {
        return new SimulatorOptions(
                value,
                eventsTopic,
                profilesTopic,
                subscribers,
                eventsPerSecond,
                seed,
                backfillDays,
                format,
                world,
                truthDirectory);
    }

    public SimulatorOptions withEventsTopic(String value) {
        return new SimulatorOptions(
                kafka,
                value,
                profilesTopic,
                subscribers,
                eventsPerSecond,
                seed,
                backfillDays,
                format,
                world,
                truthDirectory);
    }

    public SimulatorOptions withProfilesTopic(String value) {
        return new SimulatorOptions(
                kafka,
                eventsTopic,
                value,
                subscribers,
                eventsPerSecond,
                seed,
                backfillDays,
                format,
                world,
                truthDirectory);
    }

    public SimulatorOptions withSubscribers(int value) {
        return new SimulatorOptions(
                kafka,
                eventsTopic,
                profilesTopic,
                value,
                eventsPerSecond,
                seed,
                backfillDays,
                format,
                world,
                truthDirectory);
    }

    public SimulatorOptions withEventsPerSecond(int value) {
        return new SimulatorOptions(
                kafka,
                eventsTopic,
                profilesTopic,
                subscribers,
                value,
                seed,
                backfillDays,
                format,
                world,
                truthDirectory);
    }

    public SimulatorOptions withSeed(long value) {
        return new SimulatorOptions(
                kafka,
                eventsTopic,
                profilesTopic,
                subscribers,
                eventsPerSecond,
                value,
                backfillDays,
                format,
                world,
                truthDirectory);
    }

    public SimulatorOptions withBackfillDays(int value) {
        return new SimulatorOptions(
                kafka,
                eventsTopic,
                profilesTopic,
                subscribers,
                eventsPerSecond,
                seed,
                value,
                format,
                world,
                truthDirectory);
    }

    public SimulatorOptions withFormat(WireFormat value) {
        return new SimulatorOptions(
                kafka,
                eventsTopic,
                profilesTopic,
                subscribers,
                eventsPerSecond,
                seed,
                backfillDays,
                value,
                world,
                truthDirectory);
    }

    public SimulatorOptions withMonthlyChurn(double value) {
        return withWorld(world.withMonthlyChurn(value));
    }

    public SimulatorOptions withOutagesPerMonth(double value) {
        return withWorld(world.withOutagesPerMonth(value));
    }

    public SimulatorOptions withWorld(World value) {
        return new SimulatorOptions(
                kafka,
                eventsTopic,
                profilesTopic,
                subscribers,
                eventsPerSecond,
                seed,
                backfillDays,
                format,
                value,
                truthDirectory);
    }

    public SimulatorOptions withTruthDirectory(Path value) {
        return new SimulatorOptions(
                kafka,
                eventsTopic,
                profilesTopic,
                subscribers,
                eventsPerSecond,
                seed,
                backfillDays,
                format,
                world,
                value);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
