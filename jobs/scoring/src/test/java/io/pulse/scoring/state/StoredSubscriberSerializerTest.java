package io.pulse.scoring.state;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's own serializer checks (copy, snapshot and restore, concurrency, skipping) on the
 * per-event value.
 */
class StoredSubscriberSerializerTest extends SerializerTestBase<StoredSubscriber> {

    @Override
    protected TypeSerializer<StoredSubscriber> createSerializer() {
        return StoredSubscriberSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<StoredSubscriber> getTypeClass() {
        return StoredSubscriber.class;
    }

    @Override
    protected StoredSubscriber[] getTestData() {
        StoredSubscriber profileOnly = new StoredSubscriber(null, StateSamples.mass());
        profileOnly.profileSeenAt(StateSamples.mass().getUpdatedAt());
        return new StoredSubscriber[] {
            new StoredSubscriber(null, null),
            profileOnly,
            new StoredSubscriber(null, StateSamples.keyAccount()),
            new StoredSubscriber(StateSamples.fresh(), null),
            new StoredSubscriber(StateSamples.busy(), StateSamples.mass()),
            new StoredSubscriber(StateSamples.busy(), StateSamples.keyAccount()),
        };
    }
}
