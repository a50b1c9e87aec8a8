package io.pulse.local.replay;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;
import io.pulse.schema.history.HistoryFiles;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.kafka.DecodingDeserializer;
import io.pulse.scoring.validation.EventValidator;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The next event of a history file for each index of a sequence, as the job's Kafka source would
 * emit it: encoded as on the topic and read back through the job's own deserializer, so a record
 * the job would dead-letter is dead-lettered here too. Must run at parallelism 1, fed the indexes
 * in order.
 */
final class HistoryEvents extends RichFlatMapFunction<Long, Decoded<SubscriberEvent>> {
    private static final long serialVersionUID = 1L;
    static final String TOPIC = "history";

    private final String directory;
    private transient HistoryFiles.Records<SubscriberEvent> records;
    private transient RecordCodec<SubscriberEvent> codec;
    private transient DecodingDeserializer<SubscriberEvent> deserializer;

    HistoryEvents(Path directory) {
        this.directory = directory.toString();
    }

    @Override
    public void open(OpenContext context) {
        records = HistoryFiles.readEvents(Path.of(directory));
        codec = WireFormat.AVRO.codec(SubscriberEvent.class);
        deserializer =
                new DecodingDeserializer<>(
                        SubscriberEvent.class, WireFormat.AVRO, new EventValidator());
    }

    @Override
    public void flatMap(Long index, Collector<Decoded<SubscriberEvent>> out) {
        SubscriberEvent event = records.next();
        deserializer.deserialize(
                new ConsumerRecord<>(
                        TOPIC,
                        0,
                        index,
                        event.getSubscriberId().getBytes(StandardCharsets.UTF_8),
                        codec.encode(event)),
                out);
    }

    @Override
    public void close() {
        if (records != null) {
            records.close();
        }
    }
}
