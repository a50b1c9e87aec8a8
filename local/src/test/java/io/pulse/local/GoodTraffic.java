package io.pulse.local;

import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.WireFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.HOUR;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.bill;
import static io.pulse.scoring.TestEvents.careContact;
import static io.pulse.scoring.TestEvents.competitorContact;
import static io.pulse.scoring.TestEvents.complaint;
import static io.pulse.scoring.TestEvents.droppedCall;
import static io.pulse.scoring.TestEvents.faultCleared;
import static io.pulse.scoring.TestEvents.faultReport;
import static io.pulse.scoring.TestEvents.incomingCall;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.payment;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.ratedCall;
import static io.pulse.scoring.TestEvents.service;
import static io.pulse.scoring.TestEvents.sms;
import static io.pulse.scoring.TestEvents.survey;

/**
 * Valid input, generated from a seed: a profile and a fortnight of everyday events for each of a
 * few dozen subscribers, in event-time order, written the ways producers write them: Avro or JSON,
 * with the subscriber id as key, without a key or with an empty one, and now and then re-sent (a
 * mediation system retrying), which must count once.
 */
final class GoodTraffic {
    static final String AVRO = "good: Avro, keyed";
    static final String JSON = "good: JSON, keyed";
    static final String NO_KEY = "good: Avro, no Kafka key";
    static final String EMPTY_KEY = "good: JSON, empty Kafka key";
    static final String RESENT = "good: re-sent (same eventId)";
    static final String PROFILE_AVRO = "good: profile, Avro";
    static final String PROFILE_JSON = "good: profile, JSON";

    /** A producer added a field: the job ignores it (and counts it). */
    static final String ADDED_FIELD = "good: JSON with a field the schema does not have";

    static final String PROFILE_ADDED_FIELD =
            "good: profile, JSON with a field the schema does not have";

    /** A valid event and the record carrying it. */
    record GoodRecord(String category, SubscriberEvent event, byte[] key, byte[] value)
            implements InputRecord {}

    /** A valid profile and the record carrying it. */
    record GoodProfile(String category, SubscriberProfile profile, byte[] key, byte[] value)
            implements InputRecord {}

    private final Random random;
    private final List<String> subscribers = new ArrayList<>();
    private final List<SubscriberProfile> profiles = new ArrayList<>();
    private final List<SubscriberEvent> events = new ArrayList<>();
    private final List<GoodRecord> records = new ArrayList<>();

    private GoodTraffic(long seed) {
        this.random = new Random(seed);
    }

    static GoodTraffic generate(long seed, int subscriberCount, int days) {
        GoodTraffic traffic = new GoodTraffic(seed);
        for (int i = 1; i <= subscriberCount; i++) {
            traffic.subscriber(String.format("sub-%03d", i), i, days);
        }
        traffic.events.sort(Comparator.comparingLong(SubscriberEvent::getEventTime));
        traffic.events.forEach(traffic::write);
        return traffic;
    }

    List<String> subscriberIds() {
        return subscribers;
    }

