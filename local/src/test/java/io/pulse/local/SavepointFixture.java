package io.pulse.local;

import io.pulse.schema.AlertStatus;
import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.OperatorIds;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.control.ControlArtifact;
import io.pulse.scoring.functions.ScoreSubscriberFunction;
import io.pulse.scoring.state.SealedDaysSerializer;
import io.pulse.scoring.state.StoredSubscriber;
import io.pulse.scoring.state.StoredSubscriberSerializer;
import io.pulse.scoring.usage.RecentEventIds;
import io.pulse.scoring.usage.SealedDays;
import io.pulse.simulator.SimulatedHour;
import io.pulse.simulator.SubscriberSimulator;
import io.pulse.state.SubscriberState;
import io.pulse.state.UsageCounters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.complaint;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.planChange;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.ratedCall;
import static io.pulse.scoring.TestEvents.ratedDataSession;
import static io.pulse.scoring.TestEvents.ratedSms;
import static io.pulse.scoring.TestEvents.repoFile;
import static io.pulse.scoring.TestEvents.service;
import static io.pulse.scoring.TestEvents.sms;

/**
 * A savepoint of the scoring job kept in the repository, with the input that produced it and the
 * keyed state it holds. {@link SavepointRestoreITCase} restores every later build from each
 * released one; the fixture of the current state layout is written by {@link
 * SavepointFixtureWriter} when a layout is fixed, never to make a failing restore pass.
 *
 * <ul>
 *   <li>{@code pulse-0.1}: state format 1, as Pulse 0.1 wrote it.
 *   <li>{@code pulse-0.2}: state format 2 (spend by service, plan changes, complaints by category,
 *       profile-only entries with their expiry).
 *   <li>{@code pulse-0.3}: state format 2, and the control topic's versions in the scoring
 *       operator's broadcast state: a configuration published while the job ran ({@link
 *       #LIVE_CONFIG_VERSION}) is in force in the savepoint.
 *   <li>{@code pulse-0.4}: as 0.3, and the areas' watch for network incidents: each region's judged
 *       hours ({@code AreaWatchSerializer} format 1), its open hours and its next close, and the
 *       scoring subtasks' counts not yet sent (operator state).
 *   <li>{@code pulse-0.5}: state format 3, as 0.4 with an open episode held by a network incident
 *       (its id in the episode) and the incidents read back in the scoring operator's broadcast
 *       state; profiles with an account and a home cell.
 *   <li>{@code pulse-0.6}: as 0.5, and the customer accounts' watch: the lines of account {@link
 *       #ACCOUNT} ({@code spend-1} and {@code held-1}) as they last reported.
 *   <li>{@code pulse-0.7}: sealed days format 3, weekly buckets beyond the daily days: {@link
 *       #WEEKS} has called every day from day {@link #WEEKS_FIRST_DAY}, so that its oldest days are
 *       in weeks in the savepoint.
 * </ul>
 *
 * <p>The input of the current fixture: the simulator's first {@link #DAYS} days of {@link
 * #SIMULATED} subscribers (plans, services, bills, faults, care contacts), and subscribers whose
 * later behaviour depends on restored state: {@code quiet-1} falls silent on day 10 (its silence
 * timer, due after the fixture's last day, is in the savepoint), {@code repeat-1} re-sends an event
 * counted before the savepoint, {@code spend-1} is a key account whose events carry every kind of
 * spend the state keeps and a plan downgrade, {@code profile-1} has a profile and no event (its
 * expiry timer is in the savepoint), and {@code held-1}, a key account of the north with an account
 * and a cell, falls silent on day 9 while the incidents topic has an incident of the north open
 * from day 11 ({@link #currentIncidents}): its silence is held by it in the savepoint, and {@code
 * weeks-1} calls once a day from day {@link #WEEKS_FIRST_DAY}, its events first. Released fixtures
 * keep the input they were written from.
 */
