package io.pulse.local;

import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.EventType;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.ValueTier;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.usage.UsageMath;
import io.pulse.scoring.validation.DeadLetters;
import io.pulse.state.UsageCounters;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static io.pulse.local.GoodTraffic.avro;
import static io.pulse.local.GoodTraffic.json;
import static io.pulse.local.GoodTraffic.utf8;
import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.bill;
import static io.pulse.scoring.TestEvents.careContact;
import static io.pulse.scoring.TestEvents.competitorContact;
import static io.pulse.scoring.TestEvents.complaint;
import static io.pulse.scoring.TestEvents.faultCleared;
import static io.pulse.scoring.TestEvents.faultReport;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.payment;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.service;
import static io.pulse.scoring.TestEvents.sms;
import static io.pulse.scoring.TestEvents.survey;

/**
 * A corpus of bad records, generated from a seed, each tagged with the dead letter it must produce:
 * its reason, and a fragment of the detail that names the problem. The records claim to come from
 * real (good) subscribers wherever the damage leaves a subscriber id, so a bad record that slipped
 * through would change a good subscriber's scores, not go unnoticed on a stranger.
 *
 * <p>The expected reason follows from what the record is, never from running the decoder on it:
 * bytes of another schema must be UNREADABLE, a well-formed event with a negative duration must be
 * INVALID. Unreadable bytes that happen to decode would be a finding.
 */
final class HostileCorpus {
    /** Which input topic a record is written to. */
    enum Input {
        EVENTS,
        PROFILES
    }

    /** A bad record and the dead letter it must produce. */
    record BadRecord(
            String category, Input input, byte[] key, byte[] value, String reason, String detail)
            implements InputRecord {
        @Override
        public String toString() {
            return category
                    + " ("
                    + reason
                    + ", '"
                    + detail
                    + "', "
                    + (value == null ? "null" : value.length + " bytes")
                    + ")";
        }
    }

    static final String FLOOD = "event: flood, one subscriber on one day";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUGE = "x".repeat(100_000);
    private static final int FIELDS = SubscriberEvent.getClassSchema().getFields().size();

    private final Random random;
    private final List<String> victims;
    private final long time;
    private final long now;
    private final List<BadRecord> records = new ArrayList<>();
    private int serial;

    private HostileCorpus(long seed, List<String> victims, long time, long now) {
        this.random = new Random(seed);
        this.victims = victims;
        this.time = time;
        this.now = now;
    }

    /**
     * The corpus for the given good subscribers, with event times around {@code time} and {@code
     * now} the wall-clock time the job's validator will compare "the future" against.
     */
    static List<BadRecord> generate(long seed, List<String> victims, long time, long now) {
        HostileCorpus corpus = new HostileCorpus(seed, victims, time, now);
        corpus.unreadableEvents();
        corpus.badJson();
        corpus.invalidEvents();
        corpus.keysAndSizes();
        corpus.unreadableProfiles();
        corpus.invalidProfiles();
        return corpus.records;
    }

