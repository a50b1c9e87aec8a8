package io.pulse.scoring.logic;

import java.nio.charset.StandardCharsets;

/** 64-bit FNV-1a hash of an event id: 8 bytes of state per remembered event, collisions negligible. */
public final class EventIds {
    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private EventIds() {}

    public static long hash(String eventId) {
        long hash = OFFSET_BASIS;
        for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }
}
