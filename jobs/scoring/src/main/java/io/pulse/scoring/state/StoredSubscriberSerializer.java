package io.pulse.scoring.state;

import io.pulse.schema.SubscriberProfile;
import io.pulse.state.SubscriberState;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * The per-event state value: a presence byte, then the rolling state and the profile, each when
 * set, then (format 2) the time a profile-only entry was last seen. Format 1 is Pulse 0.1's; format
 * 3 adds an open episode's network incident, format 4 the churn model's split sides ({@link
 * SubscriberStateFormat}).
 */
public final class StoredSubscriberSerializer extends VersionedSerializer<StoredSubscriber> {
    private static final long serialVersionUID = 1L;
    public static final StoredSubscriberSerializer INSTANCE = new StoredSubscriberSerializer();

    private static final int HAS_STATE = 1;
    private static final int HAS_PROFILE = 2;
    private static final int HAS_PROFILE_SEEN_AT = 4;

    @Override
    int currentFormat() {
        return 4;
    }

    @Override
    void writeValue(StoredSubscriber value, DataOutputView out) throws IOException {
        SubscriberState state = value.state();
        SubscriberProfile profile = value.profile();
        long seenAt = value.profileSeenAt();
        out.writeByte(
                (state != null ? HAS_STATE : 0)
                        | (profile != null ? HAS_PROFILE : 0)
                        | (seenAt != 0 ? HAS_PROFILE_SEEN_AT : 0));
        if (state != null) {
            SubscriberStateFormat.write(state, out);
        }
        if (profile != null) {
            SubscriberProfileFormat.write(profile, out);
        }
        if (seenAt != 0) {
            Varints.writeSigned(seenAt, out);
        }
    }

    @Override
    StoredSubscriber readValue(int format, DataInputView in) throws IOException {
        int present = in.readUnsignedByte();
        SubscriberState state =
                (present & HAS_STATE) != 0 ? SubscriberStateFormat.read(in, format) : null;
        SubscriberProfile profile =
                (present & HAS_PROFILE) != 0 ? SubscriberProfileFormat.read(in) : null;
        StoredSubscriber stored = new StoredSubscriber(state, profile);
        if ((present & HAS_PROFILE_SEEN_AT) != 0) {
            stored.profileSeenAt(Varints.readSigned(in));
        }
        return stored;
    }

    @Override
    public StoredSubscriber createInstance() {
        return new StoredSubscriber(null, null);
    }

    @Override
    public TypeSerializerSnapshot<StoredSubscriber> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Nothing to configure: the format version travels with each value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<StoredSubscriber> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
