package io.pulse.scoring.validation;

import io.pulse.schema.DeadLetter;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Dead-letter records and their reasons.
 *
 * <p>A dead letter carries the original key and value, so it is larger than the record it replaces;
 * a record near the broker's size limit would make a dead letter over the limit, the sink would
 * fail, and the job would replay that record after every restart. So a dead letter keeps the value
 * whole up to {@value #MAX_VALUE_BYTES} bytes and the key up to {@value #MAX_KEY_BYTES}, and the
 * detail up to {@value #MAX_DETAIL_CHARS} characters; beyond, they are cut and the detail says so.
 * No valid record comes near these sizes (every string field of an event or profile is at most 128
 * characters), so nothing that could be replayed is lost.
 */
public final class DeadLetters {
    /** The bytes are not a record of the expected schema. */
    public static final String UNREADABLE = "UNREADABLE";

    /** A well-formed record that breaks a validation rule. */
    public static final String INVALID = "INVALID";

    /** Too old to change the subscriber's state. */
    public static final String LATE = "LATE";

    /** Beyond the subscriber's daily event limit ({@code state.max-events-per-day}). */
    public static final String FLOOD = "FLOOD";

    /**
     * For a line that was terminated, once its state was removed: a ported-out line does not come
     * back to life.
     */
    public static final String TERMINATED = "TERMINATED";

    public static final int MAX_VALUE_BYTES = 512 * 1024;
    public static final int MAX_KEY_BYTES = 16 * 1024;
    public static final int MAX_DETAIL_CHARS = 1000;

    private DeadLetters() {}

    public static DeadLetter of(
            String reason,
            String detail,
            String topic,
            int partition,
            long offset,
            long timestamp,
            byte[] key,
            byte[] value,
            long processingTime) {
        String fullDetail = detail == null ? "" : detail;
        if (fullDetail.length() > MAX_DETAIL_CHARS) {
            fullDetail = fullDetail.substring(0, MAX_DETAIL_CHARS) + "...";
        }
        if (key != null && key.length > MAX_KEY_BYTES) {
            fullDetail += "; key cut to " + MAX_KEY_BYTES + " of " + key.length + " bytes";
        }
        if (value != null && value.length > MAX_VALUE_BYTES) {
            fullDetail += "; value cut to " + MAX_VALUE_BYTES + " of " + value.length + " bytes";
        }
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setDetail(fullDetail)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setSourceTimestamp(timestamp)
                .setKey(prefix(key, MAX_KEY_BYTES))
                .setValue(prefix(value, MAX_VALUE_BYTES))
                .setProcessingTime(processingTime)
                .build();
    }

    /** The bytes of a dead letter's key or value (null stays null). */
    public static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static ByteBuffer prefix(byte[] bytes, int max) {
        if (bytes == null) {
            return null;
        }
        return ByteBuffer.wrap(bytes.length <= max ? bytes : Arrays.copyOf(bytes, max));
    }
}
