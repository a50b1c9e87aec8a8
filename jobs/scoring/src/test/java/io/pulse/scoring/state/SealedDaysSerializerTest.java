package io.pulse.scoring.state;

import io.pulse.scoring.usage.SealedDays;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's own serializer checks on the sealed-days value. */
class SealedDaysSerializerTest extends SerializerTestBase<SealedDays> {

    @Override
    protected TypeSerializer<SealedDays> createSerializer() {
        return SealedDaysSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<SealedDays> getTypeClass() {
        return SealedDays.class;
    }

    @Override
    protected SealedDays[] getTestData() {
        SealedDays one = new SealedDays();
        one.putDay(20_000, StateSamples.fresh().getToday());
        return new SealedDays[] {new SealedDays(), one, StateSamples.ninetyDays()};
    }
}
