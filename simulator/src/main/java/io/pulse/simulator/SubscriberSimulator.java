package io.pulse.simulator;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;
import static io.pulse.simulator.CalendarHour.HOUR_MILLIS;

/**
 * A seeded simulation of a subscriber population and its event stream, hour by hour, with no I/O.
 * Subscribers get a segment (mostly MASS, some BUSINESS, by default 3% KEY_ACCOUNT lines grouped
 * into {@link KeyAccounts accounts}, some of which move lines away), a profile, a {@link Persona},
 * a planted {@link Behaviour} in fixed shares, and maybe a way out: about {@code monthlyChurn} of
 * them leave each month, for one of four causes, showing some of that cause's signs in the weeks
 * before they do, and ending with a STATUS_CHANGE to TERMINATED; about half as many show the same
 * signs for a while and stay ({@link ChurnPlan}). Everyone lives an ordinary life besides: quiet
 * spells, trips abroad, the odd complaint, fault or late payment. Events follow daily rhythms (UTC
 * taken as local time): calls, SMS and data sessions, monthly bills and their payments, top-ups,
 * service and plan changes, complaints, care contacts, faults and their repair, survey answers,
 * status changes. Opt-in, the network itself fails now and then: an outage of a region cuts a share
 * of its subscribers off for a few hours to two days ({@link NetworkOutages}).
 *
 * <p>What is really the matter with each subscriber (behaviour, way out, conditions such as arrears
 * or late repairs as they arise, the outages that cut them off) is the ground truth: {@link
 * #subscribers()} and {@link #drainConditions()}.
 *
 * <p>The same seed, size, start, churn and outages give the same profiles and the same events with
 * the same ids. Outages draw from a stream of their own: they take away the events of those cut off
 * and add fault reports, and leave everyone else's events as they would have been. Hours are
 * generated in sequence from the start: {@link #nextHour()} returns the next one. Instances are not
 * thread-safe.
 */
public final class SubscriberSimulator {

    private static final Comparator<SubscriberEvent> BY_EVENT_TIME =
            Comparator.comparingLong(SubscriberEvent::getEventTime);

    private final long start;
    private final World world;
    private final NetworkOutages outages;
    private final List<SimulatedSubscriber> subscribers;
    private final Map<String, SimulatedSubscriber> byId = new HashMap<>();
    private final FollowUpQueue followUps = new FollowUpQueue();
    private final TruthLog truth = new TruthLog();
    private final SubscriberHourGenerator generator;
    private final List<SubscriberEvent> dueFollowUps = new ArrayList<>();
    private long nextHourStart;
    private int lastHourSize = 16;

    /**
     * A population that loses the default share a month ({@value
     * ChurnPlanner#DEFAULT_MONTHLY_CHURN}).
     */
    public SubscriberSimulator(int subscribers, long seed, long start) {
        this(subscribers, seed, start, ChurnPlanner.DEFAULT_MONTHLY_CHURN);
    }

    /** A population that loses {@code monthlyChurn} a month, on a network that never fails. */
    public SubscriberSimulator(int subscribers, long seed, long start, double monthlyChurn) {
        this(subscribers, seed, start, World.DEFAULT.withMonthlyChurn(monthlyChurn));
    }

    /**
     * A population that loses {@code monthlyChurn} a month, with {@code outagesPerMonth} regional
     * network outages a month; otherwise the {@link World#DEFAULT default world}.
     */
    public SubscriberSimulator(
            int subscribers, long seed, long start, double monthlyChurn, double outagesPerMonth) {
        this(
                subscribers,
                seed,
                start,
                World.DEFAULT.withMonthlyChurn(monthlyChurn).withOutagesPerMonth(outagesPerMonth));
    }

    /**
     * @param subscribers population size, at least 1
     * @param seed the same seed gives the same population and events
     * @param start epoch millis of the first simulated hour; must be a whole hour (UTC)
     * @param world churn, outages and key accounts
     */
    public SubscriberSimulator(int subscribers, long seed, long start, World world) {
        if (subscribers < 1) {
            throw new IllegalArgumentException(
                    "subscribers must be at least 1, got " + subscribers);
        }
        if (Math.floorMod(start, HOUR_MILLIS) != 0) {
            throw new IllegalArgumentException(
                    "start must be a whole hour, got " + Instant.ofEpochMilli(start));
        }
        this.start = start;
        this.world = world;
        this.nextHourStart = start;
        this.subscribers =
                Collections.unmodifiableList(Population.generate(subscribers, seed, start, world));
        for (SimulatedSubscriber subscriber : this.subscribers) {
            byId.put(subscriber.id(), subscriber);
        }
        this.outages = new NetworkOutages(seed, world.outagesPerMonth(), this.subscribers);
        this.generator = new SubscriberHourGenerator(seed, followUps, truth, outages);
    }

