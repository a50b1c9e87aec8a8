package io.pulse.scoring.kafka;

import io.pulse.schema.DeadLetter;

import java.nio.ByteBuffer;

/** Dead-letter records and their reasons. */
public final class DeadLetters {
    /** The bytes are not a record of the expected schema. */
    public static final String UNREADABLE = "UNREADABLE";
    /** A well-formed record that breaks a validation rule. */
    public static final String INVALID = "INVALID";
    /** Too old to change the subscriber's state. */
    public static final String LATE = "LATE";
    /** Beyond the subscriber's daily event limit ({@code state.max-events-per-day}). */
    public static final String FLOOD = "FLOOD";

    private DeadLetters() {}

    public static DeadLetter of(
            String reason, String detail, String topic, int partition, long offset, long timestamp,
            byte[] key, byte[] value, long processingTime) {
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setDetail(detail)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setSourceTimestamp(timestamp)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setProcessingTime(processingTime)
                .build();
    }
}
