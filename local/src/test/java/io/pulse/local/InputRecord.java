package io.pulse.local;

/**
 * One Kafka record a test writes to an input topic: its key and value bytes and what kind of record
 * it is.
 */
interface InputRecord {

    /** The row of the counts table the record belongs to. */
    String category();

    /** The Kafka key, or null for none. */
    byte[] key();

    /** The Kafka value, or null for a tombstone. */
    byte[] value();
}
