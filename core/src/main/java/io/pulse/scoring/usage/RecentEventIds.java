package io.pulse.scoring.usage;

import io.pulse.state.SubscriberState;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The ids of a subscriber's recent events, kept in {@link SubscriberState#getRecentEventIds()} so
 * that finding a re-sent record costs no state access of its own: a 48-bit fingerprint per id,
 * grouped by event day, each group a 4-byte epoch day, a 2-byte count and the fingerprints.
 *
 * <p>A new event is taken for a re-sent one only if its fingerprint equals one of the n ids
 * remembered, with probability n / 2^48: about 3 * 10^-13 for the 80 ids of a busy subscriber's two
 * days, one wrongly dropped event in 10^12.
 */
public final class RecentEventIds {
    static final int FINGERPRINT_BYTES = 6;
    private static final int HEADER_BYTES = 6;
    private static final int MAX_GROUP = 0xffff;
    private static final long FINGERPRINT_MASK = (1L << 48) - 1;

    /** Room for this many more ids in a buffer that has to grow, so most events append in place. */
    private static final int GROWTH_IDS = 16;

    private RecentEventIds() {}

    /** Remembers the id of an event of {@code eventDay}; false when it is remembered already. */
    public static boolean markSeen(SubscriberState state, String eventId, int eventDay) {
        long fingerprint = fingerprint(eventId);
        ByteBuffer ids = ids(state);
        int end = ids.limit();
        int group = -1;
        for (int at = 0; at < end; ) {
            int day = ids.getInt(at);
            int count = ids.getShort(at + 4) & MAX_GROUP;
            int first = at + HEADER_BYTES;
            for (int i = 0; i < count; i++) {
                if (read48(ids, first + i * FINGERPRINT_BYTES) == fingerprint) {
                    return false;
                }
            }
            if (day == eventDay && count < MAX_GROUP) {
                group = at;
            }
            at = first + count * FINGERPRINT_BYTES;
        }
        state.setRecentEventIds(append(ids, group, eventDay, fingerprint));
        return true;
    }

    /** Forgets the ids of events before {@code firstDay}. */
    public static void forgetBefore(SubscriberState state, int firstDay) {
        ByteBuffer ids = ids(state);
        byte[] bytes = ids.array();
        int end = ids.limit();
        int kept = 0;
        for (int at = 0; at < end; ) {
            int day = ids.getInt(at);
            int length = HEADER_BYTES + (ids.getShort(at + 4) & MAX_GROUP) * FINGERPRINT_BYTES;
            if (day >= firstDay) {
                System.arraycopy(bytes, at, bytes, kept, length);
                kept += length;
            }
            at += length;
        }
        ids.limit(kept);
    }

    /** How many ids are remembered. */
    public static int size(SubscriberState state) {
        ByteBuffer ids = ids(state);
        int size = 0;
        for (int at = 0; at < ids.limit(); ) {
            int count = ids.getShort(at + 4) & MAX_GROUP;
            size += count;
            at += HEADER_BYTES + count * FINGERPRINT_BYTES;
        }
        return size;
    }

    public static ByteBuffer empty() {
        return ByteBuffer.allocate(0);
    }

    /** FNV-1a over the UTF-8 bytes, then a 64-bit finaliser so that all 48 kept bits are mixed. */
    static long fingerprint(String eventId) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash & FINGERPRINT_MASK;
    }

    /** The ids as a heap buffer from index 0 to its limit, so they can be moved in place. */
    private static ByteBuffer ids(SubscriberState state) {
        ByteBuffer ids = state.getRecentEventIds();
        if (ids != null && ids.hasArray() && ids.arrayOffset() == 0 && ids.position() == 0) {
            return ids;
        }
        ByteBuffer copy = ByteBuffer.allocate(ids == null ? 0 : ids.remaining());
        if (ids != null) {
            copy.put(ids.duplicate()).flip();
        }
        state.setRecentEventIds(copy);
        return copy;
    }

    private static ByteBuffer append(ByteBuffer ids, int group, int eventDay, long fingerprint) {
        int end = ids.limit();
        int needed = end + FINGERPRINT_BYTES + (group < 0 ? HEADER_BYTES : 0);
        ByteBuffer target = ids;
        if (needed > ids.capacity()) {
            target = ByteBuffer.allocate(needed + GROWTH_IDS * FINGERPRINT_BYTES);
            System.arraycopy(ids.array(), 0, target.array(), 0, end);
        }
        target.limit(needed);
        if (group < 0) {
            target.putInt(end, eventDay);
            target.putShort(end + 4, (short) 1);
            write48(target, end + HEADER_BYTES, fingerprint);
            return target;
        }
        int count = target.getShort(group + 4) & MAX_GROUP;
        int insertAt = group + HEADER_BYTES + count * FINGERPRINT_BYTES;
        byte[] bytes = target.array();
        // the groups after this one move up to make room
        System.arraycopy(bytes, insertAt, bytes, insertAt + FINGERPRINT_BYTES, end - insertAt);
        write48(target, insertAt, fingerprint);
        target.putShort(group + 4, (short) (count + 1));
        return target;
    }

    private static long read48(ByteBuffer b, int at) {
        return ((long) (b.getShort(at) & 0xffff) << 32) | (b.getInt(at + 2) & 0xffffffffL);
    }

    private static void write48(ByteBuffer b, int at, long value) {
        b.putShort(at, (short) (value >>> 32));
        b.putInt(at + 2, (int) value);
    }
}
