package io.pulse.local;

import io.pulse.local.GoodTraffic.GoodRecord;
import io.pulse.local.HostileCorpus.BadRecord;
import io.pulse.local.HostileCorpus.Input;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.validation.DeadLetters;

import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.pulse.scoring.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input end to end: a generated corpus of bad records ({@link HostileCorpus}) mixed into
 * realistic traffic ({@link GoodTraffic}) on a real Kafka broker, read by the real job on a
 * MiniCluster with RocksDB and no restart strategy, so that any task failure fails the job.
 *
 * <p>It proves: every bad record becomes exactly one dead letter, with the reason it must have, a
 * detail naming the problem, and the original key and bytes; no good record is lost or changed,
 * because every subscriber's published scores equal, field for field except processing time, what
 * the job's scoring logic computes in plain Java from the good records alone ({@link ScoreReplay});
 * the job never fails or restarts; and a subscriber flooding the feed counts exactly {@code
 * state.max-events-per-day} events that day, each one beyond it a FLOOD dead letter, so what its
 * state remembers per day is bounded. The counts table goes to stdout.
 *
 * <p>Decisions. A record with no Kafka key or an empty one, but a valid value, is a good record and
 * is scored: the job keys by the {@code subscriberId} in the value, and the Kafka key only chooses
 * the partition (a producer that leaves it out loses per-subscriber ordering across partitions,
 * which the allowed lateness absorbs or turns into LATE dead letters). The input topics have one
 * partition here, so the order of a subscriber's records is the order they were written and the
 * comparison with the in-order replay is exact. A dead letter keeps the original value whole up to
 * {@link DeadLetters#MAX_VALUE_BYTES}; the record near the 1 MiB limit gets its first bytes and a
 * detail saying it was cut, because the whole of it plus its key would not fit into a Kafka record
 * and the sink would fail.
 */
class HostileInputITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    private static final long SEED = 5L;
    private static final String GROUP_ID = "pulse-hostile";
    private static final String FLOODER = "flood-1";
    private static final int FLOOD_EXCESS = 1000;

    @TempDir static Path checkpoints;

    @Test
    void everyBadRecordBecomesADeadLetterAndTheGoodOnesScoreAsIfAlone() throws Exception {
        ScoringConfig config = PulseTestKit.testConfig();
        int dailyLimit = config.state().maxEventsPerDay();
        Random random = new Random(SEED);
        GoodTraffic good = GoodTraffic.generate(SEED, 30, 14);
        List<BadRecord> corpus =
                HostileCorpus.generate(
                        SEED, good.subscriberIds(), at(5, 12), System.currentTimeMillis());
        List<GoodRecord> flood =
                GoodTraffic.asAvroRecords(
                        HostileCorpus.FLOOD,
                        HostileCorpus.flood(FLOODER, at(3, 10), dailyLimit + FLOOD_EXCESS));
        List<InputRecord> profiles =
                interleave(good.profileRecords(), only(corpus, Input.PROFILES), random);
        List<InputRecord> events =
                interleave(byEventTime(good.records(), flood), only(corpus, Input.EVENTS), random);
        CountsTable counts = countsTable(corpus, profiles, events);

        // the reference: the good records alone, through the job's scoring logic in plain Java
        ScoreReplay replay = new ScoreReplay(config, ChurnScorer.loadModels(config));
        good.profileRecords().forEach(p -> replay.profile(p.profile()));
        for (InputRecord record : events) {
            if (record instanceof GoodRecord g && replay.event(g.event())) {
                counts.counted(g.category());
            }
        }
        assertThat(replay.rejected(DeadLetters.FLOOD))
                .as("events the plain-Java scorer refuses as FLOOD")
                .map(SubscriberEvent::getEventId)
                .containsExactlyElementsOf(
                        flood.subList(dailyLimit, flood.size()).stream()
                                .map(r -> r.event().getEventId())
                                .toList());
        assertThat(replay.rejected(DeadLetters.LATE)).isEmpty();
        int expectedScores = replay.scores().values().stream().mapToInt(List::size).sum();

        PulseTopics topics = KAFKA.kit().createTopics("hostile", 1);
        JobOutput output;
        List<String> logLines;
        try (CapturedLogs logs = CapturedLogs.atInfo()) {
            output = run(config, topics, profiles, events);
            logLines = logs.lines();
        }
        List<DeadLetter> deadLetters = output.deadLetters();
        List<ScoreUpdate> scores = output.scores();

        Map<InputRecord, List<DeadLetter>> lettersByRecord =
                attribute(deadLetters, output.sent(), good.records(), flood);
        lettersByRecord.forEach(
                (record, letters) ->
                        letters.forEach(l -> counts.deadLetter(record.category(), l.getReason())));
        System.out.println(
                "\nHostile input through the Pulse job, seed "
                        + SEED
                        + ":\n"
                        + counts.render()
                        + "dead letters "
                        + deadLetters.size()
                        + ", scores "
                        + scores.size()
                        + " (plain-Java replay: "
                        + expectedScores
                        + "), job RUNNING throughout, no task restarted\n");

        SoftAssertions softly = new SoftAssertions();
        corpus.forEach(bad -> assertDeadLetter(softly, bad, lettersByRecord.get(bad), topics));
        for (int i = 0; i < flood.size(); i++) {
            assertFlood(
                    softly,
                    flood.get(i),
                    lettersByRecord.get(flood.get(i)),
                    i >= dailyLimit,
                    dailyLimit);
        }
        for (GoodRecord record : good.records()) {
            softly.assertThat(lettersByRecord.get(record))
                    .as("dead letters of good record " + record.event().getEventId())
                    .isNull();
        }
        softly.assertAll();
        assertThat(deadLetters).hasSize(corpus.size() + FLOOD_EXCESS);
        assertSameScores(scores, replay.scores());
        assertNoSubscriberDataIn(logLines, good);
    }

    /**
     * Logs at INFO and above, Flink's and Kafka's included, name no subscriber and quote no record.
     */
    private static void assertNoSubscriberDataIn(List<String> logLines, GoodTraffic good) {
        assertThat(logLines).as("log lines written while the job ran").hasSizeGreaterThan(100);
        List<String> secrets = new ArrayList<>(good.subscriberIds());
        secrets.add(FLOODER);
        good.records().forEach(r -> secrets.add(r.event().getEventId()));
        assertThat(logLines.stream().filter(line -> secrets.stream().anyMatch(line::contains)))
                .as("log lines naming a subscriber or an event")
                .isEmpty();
    }

    /** What the job wrote, and where each input record landed. */
    private record JobOutput(
            Map<String, InputRecord> sent,
            List<DeadLetter> deadLetters,
            List<ScoreUpdate> scores) {}

    /**
     * Runs the job on a fresh cluster: writes the profiles, waits until they are in state (profiles
     * and events come from two sources), writes the events, waits until all are processed and the
     * output has settled, and reads it back; the job must be running, never restarted, throughout.
     */
    private static JobOutput run(
            ScoringConfig config,
            PulseTopics topics,
            List<InputRecord> profiles,
            List<InputRecord> events)
            throws Exception {
        try (ClusterUnderTest cluster =
                ClusterUnderTest.start(PulseTestKit.flinkConfiguration(checkpoints), 2)) {
            JobID job =
                    cluster.submit(
                            2,
                            env ->
                                    PulseJob.build(
                                            env, KAFKA.kit().settings(topics, GROUP_ID), config));
            try {
                Map<String, InputRecord> sent = new HashMap<>();
                try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
                    sent.putAll(send(producer, topics.profiles(), profiles));
                    KAFKA.kit().awaitGroupOffset(GROUP_ID, topics.profiles(), profiles.size());
                    sent.putAll(send(producer, topics.events(), events));
                }
                awaitConsumed(cluster, job, topics.events(), events.size());
                KAFKA.kit()
                        .awaitSettled(Duration.ofSeconds(3), topics.deadLetters(), topics.scores());
                JobOutput output =
                        new JobOutput(
                                sent,
                                KAFKA.kit().readAll(topics.deadLetters(), DeadLetter.class),
                                KAFKA.kit().readAll(topics.scores(), ScoreUpdate.class));
                cluster.assertRunningAndNeverRestarted(job);
                return output;
            } finally {
                cluster.cancel(job);
            }
        }
    }

    /** Rows for every category, good ones first, each with the number of records written. */
    private static CountsTable countsTable(
            List<BadRecord> corpus, List<InputRecord> profiles, List<InputRecord> events) {
        CountsTable counts =
                new CountsTable(
                        List.of(
                                DeadLetters.UNREADABLE,
                                DeadLetters.INVALID,
                                DeadLetters.FLOOD,
                                DeadLetters.LATE));
        Stream.of(
                        GoodTraffic.PROFILE_AVRO,
                        GoodTraffic.PROFILE_JSON,
                        GoodTraffic.PROFILE_ADDED_FIELD,
                        GoodTraffic.AVRO,
                        GoodTraffic.JSON,
                        GoodTraffic.ADDED_FIELD,
                        GoodTraffic.NO_KEY,
                        GoodTraffic.EMPTY_KEY,
                        GoodTraffic.RESENT)
                .forEach(counts::addRow);
        corpus.forEach(r -> counts.addRow(r.category()));
        Stream.concat(profiles.stream(), events.stream()).forEach(r -> counts.record(r.category()));
        return counts;
    }

    /**
     * Waits until the job has committed the offsets of every record of the topic, failing at once
     * if the job fails. The job commits offsets when a checkpoint completes: everything read before
     * it has been processed, and its output is in the transactions that checkpoint commits.
     */
    private static void awaitConsumed(
            ClusterUnderTest cluster, JobID job, String topic, long records) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (KAFKA.kit().groupOffset(GROUP_ID, topic) < records) {
            cluster.assertRunningAndNeverRestarted(job);
            assertThat(System.nanoTime())
                    .as("waiting for the job to consume " + records + " records of " + topic)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void assertDeadLetter(
            SoftAssertions softly, BadRecord bad, List<DeadLetter> letters, PulseTopics topics) {
        softly.assertThat(letters).as("dead letters of " + bad).hasSize(1);
        if (letters == null || letters.size() != 1) {
            return;
        }
        DeadLetter letter = letters.get(0);
        softly.assertThat(letter.getReason()).as("reason for " + bad).isEqualTo(bad.reason());
        softly.assertThat(letter.getDetail()).as("detail for " + bad).contains(bad.detail());
        softly.assertThat(letter.getSourceTopic())
                .isEqualTo(bad.input() == Input.EVENTS ? topics.events() : topics.profiles());
        softly.assertThat(DeadLetters.bytes(letter.getKey()))
                .as("key of " + bad)
                .isEqualTo(bad.key());
        byte[] value = bad.value();
        if (value != null && value.length > DeadLetters.MAX_VALUE_BYTES) {
            softly.assertThat(DeadLetters.bytes(letter.getValue()))
                    .as("value of " + bad)
                    .isEqualTo(Arrays.copyOf(value, DeadLetters.MAX_VALUE_BYTES));
            softly.assertThat(letter.getDetail())
                    .endsWith(
                            "value cut to "
                                    + DeadLetters.MAX_VALUE_BYTES
                                    + " of "
                                    + value.length
                                    + " bytes");
        } else {
            softly.assertThat(DeadLetters.bytes(letter.getValue()))
                    .as("value of " + bad)
                    .isEqualTo(value);
        }
    }

    private static void assertFlood(
            SoftAssertions softly,
            GoodRecord record,
            List<DeadLetter> letters,
            boolean beyondLimit,
            int dailyLimit) {
        String event = record.event().getEventId();
        if (!beyondLimit) {
            softly.assertThat(letters)
                    .as("dead letters of " + event + ", within the daily limit")
                    .isNull();
            return;
        }
        softly.assertThat(letters).as("dead letters of " + event).hasSize(1);
        if (letters != null && letters.size() == 1) {
            softly.assertThat(letters.get(0).getReason()).isEqualTo(DeadLetters.FLOOD);
            softly.assertThat(letters.get(0).getDetail())
                    .contains("already has " + dailyLimit + " events")
                    .contains("state.max-events-per-day");
            softly.assertThat(DeadLetters.bytes(letters.get(0).getValue()))
                    .isEqualTo(record.value());
            softly.assertThat(DeadLetters.bytes(letters.get(0).getKey())).isEqualTo(record.key());
        }
    }

    /**
     * Every subscriber's scores, in publishing order, equal the replay's, except for processing
     * time.
     */
    private static void assertSameScores(
            List<ScoreUpdate> published, Map<String, List<ScoreUpdate>> expected) {
        Map<String, List<ScoreUpdate>> actual =
                published.stream()
                        .map(ScoreReplay::withoutProcessingTime)
                        .collect(
                                Collectors.groupingBy(
                                        ScoreUpdate::getSubscriberId, Collectors.toList()));
        assertThat(actual.keySet())
                .as("subscribers with scores")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach(
                (subscriber, scores) -> {
                    List<ScoreUpdate> got = actual.get(subscriber);
                    assertThat(got).as("number of scores of " + subscriber).hasSameSizeAs(scores);
                    for (int i = 0; i < scores.size(); i++) {
                        assertThat(got.get(i))
                                .as("score " + i + " of " + subscriber)
                                .isEqualTo(ScoreReplay.withoutProcessingTime(scores.get(i)));
                    }
                });
    }

    /**
     * The input record each dead letter stands for: by source partition and offset when the decoder
     * rejected it, by event id when the scorer did (it no longer knows the offset).
     */
    private static Map<InputRecord, List<DeadLetter>> attribute(
            List<DeadLetter> deadLetters,
            Map<String, InputRecord> sent,
            List<GoodRecord> good,
            List<GoodRecord> flood) {
        Map<String, InputRecord> byEventId = new HashMap<>();
        Stream.concat(good.stream(), flood.stream())
                .filter(r -> !r.category().equals(GoodTraffic.RESENT))
                .forEach(r -> byEventId.put(r.event().getEventId(), r));
        Map<InputRecord, List<DeadLetter>> letters = new IdentityHashMap<>();
        for (DeadLetter letter : deadLetters) {
            InputRecord source =
                    letter.getSourceOffset() >= 0
                            ? sent.get(
                                    position(
                                            letter.getSourceTopic(),
                                            letter.getSourcePartition(),
                                            letter.getSourceOffset()))
                            : byEventId.get(decode(letter).getEventId());
            assertThat(source)
                    .as("the input record of " + letter.getReason() + " " + letter.getDetail())
                    .isNotNull();
            letters.computeIfAbsent(source, r -> new ArrayList<>()).add(letter);
        }
        return letters;
    }

    /** Writes the records in order; where each one landed. */
    private static Map<String, InputRecord> send(
            KafkaProducer<byte[], byte[]> producer, String topic, List<InputRecord> records)
            throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (InputRecord record : records) {
            acks.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
        }
        producer.flush();
        Map<String, InputRecord> positions = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            RecordMetadata ack = acks.get(i).get(30, TimeUnit.SECONDS);
            positions.put(position(topic, ack.partition(), ack.offset()), records.get(i));
        }
        return positions;
    }

    private static String position(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    /** The base records in their order, with each extra one put at a random place among them. */
    private static List<InputRecord> interleave(
            List<? extends InputRecord> base, List<? extends InputRecord> extra, Random random) {
        List<InputRecord> mixed = new ArrayList<>(base);
        for (InputRecord record : extra) {
            mixed.add(random.nextInt(mixed.size() + 1), record);
        }
        return mixed;
    }

    /**
     * Both lists merged by event time; a stable sort keeps re-sent copies right after their
     * original.
     */
    private static List<GoodRecord> byEventTime(List<GoodRecord> a, List<GoodRecord> b) {
        List<GoodRecord> merged = new ArrayList<>(a);
        merged.addAll(b);
        merged.sort(Comparator.comparingLong(r -> r.event().getEventTime()));
        return merged;
    }

    private static List<BadRecord> only(List<BadRecord> corpus, Input input) {
        return corpus.stream().filter(r -> r.input() == input).toList();
    }

    private static SubscriberEvent decode(DeadLetter letter) {
        try {
            return WireFormat.AVRO
                    .codec(SubscriberEvent.class)
                    .decode(DeadLetters.bytes(letter.getValue()));
        } catch (Exception e) {
            throw new AssertionError("a scorer's dead letter must carry the event: " + letter, e);
        }
    }
}