final class SavepointFixture {
    static final SavepointFixture PULSE_0_1 = new SavepointFixture("pulse-0.1");
    static final SavepointFixture PULSE_0_2 = new SavepointFixture("pulse-0.2");
    static final SavepointFixture PULSE_0_3 = new SavepointFixture("pulse-0.3");
    static final SavepointFixture PULSE_0_4 = new SavepointFixture("pulse-0.4");
    static final SavepointFixture PULSE_0_5 = new SavepointFixture("pulse-0.5");
    static final SavepointFixture PULSE_0_6 = new SavepointFixture("pulse-0.6");

    /** The fixture of the current state layout: a new layout adds one, released ones stay. */
    static final SavepointFixture CURRENT = new SavepointFixture("pulse-0.7");

    /**
     * The configuration the fixtures from pulse-0.3 on had in force from the control topic when
     * their savepoints were taken; the fixtures before have none and score with the job's file.
     */
    static final String LIVE_CONFIG_VERSION = "fixture-live-1";

    static final int SIMULATED = 12;
    static final int DAYS = 14;
    static final String QUIET = "quiet-1";
    static final int QUIET_LAST_DAY = 10;
    static final String REPEAT = "repeat-1";
    static final SubscriberEvent REPEATED_EVENT = sms("r-1", REPEAT, at(13, 10));
    static final String SPEND = "spend-1";
    static final String PROFILE_ONLY = "profile-1";
    static final String HELD = "held-1";
    static final int HELD_LAST_DAY = 9;
    static final String HELD_BY = "north@" + at(11, 0);
    static final String ACCOUNT = "acct-7";
    static final String WEEKS = "weeks-1";
    static final int WEEKS_FIRST_DAY = -40;

    final String name;
    final Path directory;
    final Path savepoint;
    final Path events;
    final Path profiles;
    final Path state;
    final Path incidents;

    private SavepointFixture(String name) {
        this.name = name;
        this.directory = repoFile("local/src/test/resources/savepoints").resolve(name);
        this.savepoint = directory.resolve("savepoint");
        this.events = directory.resolve("events.jsonl");
        this.profiles = directory.resolve("profiles.jsonl");
        this.state = directory.resolve("state.json");
        this.incidents = directory.resolve("incidents.jsonl");
    }

    /** Every released fixture, oldest first. */
    static List<SavepointFixture> released() {
        return List.of(PULSE_0_1, PULSE_0_2, PULSE_0_3, PULSE_0_4, PULSE_0_5, PULSE_0_6, CURRENT);
    }

    /** Whether the fixture's savepoint holds the watch of {@link #ACCOUNT}'s two lines. */
    boolean holdsAnAccount() {
        return this != PULSE_0_1
                && this != PULSE_0_2
                && this != PULSE_0_3
                && this != PULSE_0_4
                && this != PULSE_0_5;
    }

    /** Whether the fixture's state holds {@link #HELD}'s silence held by an incident. */
    boolean holdsAnIncident() {
        return Files.exists(incidents);
    }

    /** The configuration version the fixture's savepoint has in force after a restore. */
    String configVersionInForce() {
        return this == PULSE_0_1 || this == PULSE_0_2
                ? PulseTestKit.testConfig().version()
                : LIVE_CONFIG_VERSION;
    }

    /** The version the current fixture's job is given on its control topic. */
    static ControlArtifact liveConfig() {
        return PulseTestKit.testConfigVersion(
                LIVE_CONFIG_VERSION,
                "baseline: {MASS: 75, BUSINESS: 75, KEY_ACCOUNT: 80}",
                "baseline: {MASS: 70, BUSINESS: 72, KEY_ACCOUNT: 80}");
    }