    /**
     * Midnight UTC {@code backfillDays} days before the day of {@code now}: where a backfill
     * starts.
     */
    public static long backfillStart(Instant now, int backfillDays) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(backfillDays);
        return day.toEpochDay() * DAY_MILLIS;
    }

    /** Epoch millis of the first simulated hour. */
    public long start() {
        return start;
    }

    /** The share of subscribers who leave in a month. */
    public double monthlyChurn() {
        return world.monthlyChurn();
    }

    /** Regional network outages a month over all regions; 0: none. */
    public double outagesPerMonth() {
        return outages.perMonth();
    }

    /** What the simulated world is like: churn, outages, key accounts. */
    public World world() {
        return world;
    }

    /**
     * The population in id order, with the behaviour planted in each subscriber and its way out.
     */
    public List<SimulatedSubscriber> subscribers() {
        return subscribers;
    }

    /** The subscriber of an id, or null. */
    public SimulatedSubscriber subscriber(String id) {
        return byId.get(id);
    }

    /**
     * Starts recording the ground truth's conditions, before the first hour: those the population's
     * plans imply, then those the generated hours reveal, for {@link #drainConditions()}.
     */
    public void recordConditions() {
        if (nextHourStart != start) {
            throw new IllegalStateException("conditions are recorded from the first hour on");
        }
        truth.start();
        for (SimulatedSubscriber subscriber : subscribers) {
            GroundTruth.plannedConditions(subscriber).forEach(truth::record);
        }
    }

    /**
     * The conditions recorded since the last call (after {@link #recordConditions()}): those
     * planned with the population first, then those the generated hours revealed (arrears, late
     * repairs, shock bills, quiet spells, trips, network outages).
     */
    public List<ConditionWindow> drainConditions() {
        return truth.drain();
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
     * time, and moves on to the following hour. Follow-ups (payments, repairs) of a subscriber who
     * has left by their time are dropped.
     */
    public SimulatedHour nextHour() {
        CalendarHour hour = CalendarHour.startingAt(nextHourStart);
        recordOrdinaryLife(hour);
        outages.moveTo(hour);
        outages.record(hour, truth);
        List<SubscriberEvent> events = new ArrayList<>(lastHourSize + lastHourSize / 4);
        for (SimulatedSubscriber subscriber : subscribers) {
            generator.generate(subscriber, hour, events);
        }
        dueFollowUps.clear();
        followUps.drainBefore(hour.end(), dueFollowUps);
        for (SubscriberEvent followUp : dueFollowUps) {
            if (!byId.get(followUp.getSubscriberId()).terminatedAt(followUp.getEventTime())) {
                events.add(followUp);
            }
        }
        events.sort(BY_EVENT_TIME);
        nextHourStart = hour.end();
        lastHourSize = Math.max(16, events.size());
        return new SimulatedHour(hour.start(), Collections.unmodifiableList(events));
    }

    /**
     * At the first hour and each week's first: the quiet spells, trips and anomalies that start
     * that week, into the truth.
     */
    private void recordOrdinaryLife(CalendarHour hour) {
        long day = Math.floorDiv(hour.start(), DAY_MILLIS);
        boolean first = hour.start() == start;
        if (!truth.recording() || !first && (hour.hourOfDay() != 0 || Math.floorMod(day, 7) != 0)) {
            return;
        }
        long week = Math.floorDiv(day, 7);
        for (SimulatedSubscriber subscriber : subscribers) {
            LifeEvents life = subscriber.life();
            for (long w = first ? week - 2 : week; w <= week; w++) {
                record(subscriber, Condition.QUIET_SPELL, life.quietSpellOf(w));
                record(subscriber, Condition.TRAVEL, life.tripOf(w));
                record(subscriber, Condition.DATA_SURGE, life.dataSurgeOf(w));
                record(subscriber, Condition.CALL_DROPS, life.callDropBurstOf(w));
            }
            for (long w = first ? week - LifeEvents.COLLAPSE_WEEKS_BACK : week; w <= week; w++) {
                record(subscriber, Condition.SPEND_COLLAPSE, life.spendCollapseOf(w));
            }
        }
    }

    private void record(
            SimulatedSubscriber subscriber, Condition condition, LifeEvents.Spell spell) {
        if (spell != null && (spell.firstDay() + spell.days()) * DAY_MILLIS > start) {
            truth.record(
                    subscriber.id(),
                    condition,
                    spell.firstDay() * DAY_MILLIS,
                    (spell.firstDay() + spell.days()) * DAY_MILLIS);
        }
    }
}
