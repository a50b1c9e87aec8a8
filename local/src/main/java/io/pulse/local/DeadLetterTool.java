package io.pulse.local;

import io.pulse.schema.DeadLetter;
import io.pulse.kafka.KafkaClientSettings;
import io.pulse.scoring.validation.DeadLetters;
import io.pulse.schema.codec.CodecException;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;

import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the dead-letter topic: {@code list} shows what is there and why, {@code replay} writes the
 * original key and bytes of the chosen dead letters back to their source topic (or another one),
 * once the producer or the configuration that rejected them has been fixed. The job counts an
 * eventId once, and a rejected record was never counted, so a replayed record is scored as new.
 *
 * <pre>
 * bin/pulse-dead-letters list   [--bootstrap-servers localhost:9092] [--reason INVALID,UNREADABLE]
 * bin/pulse-dead-letters replay --reason INVALID [--source-topic subscriber-events] [--to topic] [--dry-run]
 * </pre>
 */
public final class DeadLetterTool {
    static final String USAGE = String.join("\n",
            "Usage: bin/pulse-dead-letters list|replay [options]",
            "",
            "  list     print each dead letter (reason, source, detail) and the counts by reason",
            "  replay   write the original key and bytes of the matching dead letters back to their source topic",
            "",
            "Options:",
            "  --bootstrap-servers H:P   the Kafka cluster (default localhost:9092)",
            "  --topic T                 the dead-letter topic (default subscriber-dead-letters)",
            "  --format F                avro, json or auto, as the job writes it (default auto)",
            "  --reason R[,R...]         only these reasons (replay: required; UNREADABLE, INVALID, LATE, FLOOD)",
            "  --source-topic T          only dead letters read from this topic",
            "  --to T                    replay into this topic instead of each record's source topic",
            "  --dry-run                 replay: count what would be written, write nothing",
            "  --kafka-properties FILE   Kafka client properties, e.g. security (README, Security)",
            "  --kafka.<property> V      one Kafka client property, over the file's");

    private final ParameterTool args;
    private final PrintStream out;

    DeadLetterTool(ParameterTool args, PrintStream out) {
        this.args = args;
        this.out = out;
    }

    public static void main(String[] argv) throws Exception {
        ParameterTool args = ParameterTool.fromArgs(Arrays.copyOfRange(argv, Math.min(1, argv.length), argv.length));
        String command = argv.length == 0 ? "" : argv[0];
        if (!command.equals("list") && !command.equals("replay")) {
            System.err.println(USAGE);
            System.exit(command.equals("--help") || command.equals("-h") ? 0 : 2);
        }
        new DeadLetterTool(args, System.out).run(command);
    }

    /** Runs a command; returns the number of dead letters it listed or replayed. */
    long run(String command) throws Exception {
        Set<String> reasons = args.has("reason")
                ? Arrays.stream(args.get("reason").split(",")).map(String::trim).collect(Collectors.toSet())
                : Set.of();
        boolean replay = command.equals("replay");
        if (replay && reasons.isEmpty()) {
            throw new IllegalArgumentException("replay needs --reason: LATE and FLOOD records would be rejected again");
        }
        String sourceTopic = args.get("source-topic");
        RecordCodec<DeadLetter> codec = WireFormat.parse(args.get("format", "auto")).codec(DeadLetter.class);
        Map<String, Long> counts = new TreeMap<>();
        long matched = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
                KafkaProducer<byte[], byte[]> producer = replay && !args.has("dry-run") ? producer() : null) {
            for (ConsumerRecord<byte[], byte[]> record : readToEnd(consumer, args.get("topic", "subscriber-dead-letters"))) {
                DeadLetter deadLetter;
                try {
                    deadLetter = codec.decode(record.value());
                } catch (CodecException e) {
                    out.printf("offset %d: not a dead letter (%s)%n", record.offset(), e.getMessage());
                    continue;
                }
                if ((!reasons.isEmpty() && !reasons.contains(deadLetter.getReason()))
                        || (sourceTopic != null && !sourceTopic.equals(deadLetter.getSourceTopic()))) {
                    continue;
                }
                matched++;
                counts.merge(deadLetter.getReason(), 1L, Long::sum);
                if (!replay) {
                    out.printf("%s %s %s[%d]@%d %s: %s%n", Instant.ofEpochMilli(deadLetter.getProcessingTime()),
                            deadLetter.getReason(), deadLetter.getSourceTopic(), deadLetter.getSourcePartition(),
                            deadLetter.getSourceOffset(), deadLetter.getKey() == null ? "-" : "key " + DeadLetters.bytes(deadLetter.getKey()).length + " B",
                            deadLetter.getDetail());
                } else if (producer != null) {
                    producer.send(new ProducerRecord<>(args.get("to", deadLetter.getSourceTopic()),
                            DeadLetters.bytes(deadLetter.getKey()), DeadLetters.bytes(deadLetter.getValue())));
                }
            }
        }
        out.printf("%s %d dead letters: %s%n", replay ? (args.has("dry-run") ? "would replay" : "replayed") : "listed",
                matched, counts);
        return matched;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = clientProperties();
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = clientProperties();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Properties clientProperties() {
        return KafkaClientSettings.fromOptions(args.toMap(), System.getenv(), "localhost:9092").clientProperties();
    }

    /** Every committed record of the topic at the time of the call, partition by partition. */
    private static List<ConsumerRecord<byte[], byte[]>> readToEnd(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

}