    @Override
    public String toString() {
        return name;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The profiles the current fixture's job reads, in order. */
    static List<SubscriberProfile> currentProfiles() {
        List<SubscriberProfile> profiles =
                new ArrayList<>(new SubscriberSimulator(SIMULATED, 11, DAY_0).profiles());
        SubscriberProfile keyAccount = profile(SPEND, Segment.KEY_ACCOUNT, DAY_0);
        keyAccount.setPlanMonthlyFeeMinor(50_000);
        keyAccount.setAccountId(ACCOUNT);
        profiles.add(keyAccount);
        profiles.add(profile(PROFILE_ONLY, Segment.MASS, at(3, 0)));
        profiles.add(
                SubscriberProfile.newBuilder(profile(HELD, Segment.KEY_ACCOUNT, DAY_0))
                        .setAccountId(ACCOUNT)
                        .setCellId("north-12")
                        .build());
        return profiles;
    }

    /**
     * The incidents topic of the current fixture's job, as if the areas' watch had written it: an
     * incident of the north open from day 11 on.
     */
    static List<NetworkIncident> currentIncidents() {
        return List.of(incident(AlertStatus.OPEN, at(11, 1)));
    }

    /** A record of the fixture's incident of the north. */
    static NetworkIncident incident(AlertStatus status, long eventTime) {
        return NetworkIncident.newBuilder(
                        TestEvents.incident(HELD_BY, at(11, 0), status, eventTime))
                .setUsualActive(120)
                .setActive(10)
                .setAffectedSubscribers(110)
                .setRecommendedAction("Check the area's cells")
                .setConfigVersion("fixture")
                .build();
    }

    /**
     * The events the current fixture's job reads, in order: all of them are in the savepoint's
     * state.
     */
    static List<SubscriberEvent> currentEvents() {
        SubscriberSimulator simulator = new SubscriberSimulator(SIMULATED, 11, DAY_0);
        List<SubscriberEvent> events = new ArrayList<>();
        for (int day = WEEKS_FIRST_DAY; day < 0; day++) {
            events.add(outgoingCall("w" + day, WEEKS, at(day, 10), CallScope.LOCAL, 100 - day));
        }
        for (int hour = 0; hour < DAYS * 24; hour++) {
            SimulatedHour simulated = simulator.nextHour();
            events.addAll(simulated.events());
            // quiet-1 falls silent late enough that its silence is still due when the savepoint is
            // taken
            if (hour % 24 == 9 && hour / 24 >= QUIET_LAST_DAY - 2 && hour / 24 <= QUIET_LAST_DAY) {
                int day = hour / 24;
                events.add(outgoingCall("q-" + day, QUIET, at(day, 9), CallScope.LOCAL, 120));
            }
            if (hour % 24 == 12) {
                events.addAll(spend(hour / 24));
            }
            if (hour == HELD_LAST_DAY * 24 + 9) {
                events.add(outgoingCall("h-1", HELD, at(HELD_LAST_DAY, 9), CallScope.LOCAL, 60));
            }
            if (hour % 24 == 10) {
                int day = hour / 24;
                events.add(outgoingCall("w" + day, WEEKS, at(day, 10), CallScope.LOCAL, 100));
            }
        }
        events.add(REPEATED_EVENT);
        return events;
    }

    /** A day of {@code spend-1}: every kind of spend, a value-added fee and a downgrade. */
    private static List<SubscriberEvent> spend(int day) {
        List<SubscriberEvent> events = new ArrayList<>();
        events.add(ratedCall("sc-" + day, SPEND, at(day, 12), 300, 1_000));
        events.add(ratedSms("ss-" + day, SPEND, at(day, 12) + 60_000, 20));
        events.add(ratedDataSession("sd-" + day, SPEND, at(day, 12) + 120_000, 40_000_000, 300));
        if (day == 1) {
            events.add(service("sv-1", SPEND, at(1, 13), "CUG", ServiceAction.SUBSCRIBE, 20_000L));
        }
        if (day == 8) {
            events.add(planChange("sp-8", SPEND, at(8, 13), ServiceAction.DOWNGRADE, 35_000L));
            events.add(complaint("sq-8", SPEND, at(8, 14), ComplaintCategory.SERVICE_ATTITUDE, 2));
        }
        return events;
    }

    static <T extends SpecificRecord> void writeLines(Path file, List<T> records, Class<T> type)
            throws IOException {
        RecordCodec<T> codec = WireFormat.JSON.codec(type);
        List<String> lines = new ArrayList<>(records.size());
        for (T record : records) {
            lines.add(new String(codec.encode(record), StandardCharsets.UTF_8));
        }
        Files.write(file, lines);
    }

    static <T extends SpecificRecord> List<T> readLines(Path file, Class<T> type) throws Exception {
        RecordCodec<T> codec = WireFormat.JSON.codec(type);
        List<T> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(codec.decode(line.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    /**
     * The keyed state of the scoring operator in a savepoint, read with this build's serializers
     * (Flink's State Processor API): per subscriber its state, profile, sealed days and the number
     * of remembered event ids, as Avro JSON.
     */
    static Map<String, JsonNode> readState(Path savepoint) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        SavepointReader reader =
                SavepointReader.read(
                        env, savepoint.toUri().toString(), new EmbeddedRocksDBStateBackend());
        Map<String, JsonNode> state = new TreeMap<>();
        try (CloseableIterator<String> rows =
                reader.readKeyedState(
                                OperatorIdentifier.forUid(OperatorIds.SCORE_SUBSCRIBERS),
                                new StateDump())
                        .executeAndCollect()) {
            while (rows.hasNext()) {
                JsonNode row = JSON.readTree(rows.next());
                state.put(row.get("subscriberId").asText(), row);
            }
        }
        return state;
    }

    static void writeState(Path file, Map<String, JsonNode> state) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), state);
    }