    /**
     * {@code count} SMS of one subscriber within one hour of one day: more than any subscriber's
     * daily limit.
     */
    static List<SubscriberEvent> flood(String subscriber, long start, int count) {
        List<SubscriberEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(sms(subscriber + "-flood-" + i, subscriber, start + i * 500L));
        }
        return events;
    }

    private void unreadableEvents() {
        for (int i = 0; i < 8; i++) {
            byte[] whole = avro(anyEvent());
            event(
                    "truncated Avro",
                    DeadLetters.UNREADABLE,
                    "not a readable Avro SubscriberEvent",
                    Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1)));
        }
        event("empty or null value", DeadLetters.UNREADABLE, "empty value", new byte[0]);
        event("empty or null value", DeadLetters.UNREADABLE, "empty value", null);
        for (int i = 0; i < 10; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            noise[0] = (byte) (0x80 | noise[0]); // never '{' or whitespace: these are not JSON
            event("random bytes", DeadLetters.UNREADABLE, "SubscriberEvent", noise);
        }
        // a string length of 1 GiB and of the largest Avro allows, then three bytes
        event(
                "Avro length prefix claiming GBs",
                DeadLetters.UNREADABLE,
                "not a readable Avro SubscriberEvent",
                new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 1, 2, 3});
        event(
                "Avro length prefix claiming GBs",
                DeadLetters.UNREADABLE,
                "not a readable Avro SubscriberEvent",
                new byte[] {(byte) 0xEE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 1, 2, 3});
        String victim = victim();
        SubscriberProfile profile = profile(victim, Segment.KEY_ACCOUNT, time);
        event(
                "wrong schema (Avro of another record)",
                DeadLetters.UNREADABLE,
                "SubscriberEvent",
                avroOf(profile));
        event(
                "wrong schema (Avro of another record)",
                DeadLetters.UNREADABLE,
                "SubscriberEvent",
                avroOf(scoreUpdate(victim)));
        event(
                "wrong schema (Avro of another record)",
                DeadLetters.UNREADABLE,
                "SubscriberEvent",
                avroOf(usage()));
        event(
                "wrong schema (Avro of another record)",
                DeadLetters.UNREADABLE,
                "SubscriberEvent",
                avroOf(
                        DeadLetters.of(
                                DeadLetters.LATE,
                                "late",
                                "subscriber-events",
                                0,
                                1L,
                                time,
                                utf8(victim),
                                avro(sms("e", victim, time)),
                                now)));
        event(
                "wrong schema (JSON of another record)",
                DeadLetters.UNREADABLE,
                "missing field 'eventId'",
                WireFormat.JSON.codec(SubscriberProfile.class).encode(profile));
        event(
                "unknown enum index (Avro)",
                DeadLetters.UNREADABLE,
                "not a readable Avro SubscriberEvent",
                handEncoded(victim(), 99, -1));
        event(
                "unknown enum index (Avro)",
                DeadLetters.UNREADABLE,
                "not a readable Avro SubscriberEvent",
                handEncoded(victim(), -3, -1));
        event(
                "unknown union branch (Avro)",
                DeadLetters.UNREADABLE,
                "not a readable Avro SubscriberEvent",
                handEncoded(victim(), EventType.SMS.ordinal(), 5));
    }

    private void badJson() {
        for (String field : List.of("eventId", "subscriberId", "eventTime", "type")) {
            jsonEvent(
                    "JSON missing a required field",
                    "missing field '" + field + "'",
                    json -> json.remove(field));
        }
        jsonEvent(
                "JSON with a mistyped field",
                "field 'eventTime' must be a whole number",
                json -> json.put("eventTime", Instant.ofEpochMilli(time).toString()));
        jsonEvent(
                "JSON with a mistyped field",
                "field 'durationSec' must be a whole number",
                json -> json.put("durationSec", "60"));
        jsonEvent(
                "JSON with a mistyped field",
                "field 'durationSec' must be a whole number",
                json -> json.put("durationSec", 60.5));
        jsonEvent(
                "JSON with a mistyped field",
                "field 'dropped' must be true or false",
                json -> json.put("dropped", "no"));
        jsonEvent(
                "JSON with a mistyped field",
                "field 'eventId' must be a string",
                json -> json.put("eventId", 42));
        jsonEvent(
                "JSON with a mistyped field",
                "field 'durationSec' must be a whole number",
                json -> json.put("durationSec", 1L << 40));
        jsonEvent(
                "unknown enum symbol (JSON)",
                "field 'type' is 'FAX'",
                json -> json.put("type", "FAX"));
        jsonEvent(
                "unknown enum symbol (JSON)",
                "field 'direction' is 'SIDEWAYS'",
                json -> json.put("direction", "SIDEWAYS"));
        jsonEvent(
                "unknown enum symbol (JSON)",
                "field 'callScope' is 'local'",
                json -> json.put("callScope", "local"));
        byte[] whole = json(anyEvent());
        String text = new String(whole, StandardCharsets.UTF_8);
        event(
                "malformed JSON",
                DeadLetters.UNREADABLE,
                "not valid JSON",
                Arrays.copyOf(whole, whole.length / 2));
        event(
                "malformed JSON",
                DeadLetters.UNREADABLE,
                "not valid JSON",
                utf8(text + " trailing garbage"));
        event(
                "malformed JSON",
                DeadLetters.UNREADABLE,
                "not valid JSON: Trailing token",
                utf8(text + text));
        event(
                "malformed JSON",
                DeadLetters.UNREADABLE,
                "not valid JSON: Duplicate field 'subscriberId'",
                utf8(
                        text.replace(
                                "\"subscriberId\":",
                                "\"subscriberId\":\"" + victim() + "\",\"subscriberId\":")));
        event(
                "malformed JSON",
                DeadLetters.UNREADABLE,
                "not valid JSON: Document nesting depth",
                utf8("{\"eventId\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"));
        event(
                "malformed JSON",
                DeadLetters.UNREADABLE,
                "not valid JSON",
                new byte[] {'{', '"', 'e', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
    }

    private void invalidEvents() {
        String v = victim();
        invalid(
                "negative or absurd quantity",
                "VOICE_CALL durationSec -5",
                outgoingCall(id(), v, time, CallScope.LOCAL, -5));
        invalid(
                "negative or absurd quantity",
                "VOICE_CALL durationSec 1000000",
                outgoingCall(id(), victim(), time, CallScope.LOCAL, 1_000_000));
        invalid("negative or absurd quantity", "DATA_SESSION dataBytes -1", data(victim(), -1L));
        invalid(
                "negative or absurd quantity",
                "DATA_SESSION dataBytes 1125899906842624",
                data(victim(), 1L << 50));
        invalid(
                "negative or absurd quantity",
                "TOP_UP amountMinor 0",
                SubscriberEvent.newBuilder(payment(id(), victim(), time, 1))
                        .setType(EventType.TOP_UP)
                        .setAmountMinor(0L)
                        .build());
        invalid(
                "negative or absurd quantity",
                "PAYMENT amountMinor -100",
                payment(id(), victim(), time, -100));
        invalid(
                "negative or absurd quantity",
                "PAYMENT amountMinor 1000000000000",
                payment(id(), victim(), time, 1_000_000_000_000L));
        invalid(
                "negative or absurd quantity",
                "BILL amountMinor -1",
                bill(id(), victim(), time, -1));
        invalid(
                "negative or absurd quantity",
                "VOICE_CALL amountMinor -1",
                SubscriberEvent.newBuilder(outgoingCall(id(), victim(), time, CallScope.LOCAL, 60))
                        .setAmountMinor(-1L)
                        .build());
        invalid(
                "negative or absurd quantity",
                "CARE_CONTACT durationSec -60",
                SubscriberEvent.newBuilder(careContact(id(), victim(), time))
                        .setDurationSec(-60)
                        .build());
        invalid(
                "negative or absurd quantity",
                "COMPLAINT severity 9",
                complaint(id(), victim(), time, ComplaintCategory.NETWORK, 9));
        invalid(
                "negative or absurd quantity",
                "SURVEY surveyScore 7",
                survey(id(), victim(), time, 7));
        invalidJson(
                "negative or absurd quantity",
                "VOICE_CALL durationSec -5",
                outgoingCall(id(), victim(), time, CallScope.LOCAL, -5));

        long justBefore2000 = Instant.parse("1999-12-31T23:59:59.999Z").toEpochMilli();
        for (long before : new long[] {0L, -1L, justBefore2000, Long.MIN_VALUE}) {
            invalid("event time before 2000", "is before 2000-01-01", sms(id(), victim(), before));
        }
        invalidJson(
                "event time before 2000",
                "is before 2000-01-01",
                sms(id(), victim(), 946_684_799L));
        long year3000 = Instant.parse("3000-01-01T00:00:00Z").toEpochMilli();
        for (long future : new long[] {now + 2 * DAY, year3000, Long.MAX_VALUE}) {
            invalid(
                    "event time far in the future",
                    "more than a day in the future",
                    sms(id(), victim(), future));
        }
        invalid(
                "absurd due or commit time",
                "BILL dueTime 9223372036854775807",
                SubscriberEvent.newBuilder(bill(id(), victim(), time, 5_800))
                        .setDueTime(Long.MAX_VALUE)
                        .build());
        invalid(
                "absurd due or commit time",
                "BILL dueTime",
                SubscriberEvent.newBuilder(bill(id(), victim(), time, 5_800))
                        .setDueTime(time - DAY)
                        .build());
        invalid(
                "absurd due or commit time",
                "FAULT_REPORT commitTime",
                faultReport(id(), victim(), time, time + 5 * 365 * DAY));

        invalid(
                "huge string (100k characters)",
                "eventId must be 1 to 128",
                sms(HUGE, victim(), time));
        invalid(
                "huge string (100k characters)",
                "subscriberId must be 1 to 128",
                sms(id(), HUGE, time));
        invalid(
                "huge string (100k characters)",
                "serviceCode is 100000 characters",
                service(id(), victim(), time, HUGE, ServiceAction.SUBSCRIBE));
        invalid(
                "huge string (100k characters)",
                "competitor is 100000 characters",
                competitorContact(id(), victim(), time, HUGE));
        invalid(
                "huge string (100k characters)",
                "referenceId is 100000 characters",
                faultCleared(id(), victim(), time, HUGE));
        invalidJson(
                "huge string (100k characters)",
                "subscriberId must be 1 to 128",
                sms(id(), HUGE, time));
        jsonEvent(
                "huge string (100k characters)",
                "field 'category' is 'xxxxx",
                json -> json.put("type", "COMPLAINT").put("severity", 2).put("category", HUGE));

        invalid("empty or blank id", "eventId must be 1 to 128", sms("", victim(), time));
        invalid("empty or blank id", "eventId must be 1 to 128", sms("   ", victim(), time));
        invalid("empty or blank id", "subscriberId must be 1 to 128", sms(id(), "", time));
        invalidJson("empty or blank id", "subscriberId must be 1 to 128", sms(id(), " ", time));

        invalid(
                "field its type needs is missing",
                "VOICE_CALL needs direction",
                SubscriberEvent.newBuilder(outgoingCall(id(), victim(), time, CallScope.LOCAL, 60))
                        .setDirection(null)
                        .build());
        invalid(
                "field its type needs is missing",
                "COMPLAINT needs category",
                complaint(id(), victim(), time, null, 2));
        invalid(
                "field its type needs is missing",
                "SERVICE_CHANGE needs serviceCode",
                service(id(), victim(), time, " ", ServiceAction.SUBSCRIBE));
    }

    private void keysAndSizes() {
        byte[] noise = {(byte) 0x9c, 0x01, 0x02, 0x03};
        add(
                Input.EVENTS,
                "no or empty Kafka key, bad value",
                null,
                noise,
                DeadLetters.UNREADABLE,
                "SubscriberEvent");
        add(
                Input.EVENTS,
                "no or empty Kafka key, bad value",
                new byte[0],
                avro(sms("", victim(), time)),
                DeadLetters.INVALID,
                "eventId must be 1 to 128");
        // Near the broker's 1 MiB record limit, with a 10 kB key: a dead letter carrying all of it
        // (the key twice, as its key and in its value) would be over the limit.
        byte[] key = new byte[10_000];
        Arrays.fill(key, (byte) 'k');
        SubscriberEvent giant = sms(id(), "y".repeat(1_030_000 - 150), time);
        add(
                Input.EVENTS,
                "record near the 1 MiB limit",
                key,
                json(giant),
                DeadLetters.INVALID,
                "subscriberId must be 1 to 128");
    }

    private void unreadableProfiles() {
        SubscriberProfile good = profile(victim(), Segment.KEY_ACCOUNT, time);
        byte[] whole = avroOf(good);
        for (int i = 0; i < 3; i++) {
            profileBytes(
                    "truncated Avro",
                    DeadLetters.UNREADABLE,
                    "SubscriberProfile",
                    Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1)));
        }
        profileBytes(
                "wrong schema (Avro of another record)",
                DeadLetters.UNREADABLE,
                "SubscriberProfile",
                avro(anyEvent()));
        profileBytes(
                "wrong schema (JSON of another record)",
                DeadLetters.UNREADABLE,
                "missing field 'customerType'",
                json(anyEvent()));
        jsonProfile(
                "JSON missing a required field",
                "missing field 'planCode'",
                good,
                json -> json.remove("planCode"));
        jsonProfile(
                "JSON with a mistyped field",
                "field 'planMonthlyFeeMinor' must be a whole number",
                good,
                json -> json.put("planMonthlyFeeMinor", "lots"));
        jsonProfile(
                "unknown enum symbol (JSON)",
                "field 'segment' is 'PLATINUM'",
                good,
                json -> json.put("segment", "PLATINUM"));
    }

    private void invalidProfiles() {
        invalidProfile(
                "profile with a bad field",
                "planMonthlyFeeMinor -1",
                p -> p.setPlanMonthlyFeeMinor(-1));
        invalidProfile(
                "profile with a bad field",
                "planMonthlyFeeMinor 9223372036854775807",
                p -> p.setPlanMonthlyFeeMinor(Long.MAX_VALUE));
        invalidProfile(
                "profile with a bad field",
                "contractEndDate is before activationDate",
                p -> p.setContractEndDate(LocalDate.of(2020, 1, 1)));
        invalidProfile(
                "profile with a bad field",
                "contractEndDate 9999-12-31",
                p -> p.setContractEndDate(LocalDate.of(9999, 12, 31)));
        invalidProfile("profile with a bad field", "updatedAt 0", p -> p.setUpdatedAt(0L));
        // a key-account profile from the year 3000 would replace the real one and never be replaced
        invalidProfile(
                "profile with a bad field",
                "more than a day in the future",
                p -> p.setUpdatedAt(Instant.parse("3000-01-01T00:00:00Z").toEpochMilli()));
        invalidProfile("profile with a bad field", "birthYear 3000", p -> p.setBirthYear(3000));
        invalidProfile(
                "profile with a bad field",
                "activationDate 1900-01-01",
                p -> p.setActivationDate(LocalDate.of(1900, 1, 1)));
        invalidProfile(
                "profile with a bad field",
                "subscriberId must be 1 to 128",
                p -> p.setSubscriberId(""));
        invalidProfile(
                "huge string (100k characters)",
                "subscriberId must be 1 to 128",
                p -> p.setSubscriberId(HUGE));
        invalidProfile(
                "huge string (100k characters)",
                "planCode must be 1 to 128",
                p -> p.setPlanCode(HUGE));
        invalidProfile(
                "huge string (100k characters)",
                "region is 100000 characters",
                p -> p.setRegion(HUGE));
        invalidProfile(
                "huge string (100k characters)",
                "accountManagerId is 100000 characters",
                p -> p.setAccountManagerId(HUGE));
    }

    private void event(String category, String reason, String detail, byte[] value) {
        add(Input.EVENTS, category, utf8(victim()), value, reason, detail);
    }

    private void profileBytes(String category, String reason, String detail, byte[] value) {
        add(Input.PROFILES, category, utf8(victim()), value, reason, detail);
    }

    private void invalid(String category, String detail, SubscriberEvent event) {
        add(Input.EVENTS, category, utf8(keyOf(event)), avro(event), DeadLetters.INVALID, detail);
    }

    private void invalidJson(String category, String detail, SubscriberEvent event) {
        add(Input.EVENTS, category, utf8(keyOf(event)), json(event), DeadLetters.INVALID, detail);
    }

    private void jsonEvent(String category, String detail, Consumer<ObjectNode> damage) {
        SubscriberEvent event = outgoingCall(id(), victim(), time, CallScope.LOCAL, 60);
        add(
                Input.EVENTS,
                category,
                utf8(event.getSubscriberId()),
                damaged(json(event), damage),
                DeadLetters.UNREADABLE,
                detail);
    }

    private void jsonProfile(
            String category,
            String detail,
            SubscriberProfile profile,
            Consumer<ObjectNode> damage) {
        byte[] json = WireFormat.JSON.codec(SubscriberProfile.class).encode(profile);
        add(
                Input.PROFILES,
                category,
                utf8(profile.getSubscriberId()),
                damaged(json, damage),
                DeadLetters.UNREADABLE,
                detail);
    }

    private void invalidProfile(
            String category, String detail, Consumer<SubscriberProfile.Builder> damage) {
        String victim = victim();
        SubscriberProfile.Builder profile =
                SubscriberProfile.newBuilder(profile(victim, Segment.KEY_ACCOUNT, time));
        damage.accept(profile);
        add(
                Input.PROFILES,
                category,
                utf8(victim),
                avroOf(profile.build()),
                DeadLetters.INVALID,
                detail);
    }

    /** The category names the topic too: "event: truncated Avro", "profile: truncated Avro". */
    private void add(
            Input input, String category, byte[] key, byte[] value, String reason, String detail) {
        String topic = input == Input.EVENTS ? "event: " : "profile: ";
        records.add(new BadRecord(topic + category, input, key, value, reason, detail));
    }

    private SubscriberEvent anyEvent() {
        String victim = victim();
        return switch (random.nextInt(4)) {
            case 0 -> outgoingCall(id(), victim, time, CallScope.LOCAL, 60 + random.nextInt(600));
            case 1 -> complaint(id(), victim, time, ComplaintCategory.BILLING, 3);
            case 2 -> bill(id(), victim, time, 5_800);
            default -> service(id(), victim, time, "RINGBACK", ServiceAction.SUBSCRIBE);
        };
    }

    private SubscriberEvent data(String subscriber, long bytes) {
        return SubscriberEvent.newBuilder()
                .setEventId(id())
                .setSubscriberId(subscriber)
                .setEventTime(time)
                .setType(EventType.DATA_SESSION)
                .setDataBytes(bytes)
                .build();
    }

    /** An event written field by field, with an enum index or union branch no schema has. */
    private byte[] handEncoded(String subscriber, int typeIndex, int firstUnionBranch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            encoder.writeString(id());
            encoder.writeString(subscriber);
            encoder.writeLong(time);
            encoder.writeEnum(typeIndex);
            for (int field = 4; field < FIELDS; field++) {
                encoder.writeIndex(field == 4 && firstUnionBranch >= 0 ? firstUnionBranch : 0);
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private ScoreUpdate scoreUpdate(String subscriber) {
        return ScoreUpdate.newBuilder()
                .setSubscriberId(subscriber)
                .setEventTime(time)
                .setProcessingTime(now)
                .setChurnProbability(0.9)
                .setSatisfaction(10.0)
                .setSegment(Segment.KEY_ACCOUNT)
                .setLifecycleStage(LifecycleStage.DECLINE)
                .setValueTier(ValueTier.DIAMOND)
                .setChurnFlagged(true)
                .setModelScores(List.of())
                .setReasons(List.of())
                .setRecommendedAction("call")
                .setModelVersion("m")
                .setConfigVersion("c")
                .build();
    }

    private static UsageCounters usage() {
        UsageCounters counters = UsageMath.zero();
        counters.setOutCalls(3);
        counters.setOutLocalSec(600L);
        return counters;
    }

    private static byte[] damaged(byte[] json, Consumer<ObjectNode> damage) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(json);
            damage.accept(node);
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] avroOf(T record) {
        return WireFormat.AVRO.codec((Class<T>) record.getClass()).encode(record);
    }

    /** The Kafka key a producer would use: the subscriber id, cut short if it is absurd. */
    private static String keyOf(SubscriberEvent event) {
        String id = event.getSubscriberId();
        return id.length() > 128 ? id.substring(0, 128) : id;
    }

    private String victim() {
        return victims.get(random.nextInt(victims.size()));
    }

    private String id() {
        return "bad-" + serial++;
    }
}
