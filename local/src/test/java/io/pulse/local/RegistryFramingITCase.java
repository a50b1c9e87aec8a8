package io.pulse.local;

import io.pulse.schema.DeadLetter;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.RegistryEndpoints;
import io.pulse.schema.codec.RegistryFramedAvroCodec;
import io.pulse.schema.codec.SchemaRegistry;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.validation.DeadLetters;
import io.pulse.simulator.SubscriberSimulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.pulse.local.PulseTestKit.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry format through the whole job, on a real broker, a MiniCluster and RocksDB, against
 * the schema registry's REST endpoints served in the test ({@link RegistryEndpoints}: no schema
 * registry runs in-process from the package registries here). Events come framed with a producer's
 * evolved schema (a field Pulse does not know, {@code handsetModel}), profiles with Pulse's; the
 * scores go out framed with Pulse's schema, registered under {@code <topic>-value}. Every score
 * equals the job's logic in plain Java on the same records; an unframed record and one with an id
 * the registry does not know are dead letters naming why.
 */
class RegistryFramingITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final String GROUP = "registry-framing";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path checkpoints;

    @Test
    void framedRecordsOfAnEvolvedSchemaScoreAsPlainOnesAndTheOutputsAreFramed() throws Exception {
        SubscriberSimulator simulator = new SubscriberSimulator(30, 19, START);
        List<SubscriberProfile> profiles = simulator.profiles();
        List<SubscriberEvent> events = new ArrayList<>();
        for (int hour = 0; hour < 10 * 24; hour++) {
            events.addAll(simulator.nextHour().events());
        }
        ScoringConfig config = PulseTestKit.testConfig();
        ScoreReplay replay = new ScoreReplay(config, ChurnScorer.loadModels(config));
        profiles.forEach(replay::profile);
        events.forEach(replay::event);
        PulseTopics topics = KAFKA.kit().createTopics(GROUP, 2);

        try (RegistryEndpoints registry = RegistryEndpoints.start();
                ClusterUnderTest cluster =
                        ClusterUnderTest.start(PulseTestKit.flinkConfiguration(checkpoints), 2)) {
            Schema producerSchema = withCellId(SubscriberEvent.getClassSchema());
            int eventSchema = registry.register(producerSchema);
            int profileSchema = registry.register(SubscriberProfile.getClassSchema());
            JobID job =
                    cluster.submit(
                            2,
                            env ->
                                    PulseJob.build(
                                            env,
                                            KAFKA.kit()
                                                    .settings(
                                                            topics,
                                                            GROUP,
                                                            WireFormat.REGISTRY,
                                                            WireFormat.REGISTRY,
                                                            registry.url()),
                                            config));
            cluster.awaitRunning(job);
            try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
                for (SubscriberProfile p : profiles) {
                    send(
                            producer,
                            topics.profiles(),
                            p.getSubscriberId(),
                            RegistryEndpoints.framed(
                                    profileSchema, p.getSchema(), generic(p, p.getSchema())));
                }
            }
            KAFKA.kit().awaitGroupOffset(GROUP, topics.profiles(), profiles.size());
            try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
                for (SubscriberEvent e : events) {
                    send(
                            producer,
                            topics.events(),
                            e.getSubscriberId(),
                            RegistryEndpoints.framed(
                                    eventSchema, producerSchema, generic(e, producerSchema)));
                }
                send(producer, topics.events(), "plain-1", PulseTestKit.encode(events.get(0)));
                send(
                        producer,
                        topics.events(),
                        "unknown-1",
                        new byte[] {0, 0, 0, 3, (byte) 231, 2});
            }
            KAFKA.kit().awaitGroupOffset(GROUP, topics.events(), events.size() + 2);
            KAFKA.kit().awaitSettled(Duration.ofSeconds(3), topics.scores(), topics.deadLetters());
            cluster.assertRunningAndNeverRestarted(job);

            RegistryFramedAvroCodec<ScoreUpdate> scoresCodec =
                    new RegistryFramedAvroCodec<>(
                            ScoreUpdate.class,
                            new SchemaRegistry(registry.url()),
                            topics.scores() + "-value");
            Map<String, List<ScoreUpdate>> published = new LinkedHashMap<>();
            for (ScoreUpdate s : KAFKA.kit().readAll(topics.scores(), scoresCodec)) {
                published
                        .computeIfAbsent(s.getSubscriberId(), k -> new ArrayList<>())
                        .add(ScoreReplay.withoutProcessingTime(s));
            }
            assertThat(published.keySet())
                    .containsExactlyInAnyOrderElementsOf(replay.scores().keySet());
            replay.scores()
                    .forEach(
                            (subscriber, scores) ->
                                    assertThat(published.get(subscriber))
                                            .as(subscriber)
                                            .isEqualTo(scores));
            assertThat(registry.requests())
                    .contains(
                            "GET /schemas/ids/" + eventSchema,
                            "GET /schemas/ids/" + profileSchema,
                            "POST /subjects/" + topics.scores() + "-value/versions");

            List<DeadLetter> deadLetters =
                    KAFKA.kit()
                            .readAll(
                                    topics.deadLetters(),
                                    new RegistryFramedAvroCodec<>(
                                            DeadLetter.class,
                                            new SchemaRegistry(registry.url()),
                                            topics.deadLetters() + "-value"));
            assertThat(deadLetters)
                    .extracting(d -> d.getReason() + ": " + d.getDetail())
                    .hasSize(2)
                    .anySatisfy(d -> assertThat(d).contains("not framed for a schema registry"))
                    .anySatisfy(
                            d ->
                                    assertThat(d)
                                            .contains(
                                                    "schema id 999 is not in the schema registry"))
                    .allSatisfy(d -> assertThat(d).startsWith(DeadLetters.UNREADABLE));
        }
    }

    /** A producer's newer schema of the same record: one field more, with a default. */
    private static Schema withCellId(Schema schema) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
        ((ArrayNode) json.get("fields"))
                .add(
                        JSON.readTree(
                                "{\"name\":\"handsetModel\",\"type\":[\"null\",\"string\"],\"default\":null}"));
        return new Schema.Parser().parse(json.toString());
    }

    /** The record's fields as a record of {@code schema}; a field it does not have gets a cell. */
    private static GenericRecord generic(SpecificRecord record, Schema schema) {
        GenericRecord generic = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            Schema.Field own = record.getSchema().getField(f.name());
            generic.put(f.name(), own != null ? record.get(own.pos()) : "cell-7");
        }
        return generic;
    }
}
