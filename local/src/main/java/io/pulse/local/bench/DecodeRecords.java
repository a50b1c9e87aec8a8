package io.pulse.local.bench;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.codec.WireFormat;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.kafka.DecodingDeserializer;
import io.pulse.scoring.validation.EventValidator;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns an index of the event records into what the job's Kafka source emits for that record,
 * through the job's own deserializer: the decoding and validation cost is the production one. Marks
 * the first record, the first timed one and the last on the {@link RecordClock}.
 */
final class DecodeRecords extends RichFlatMapFunction<Long, Decoded<SubscriberEvent>> {
    private static final long serialVersionUID = 1L;

    private final EventRecords records;
    private transient DecodingDeserializer<SubscriberEvent> deserializer;
    private transient long timedFrom;
    private transient long last;

    DecodeRecords(EventRecords records) {
        this.records = records;
    }

    @Override
    public void open(OpenContext context) {
        records.open();
        deserializer =
                new DecodingDeserializer<>(
                        SubscriberEvent.class, WireFormat.AVRO, new EventValidator());
        timedFrom = records.timedFrom();
        last = records.size() - 1;
    }

    @Override
    public void flatMap(Long index, Collector<Decoded<SubscriberEvent>> out) {
        long i = index;
        if (i == 0) {
            RecordClock.first();
        }
        if (i == timedFrom) {
            RecordClock.timed();
        }
        deserializer.deserialize(records.record(i), out);
        if (i == last) {
            RecordClock.last();
        }
    }
}
