package io.pulse.local;

import io.pulse.schema.CallScope;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.OperatorIds;
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
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.repoFile;
import static io.pulse.scoring.TestEvents.sms;

/**
 * A savepoint of the scoring job kept in the repository, with the input that produced it and the
 * keyed state it holds. {@link SavepointRestoreITCase} restores every later build from it; it is
 * written by {@link SavepointFixtureWriter} when a state layout is fixed, never to make a failing
 * restore pass.
 *
 * <p>The input: the simulator's first {@link #DAYS} days of {@link #SIMULATED} subscribers (plans,
 * services, bills, faults, care contacts), and two subscribers whose later behaviour depends on
 * restored state: {@code quiet-1} falls silent on day 10 (its silence timer, due after the
 * fixture's last day, is in the savepoint) and {@code repeat-1} re-sends an event counted before
 * the savepoint.
 */
final class SavepointFixture {
    /**
     * The fixture of the current state layout. Before the first release it is replaced when the
     * layout changes on purpose; after it, a new layout adds a fixture and released ones stay.
     */
    static final String NAME = "pulse-0.1";

    static final Path DIRECTORY = repoFile("local/src/test/resources/savepoints").resolve(NAME);
    static final Path SAVEPOINT = DIRECTORY.resolve("savepoint");
    static final Path EVENTS = DIRECTORY.resolve("events.jsonl");
    static final Path PROFILES = DIRECTORY.resolve("profiles.jsonl");
    static final Path STATE = DIRECTORY.resolve("state.json");

    static final int SIMULATED = 12;
    static final int DAYS = 14;
    static final String QUIET = "quiet-1";
    static final int QUIET_LAST_DAY = 10;
    static final String REPEAT = "repeat-1";
    static final SubscriberEvent REPEATED_EVENT = sms("r-1", REPEAT, at(13, 10));

    private static final ObjectMapper JSON = new ObjectMapper();

    private SavepointFixture() {}

    /** The profiles the fixture job read, in order. */
    static List<SubscriberProfile> profiles() {
        return new SubscriberSimulator(SIMULATED, 11, DAY_0).profiles();
    }

    /** The events the fixture job read, in order: all of them are in the savepoint's state. */
    static List<SubscriberEvent> events() {
        SubscriberSimulator simulator = new SubscriberSimulator(SIMULATED, 11, DAY_0);
        List<SubscriberEvent> events = new ArrayList<>();
        for (int hour = 0; hour < DAYS * 24; hour++) {
            SimulatedHour simulated = simulator.nextHour();
            events.addAll(simulated.events());
            // quiet-1 falls silent late enough that its silence is still due when the savepoint is
            // taken
            if (hour % 24 == 9 && hour / 24 >= QUIET_LAST_DAY - 2 && hour / 24 <= QUIET_LAST_DAY) {
                int day = hour / 24;
                events.add(outgoingCall("q-" + day, QUIET, at(day, 9), CallScope.LOCAL, 120));
            }
        }
        events.add(REPEATED_EVENT);
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

    static Map<String, JsonNode> readExpectedState() throws IOException {
        Map<String, JsonNode> state = new TreeMap<>();
        JSON.readTree(STATE.toFile())
                .fields()
                .forEachRemaining(e -> state.put(e.getKey(), e.getValue()));
        return state;
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
