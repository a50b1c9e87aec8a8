package io.pulse.local.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.Serializable;

/**
 * The records of the events topic that a benchmark pipeline reads, by index, as one Kafka partition
 * would deliver them: index i is offset i. Shipped to the task in the job graph, so it carries only
 * what it needs to make the records there.
 */
interface EventRecords extends Serializable {
    String TOPIC = "subscriber-events";

    /** How many records there are. */
    long size();

    /**
     * The index of the first record timed: those before it only prepare the run, such as the first
     * event of every subscriber that creates its state. Must be below {@link #size()}.
     */
    default long timedFrom() {
        return 0;
    }

    /** Called once in the task that reads the records, before the first {@link #record}. */
    void open();

    /** The record at {@code index}, in {@code [0, size())}. */
    ConsumerRecord<byte[], byte[]> record(long index);
}