    Map<String, JsonNode> readExpectedState() throws IOException {
        Map<String, JsonNode> expected = new TreeMap<>();
        JSON.readTree(state.toFile())
                .fields()
                .forEachRemaining(e -> expected.put(e.getKey(), e.getValue()));
        return expected;
    }

    /** One subscriber's keyed state as a JSON row, read through the job's own state descriptors. */
    private static final class StateDump extends KeyedStateReaderFunction<String, String> {
        private transient ValueState<StoredSubscriber> subscriber;
        private transient ValueState<SealedDays> sealedDays;

        @Override
        public void open(OpenContext context) {
            subscriber =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            ScoreSubscriberFunction.SUBSCRIBER,
                                            StoredSubscriberSerializer.INSTANCE));
            sealedDays =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            ScoreSubscriberFunction.SEALED_DAYS,
                                            SealedDaysSerializer.INSTANCE));
        }

        @Override
        public void readKey(String key, Context context, Collector<String> out) throws Exception {
            StoredSubscriber stored = subscriber.value();
            SubscriberState state = stored == null ? null : stored.state();
            ObjectNode row = JSON.createObjectNode();
            row.put("subscriberId", key);
            // the fingerprints are bytes; their number says enough, and the restore test re-sends
            // one
            row.put("rememberedEventIds", state == null ? 0 : RecentEventIds.size(state));
            if (state != null) {
                state =
                        SubscriberState.newBuilder(state)
                                .setRecentEventIds(RecentEventIds.empty())
                                .build();
            }
            row.set("state", avroJson(state));
            row.set("profile", avroJson(stored == null ? null : stored.profile()));
            ObjectNode sealed = row.putObject("days");
            SealedDays days = sealedDays.value();
            if (days != null) {
                for (Map.Entry<Integer, UsageCounters> day : days.days()) {
                    sealed.set(Integer.toString(day.getKey()), avroJson(day.getValue()));
                }
                if (days.weekCount() > 0) {
                    ObjectNode weeks = row.putObject("weeks");
                    for (Map.Entry<Integer, UsageCounters> week : days.weeks()) {
                        weeks.set(Integer.toString(week.getKey()), avroJson(week.getValue()));
                    }
                }
            }
            row.set("timers", JSON.valueToTree(context.registeredEventTimeTimers()));
            out.collect(JSON.writeValueAsString(row));
        }

        @SuppressWarnings("unchecked")
        private static <T extends SpecificRecord> JsonNode avroJson(T record) throws IOException {
            if (record == null) {
                return JSON.nullNode();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), bytes);
            new SpecificDatumWriter<>((Class<T>) record.getClass()).write(record, encoder);
            encoder.flush();
            return JSON.readTree(bytes.toByteArray());
        }
    }
}
