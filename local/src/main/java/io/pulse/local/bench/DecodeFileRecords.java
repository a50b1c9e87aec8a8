package io.pulse.local.bench;

import io.pulse.schema.SubscriberEvent;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.kafka.DecodingDeserializer;
import io.pulse.scoring.validation.EventValidator;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes the records of an {@code --input}'s files through the job's own deserializer, as the
 * job's Kafka source would, and marks the first record and the last on the {@link RecordClock}:
 * every record is timed. The count comes from the {@link InputSummary} read before the run.
 */
final class DecodeFileRecords extends RichFlatMapFunction<byte[], Decoded<SubscriberEvent>> {
    private static final long serialVersionUID = 1L;

    private final InputFiles.Format format;
    private final long records;
    private transient DecodingDeserializer<SubscriberEvent> deserializer;
    private transient long taken;

    DecodeFileRecords(InputFiles.Format format, long records) {
        this.format = format;
        this.records = records;
    }

    @Override
    public void open(OpenContext context) {
        deserializer =
                new DecodingDeserializer<>(
                        SubscriberEvent.class, format.wire, new EventValidator());
        taken = 0;
    }

    @Override
    public void flatMap(byte[] value, Collector<Decoded<SubscriberEvent>> out) {
        if (taken == 0) {
            RecordClock.first();
            RecordClock.timed();
        }
        deserializer.deserialize(InputFiles.consumerRecord("input", taken, value), out);
        if (++taken == records) {
            RecordClock.last();
        }
        if ((taken & 0xfff) == 0) {
            RecordClock.taken(taken);
        }
    }
}