    /** Every profile as the record that carries it, one in three as JSON. */
    List<GoodProfile> profileRecords() {
        List<GoodProfile> records = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            SubscriberProfile profile = profiles.get(i);
            byte[] key = utf8(profile.getSubscriberId());
            byte[] json = WireFormat.JSON.codec(SubscriberProfile.class).encode(profile);
            records.add(
                    i % 6 == 0
                            ? new GoodProfile(PROFILE_JSON, profile, key, json)
                            : i % 6 == 3
                                    ? new GoodProfile(
                                            PROFILE_ADDED_FIELD,
                                            profile,
                                            key,
                                            withAddedField(json, "vip", "true"))
                                    : new GoodProfile(
                                            PROFILE_AVRO,
                                            profile,
                                            key,
                                            WireFormat.AVRO
                                                    .codec(SubscriberProfile.class)
                                                    .encode(profile)));
        }
        return records;
    }

    /**
     * Every event as the record that carries it, in event-time order, re-sent copies right after
     * their original.
     */
    List<GoodRecord> records() {
        return records;
    }

    /** The events of a subscriber flooding the feed, as plain keyed Avro records. */
    static List<GoodRecord> asAvroRecords(String category, List<SubscriberEvent> events) {
        return events.stream()
                .map(e -> new GoodRecord(category, e, utf8(e.getSubscriberId()), avro(e)))
                .toList();
    }

    private void write(SubscriberEvent event) {
        GoodRecord record = asRecord(event);
        records.add(record);
        if (random.nextInt(60) == 0) {
            records.add(new GoodRecord(RESENT, event, record.key(), record.value()));
        }
    }

    private GoodRecord asRecord(SubscriberEvent event) {
        int form = random.nextInt(20);
        if (form == 0) {
            return new GoodRecord(NO_KEY, event, null, avro(event));
        }
        if (form == 1) {
            return new GoodRecord(EMPTY_KEY, event, new byte[0], json(event));
        }
        if (form == 2) {
            return new GoodRecord(
                    ADDED_FIELD,
                    event,
                    utf8(event.getSubscriberId()),
                    withAddedField(json(event), "channel", "\"app\""));
        }
        if (form < 6) {
            return new GoodRecord(JSON, event, utf8(event.getSubscriberId()), json(event));
        }
        return new GoodRecord(AVRO, event, utf8(event.getSubscriberId()), avro(event));
    }

    private void subscriber(String id, int index, int days) {
        subscribers.add(id);
        Segment segment =
                index % 10 == 0
                        ? Segment.KEY_ACCOUNT
                        : index % 4 == 0 ? Segment.BUSINESS : Segment.MASS;
        profiles.add(profile(id, segment, DAY_0 - 30 * DAY));
        int serial = 0;
        for (int day = 0; day < days; day++) {
            int perDay = random.nextInt(3);
            long time = at(day, 7 + random.nextInt(4)) + random.nextInt(60) * 60_000L;
            for (int n = 0; n < perDay; n++) {
                events.add(everyday(id + "-e" + serial++, id, time));
                time += HOUR + random.nextInt(3) * HOUR;
            }
        }
        billAndPayment(id, index, serial);
        if (index % 7 == 0) {
            long reported = at(4, 12);
            events.add(faultReport(id + "-f1", id, reported, reported + DAY));
            events.add(faultCleared(id + "-f2", id, at(6, 12), id + "-f1"));
        }
    }

    private void billAndPayment(String id, int index, int serial) {
        long billed = at(1, 6) + index * 60_000L;
        events.add(bill(id + "-b" + serial, id, billed, 5_000 + random.nextInt(5_000)));
        if (index % 5 != 0) {
            events.add(
                    payment(id + "-p" + serial, id, billed + (5 + random.nextInt(5)) * DAY, 5_000));
        }
    }

    private SubscriberEvent everyday(String eventId, String subscriber, long time) {
        int kind = random.nextInt(100);
        if (kind < 35) {
            return outgoingCall(
                    eventId,
                    subscriber,
                    time,
                    random.nextInt(5) == 0 ? CallScope.LONG_DISTANCE : CallScope.LOCAL,
                    20 + random.nextInt(900));
        }
        if (kind < 45) {
            return incomingCall(eventId, subscriber, time, 20 + random.nextInt(600));
        }
        if (kind < 50) {
            return ratedCall(
                    eventId, subscriber, time, 60 + random.nextInt(600), 10 + random.nextInt(300));
        }
        if (kind < 70) {
            return sms(eventId, subscriber, time);
        }
        if (kind < 82) {
            return SubscriberEvent.newBuilder()
                    .setEventId(eventId)
                    .setSubscriberId(subscriber)
                    .setEventTime(time)
                    .setType(EventType.DATA_SESSION)
                    .setDataBytes(1_000_000L + random.nextInt(500_000_000))
                    .build();
        }
        if (kind < 85) {
            return droppedCall(eventId, subscriber, time, 5 + random.nextInt(60));
        }
        if (kind < 88) {
            return complaint(
                    eventId,
                    subscriber,
                    time,
                    ComplaintCategory.values()[random.nextInt(7)],
                    1 + random.nextInt(3));
        }
        if (kind < 91) {
            return careContact(eventId, subscriber, time);
        }
        if (kind < 93) {
            return survey(eventId, subscriber, time, 1 + random.nextInt(5));
        }
        if (kind < 96) {
            return service(
                    eventId,
                    subscriber,
                    time,
                    random.nextBoolean() ? "RINGBACK" : "CALLER_ID",
                    random.nextBoolean() ? ServiceAction.SUBSCRIBE : ServiceAction.CANCEL);
        }
        if (kind < 98) {
            return competitorContact(eventId, subscriber, time, "RivalTel");
        }
        return SubscriberEvent.newBuilder(sms(eventId, subscriber, time))
                .setDirection(Direction.INCOMING)
                .build();
    }

    static byte[] avro(SubscriberEvent event) {
        return WireFormat.AVRO.codec(SubscriberEvent.class).encode(event);
    }

    static byte[] json(SubscriberEvent event) {
        return WireFormat.JSON.codec(SubscriberEvent.class).encode(event);
    }

    /** The JSON object with one more field, {@code "name": value} (value as JSON text), first. */
    static byte[] withAddedField(byte[] json, String name, String value) {
        String text = new String(json, StandardCharsets.UTF_8);
        return ("{\"" + name + "\":" + value + "," + text.substring(1))
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
