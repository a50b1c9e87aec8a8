package io.pulse.local;

import io.pulse.cli.ToolRun;
import io.pulse.ops.DeadLetterTool;
import io.pulse.schema.DeadLetter;
import io.pulse.scoring.validation.DeadLetters;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static io.pulse.local.PulseTestKit.encode;
import static io.pulse.local.PulseTestKit.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter tool against a real broker: it lists what is there and replays the original
 * bytes.
 */
class DeadLetterToolITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    @BeforeAll
    static void setUp() throws Exception {
        KAFKA.kafka()
                .createTopics(
                        List.of(
                                new NewTopic("dead", 1, (short) 1),
                                new NewTopic("events", 1, (short) 1),
                                new NewTopic("fixed", 1, (short) 1)));
        try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
            send(
                    producer,
                    "dead",
                    "a",
                    encode(deadLetter(DeadLetters.INVALID, "events", "a", "{\"bad\":1}")));
            send(
                    producer,
                    "dead",
                    "b",
                    encode(deadLetter(DeadLetters.LATE, "events", "b", "late bytes")));
            send(
                    producer,
                    "dead",
                    "c",
                    encode(deadLetter(DeadLetters.UNREADABLE, "profiles", "c", "garbage")));
            send(
                    producer,
                    "dead",
                    "d",
                    encode(deadLetter(DeadLetters.INVALID, "events", "d", "{\"bad\":2}")));
        }
    }

    @Test
    void listsTheDeadLettersWithTheirReasons() {
        assertThat(run("list", "--reason", "INVALID,LATE"))
                .contains(
                        "INVALID events[0]@7",
                        "detail of a",
                        "listed 3 dead letters: {INVALID=2, LATE=1}")
                .doesNotContain("UNREADABLE");
    }

    @Test
    void replaysTheOriginalKeyAndBytesOfTheChosenReasons() {
        assertThat(run("replay", "--reason", "INVALID", "--to", "fixed"))
                .contains("replayed 2 dead letters: {INVALID=2}");
        assertThat(read("fixed")).containsExactly("a={\"bad\":1}", "d={\"bad\":2}");

        assertThat(run("replay", "--reason", "UNREADABLE", "--to", "fixed", "--dry-run"))
                .contains("would replay 1 dead letters: {UNREADABLE=1}");
        assertThat(read("fixed")).hasSize(2);
    }

    /**
     * Runs the tool as bin/pulse-dead-letters does, against the test's broker and dead-letter
     * topic; what it printed.
     */
    private static String run(String command, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                command,
                                "--bootstrap-servers",
                                KAFKA.kafka().bootstrapServers(),
                                "--topic",
                                "dead"));
        args.addAll(List.of(options));
        ToolRun run = ToolRun.of(new DeadLetterTool(), args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    private static DeadLetter deadLetter(String reason, String topic, String key, String value) {
        return DeadLetters.of(
                reason,
                "detail of " + key,
                topic,
                0,
                7,
                1L,
                key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8),
                2L);
    }

    private static List<String> read(String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", KAFKA.kafka().bootstrapServers());
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(
                            new String(r.key(), StandardCharsets.UTF_8)
                                    + "="
                                    + new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return records;
    }
}
