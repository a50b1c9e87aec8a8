package io.pulse.ops;

import io.pulse.cli.KafkaOptions;
import io.pulse.cli.PulseCommandLine;
import io.pulse.kafka.KafkaClientSettings;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.codec.CodecException;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.validation.DeadLetters;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
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
@Command(
        name = "pulse-dead-letters",
        mixinStandardHelpOptions = true,
        subcommands = {DeadLetterTool.ListCommand.class, DeadLetterTool.ReplayCommand.class},
        description =
                "Lists the dead-letter topic, or replays the original bytes of chosen dead letters to their"
                        + " source topic once the cause is fixed. pulse-dead-letters COMMAND --help lists a command's options.")
public final class DeadLetterTool {
    @Spec private CommandSpec spec;

    public static void main(String[] args) {
        PulseCommandLine.exit(new DeadLetterTool(), args);
    }

    /** What both commands take: which dead letters they read, and from which cluster. */
    abstract static class DeadLetterCommand implements Callable<Integer> {
        @ParentCommand private DeadLetterTool tool;

        @Option(
                names = "--topic",
                paramLabel = "T",
                defaultValue = "subscriber-dead-letters",
                description = "the dead-letter topic")
        String topic;

        @Option(
                names = "--format",
                paramLabel = "avro|json|auto",
                defaultValue = "auto",
                description = "the dead letters' encoding, as the job writes it")
        WireFormat format;

        @Option(
                names = "--source-topic",
                paramLabel = "T",
                description = "only dead letters read from this topic")
        String sourceTopic;

        @Mixin private KafkaOptions kafka;

        /** The reasons to read; empty: all. */
        abstract Set<String> reasons();

        @Override
        public Integer call() {
            tool.read(this, kafka.settings(System.getenv()));
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "Prints each dead letter (reason, source, detail) and the counts by reason.")
    static final class ListCommand extends DeadLetterCommand {
        @Option(
                names = "--reason",
                paramLabel = "R",
                split = ",",
                description =
                        "only these reasons: UNREADABLE, INVALID, LATE, FLOOD (comma-separated)")
        private Set<String> reasons;

        @Override
        Set<String> reasons() {
            return reasons == null ? Set.of() : reasons;
        }
    }

    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description =
                    "Writes the original key and bytes of the matching dead letters back to their source topic.")
    static final class ReplayCommand extends DeadLetterCommand {
        @Option(
                names = "--reason",
                paramLabel = "R",
                split = ",",
                required = true,
                description =
                        "these reasons only (comma-separated); required, as LATE and FLOOD records would be"
                                + " rejected again")
        private Set<String> reasons;

        @Option(
                names = "--to",
                paramLabel = "T",
                description = "replay into this topic instead of each record's source topic")
        String to;

        @Option(names = "--dry-run", description = "count what would be written, write nothing")
        boolean dryRun;

        @Override
        Set<String> reasons() {
            return reasons;
        }
    }

    /** Lists the command's dead letters, or replays them; returns how many. */
    long read(DeadLetterCommand selection, KafkaClientSettings kafka) {
        PrintWriter out = spec.commandLine().getOut();
        ReplayCommand replay = selection instanceof ReplayCommand r ? r : null;
        Set<String> reasons = selection.reasons();
        Map<String, Long> counts = new TreeMap<>();
        long matched = 0;
        RecordCodec<DeadLetter> codec = selection.format.codec(DeadLetter.class);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka);
                KafkaProducer<byte[], byte[]> producer =
                        replay != null && !replay.dryRun ? producer(kafka) : null) {
            for (ConsumerRecord<byte[], byte[]> record : readToEnd(consumer, selection.topic)) {
                DeadLetter deadLetter;
                try {
                    deadLetter = codec.decode(record.value());
                } catch (CodecException e) {
                    out.printf(
                            "offset %d: not a dead letter (%s)%n", record.offset(), e.getMessage());
                    continue;
                }
                if ((!reasons.isEmpty() && !reasons.contains(deadLetter.getReason()))
                        || (selection.sourceTopic != null
                                && !selection.sourceTopic.equals(deadLetter.getSourceTopic()))) {
                    continue;
                }
                matched++;
                counts.merge(deadLetter.getReason(), 1L, Long::sum);
                if (replay == null) {
                    out.printf(
                            "%s %s %s[%d]@%d %s: %s%n",
                            Instant.ofEpochMilli(deadLetter.getProcessingTime()),
                            deadLetter.getReason(),
                            deadLetter.getSourceTopic(),
                            deadLetter.getSourcePartition(),
                            deadLetter.getSourceOffset(),
                            deadLetter.getKey() == null
                                    ? "-"
                                    : "key " + DeadLetters.bytes(deadLetter.getKey()).length + " B",
                            deadLetter.getDetail());
                } else if (producer != null) {
                    producer.send(
                            new ProducerRecord<>(
                                    replay.to != null ? replay.to : deadLetter.getSourceTopic(),
                                    DeadLetters.bytes(deadLetter.getKey()),
                                    DeadLetters.bytes(deadLetter.getValue())));
                }
            }
        }
        out.printf(
                "%s %d dead letters: %s%n",
                replay == null ? "listed" : (replay.dryRun ? "would replay" : "replayed"),
                matched,
                counts);
        return matched;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaClientSettings kafka) {
        Properties props = kafka.clientProperties();
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaClientSettings kafka) {
        Properties props = kafka.clientProperties();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every committed record of the topic at the time of the call, partition by partition. */
    private static List<ConsumerRecord<byte[], byte[]>> readToEnd(
            KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
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
