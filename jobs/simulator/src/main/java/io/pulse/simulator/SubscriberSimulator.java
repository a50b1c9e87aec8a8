package io.pulse.simulator;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;
import static io.pulse.simulator.CalendarHour.HOUR_MILLIS;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A seeded simulation of a subscriber population and its event stream, hour by hour, with no
 * I/O. Subscribers get a segment (mostly MASS, some BUSINESS, 3% KEY_ACCOUNT), a profile and a
 * planted {@link Behaviour} in fixed shares; their events follow daily rhythms (UTC taken as
 * local time): calls, SMS and data sessions, monthly bills and their payments, top-ups, service
 * changes, complaints, care contacts, faults and their repair, survey answers. Each planted
 * behaviour is timed so that the scoring job raises its alert ({@link Behaviour#plantedAlert()})
 * within the first 90 simulated days: within three weeks where the alert needs little history,
 * otherwise as soon as the job has the history it needs (a month for a dormant line or a bill
 * shock, two for a spend drop, three for a usage drop).
 *
 * <p>The same seed, size and start give the same profiles and the same events with the same ids.
 * Hours are generated in sequence from the start: {@link #nextHour()} returns the next one.
 * Instances are not thread-safe.
 */
public final class SubscriberSimulator {

    private static final Comparator<SubscriberEvent> BY_EVENT_TIME =
            Comparator.comparingLong(SubscriberEvent::getEventTime);

    private final long start;
    private final List<SimulatedSubscriber> subscribers;
    private final FollowUpQueue followUps = new FollowUpQueue();
    private final SubscriberHourGenerator generator;
    private long nextHourStart;
    private int lastHourSize = 16;

    /**
     * @param subscribers population size, at least 1
     * @param seed the same seed gives the same population and events
     * @param start epoch millis of the first simulated hour; must be a whole hour (UTC)
     */
    public SubscriberSimulator(int subscribers, long seed, long start) {
        if (subscribers < 1) {
            throw new IllegalArgumentException("subscribers must be at least 1, got " + subscribers);
        }
        if (Math.floorMod(start, HOUR_MILLIS) != 0) {
            throw new IllegalArgumentException("start must be a whole hour, got " + Instant.ofEpochMilli(start));
        }
        this.start = start;
        this.nextHourStart = start;
        this.subscribers = Collections.unmodifiableList(Population.generate(subscribers, seed, start));
        this.generator = new SubscriberHourGenerator(seed, followUps);
    }

    /** Midnight UTC {@code backfillDays} days before the day of {@code now}: where a backfill starts. */
    public static long backfillStart(Instant now, int backfillDays) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(backfillDays);
        return day.toEpochDay() * DAY_MILLIS;
    }

    /** Epoch millis of the first simulated hour. */
    public long start() {
        return start;
    }

    /** The population in id order, with the behaviour planted in each subscriber. */
    public List<SimulatedSubscriber> subscribers() {
        return subscribers;
    }

    /** Fresh copies of all profiles, in id order; {@code updatedAt} is the simulation start. */
    public List<SubscriberProfile> profiles() {
        List<SubscriberProfile> profiles = new ArrayList<>(subscribers.size());
        for (SimulatedSubscriber subscriber : subscribers) {
            profiles.add(SubscriberProfile.newBuilder(subscriber.profile()).build());
        }
        return profiles;
    }

    /** Epoch millis of the hour the next call to {@link #nextHour()} generates. */
    public long nextHourStart() {
        return nextHourStart;
    }

    /**
     * Generates the events of all subscribers in [{@link #nextHourStart()}, +1 h), sorted by event
     * time, and moves on to the following hour.
     */
    public SimulatedHour nextHour() {
        CalendarHour hour = CalendarHour.startingAt(nextHourStart);
        List<SubscriberEvent> events = new ArrayList<>(lastHourSize + lastHourSize / 4);
        for (SimulatedSubscriber subscriber : subscribers) {
            generator.generate(subscriber, hour, events);
        }
        followUps.drainBefore(hour.end(), events);
        events.sort(BY_EVENT_TIME);
        nextHourStart = hour.end();
        lastHourSize = Math.max(16, events.size());
        return new SimulatedHour(hour.start(), Collections.unmodifiableList(events));
    }
}
