package io.pulse.local.bench;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.simulator.SimulatedHour;
import io.pulse.simulator.SubscriberSimulator;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated traffic of a population too large to pre-generate, record by record, for the scale
 * curve. The stream goes round the population once per round, each round in another order, so that
 * subscribers interleave as in real traffic and a subscriber comes back only after all others. It
 * is in event-time order, spread evenly over a few simulated days, at most {@value #EVENTS_PER_DAY}
 * events per subscriber and day.
 *
 * <p>The first round gives every subscriber its first event: it creates the subscriber's state and
 * is not timed ({@link #timedFrom()}). The timed events that follow all find their subscriber's
 * state in place, last touched a whole round earlier, as in a running system: at ten million
 * subscribers it is on disk, at ten thousand in RocksDB's cache. So each population is timed on the
 * same kind of work, and only the population differs.
 *
 * <p>Each event is a real one of the simulator: a small template population is simulated over the
 * same days, and subscriber s takes the events of template subscriber {@code s mod templates}, one
 * per round, with its own ids and times. Type mix and field values are the simulator's; deadlines
 * move with the event, and a payment or fault clearing refers to the subscriber's own earlier bill
 * or fault report.
 *
 * <p>Record i depends on i and the settings only: the floor and full runs read the same stream at
 * the same generation cost, and nothing is held in memory but the template.
 */
final class ScaleTraffic implements EventRecords {
    private static final long serialVersionUID = 1L;

    /** Template subscribers: enough for every planted behaviour of the simulator to occur. */
    static final int TEMPLATE_SUBSCRIBERS = 500;

    /**
     * About a simulated subscriber's events per day: the stream spans as many days as its rounds
     * need at this density.
     */
    static final int EVENTS_PER_DAY = 30;

    private static final long DAY_MILLIS = 86_400_000L;

    /**
     * The round's order multiplies positions by powers of this prime, coprime with any population
     * below it.
     */
    private static final long ORDER_PRIME = 2_147_483_647L;

    private final int subscribers;
    private final long timedEvents;
    private final int days;
    private final long seed;
    private final long start;

    /** Per template subscriber, its events in time order. */
    private transient List<List<SubscriberEvent>> templates;

    /** Per template event, how many events earlier the event it refers to is; 0 when none. */
    private transient List<int[]> referenceDistances;

    private transient AvroBinaryCodec<SubscriberEvent> codec;
    private transient long orderRound = -1;
    private transient long orderMultiplier;
    private transient long orderOffset;

    /**
     * @param subscribers population size
     * @param timedEvents events after the first round, the ones timed
     * @param seed the same seed gives the same stream
     * @param start event time of the first record: a whole hour (UTC)
     */
    ScaleTraffic(int subscribers, long timedEvents, long seed, long start) {
        if (subscribers < 1 || timedEvents < 1) {
            throw new IllegalArgumentException("subscribers and timed events must be at least 1");
        }
        if ((long) subscribers >= ORDER_PRIME) {
            throw new IllegalArgumentException("at most " + (ORDER_PRIME - 1) + " subscribers");
        }
        this.subscribers = subscribers;
        this.timedEvents = timedEvents;
        this.days = daysFor(rounds(subscribers, timedEvents));
        this.seed = seed;
        this.start = start;
    }

    /**
     * Rounds of the stream: the first one, and as many as the timed events reach into (the last may
     * be partial).
     */
    static long rounds(int subscribers, long timedEvents) {
        return 1 + (timedEvents + subscribers - 1) / subscribers;
    }

    /**
     * Simulated days the stream spans: as many as a simulated subscriber would need for its events.
     */
    static int daysFor(long rounds) {
        return (int) ((rounds + EVENTS_PER_DAY - 1) / EVENTS_PER_DAY);
    }

    int subscribers() {
        return subscribers;
    }

    /** The most events a subscriber has: one per round. */
    long eventsPerSubscriber() {
        return rounds(subscribers, timedEvents);
    }

    int days() {
        return days;
    }

    @Override
    public long size() {
        return subscribers + timedEvents;
    }

    /** The first round, which creates every subscriber's state, is not timed. */
    @Override
    public long timedFrom() {
        return subscribers;
    }

    @Override
    public void open() {
        // the template spans the stream's days and one more, so a subscriber with a quiet day still
        // has events
        SubscriberSimulator simulator =
                new SubscriberSimulator(Math.min(subscribers, TEMPLATE_SUBSCRIBERS), seed, start);
        Map<String, List<SubscriberEvent>> bySubscriber = new HashMap<>();
        for (int hour = 0; hour < (days + 1) * 24; hour++) {
            SimulatedHour simulated = simulator.nextHour();
            for (SubscriberEvent event : simulated.events()) {
                bySubscriber
                        .computeIfAbsent(event.getSubscriberId(), id -> new ArrayList<>())
                        .add(event);
            }
        }
        templates = new ArrayList<>();
        referenceDistances = new ArrayList<>();
        for (var subscriber : simulator.subscribers()) {
            List<SubscriberEvent> events = bySubscriber.get(subscriber.id());
            if (events != null) {
                templates.add(events);
                referenceDistances.add(referenceDistances(events));
            }
        }
        codec = new AvroBinaryCodec<>(SubscriberEvent.class);
        orderRound = -1; // transient: not set by the initializer after deserialization
    }

    @Override
    public ConsumerRecord<byte[], byte[]> record(long index) {
        SubscriberEvent event = event(index);
        return new ConsumerRecord<>(
                TOPIC,
                0,
                index,
                event.getSubscriberId().getBytes(StandardCharsets.UTF_8),
                codec.encode(event));
    }

    /** The event of record {@code index}. */
    SubscriberEvent event(long index) {
        long round = index / subscribers;
        int subscriber = subscriberAt(round, (int) (index % subscribers));
        String id = subscriberId(subscriber);
        int template = subscriber % templates.size();
        List<SubscriberEvent> events = templates.get(template);
        int position = (int) (round % events.size());
        SubscriberEvent original = events.get(position);

        long time = eventTime(index);
        long shift = time - original.getEventTime();
        SubscriberEvent event =
                SubscriberEvent.newBuilder(original)
                        .setEventId(id + '-' + round)
                        .setSubscriberId(id)
                        .setEventTime(time)
                        .build();
        if (event.getDueTime() != null) {
            event.setDueTime(event.getDueTime() + shift);
        }
        if (event.getCommitTime() != null) {
            event.setCommitTime(event.getCommitTime() + shift);
        }
        int back = referenceDistances.get(template)[position];
        if (back > 0) {
            event.setReferenceId(id + '-' + (round - back));
        }
        return event;
    }

    /**
     * Event time of record {@code index}: the stream's days divided evenly, so never decreasing.
     */
    long eventTime(long index) {
        return start + index * (days * DAY_MILLIS) / size();
    }

    /**
     * The subscriber at {@code position} of round {@code round}: each round orders the population
     * by {@code (m * position + b) mod n}, a permutation because m is a power of a prime above n.
     */
    int subscriberAt(long round, int position) {
        if (round != orderRound) {
            orderMultiplier = power(ORDER_PRIME % subscribers, round + 1, subscribers);
            orderOffset = Math.floorMod(mix(seed + round), (long) subscribers);
            orderRound = round;
        }
        return (int) ((orderMultiplier * position + orderOffset) % subscribers);
    }

    /**
     * {@code sub-00000042} for subscriber 41: the simulator's ids, wide enough for a hundred
     * million.
     */
    static String subscriberId(int subscriber) {
        String number = Integer.toString(subscriber + 1);
        return "sub-" + "00000000".substring(Math.min(8, number.length())) + number;
    }

    private static int[] referenceDistances(List<SubscriberEvent> events) {
        Map<String, Integer> positions = new HashMap<>();
        int[] distances = new int[events.size()];
        for (int i = 0; i < events.size(); i++) {
            SubscriberEvent event = events.get(i);
            Integer referred =
                    event.getReferenceId() == null ? null : positions.get(event.getReferenceId());
            distances[i] = referred == null ? 0 : i - referred;
            positions.put(event.getEventId(), i);
        }
        return distances;
    }

    /** {@code base^exponent mod modulus}, for a modulus below 2^31. */
    private static long power(long base, long exponent, long modulus) {
        long result = 1 % modulus;
        long b = base % modulus;
        for (long e = exponent; e > 0; e >>= 1) {
            if ((e & 1) == 1) {
                result = result * b % modulus;
            }
            b = b * b % modulus;
        }
        return result;
    }

    /** The SplitMix64 finaliser: a different offset for every round. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
