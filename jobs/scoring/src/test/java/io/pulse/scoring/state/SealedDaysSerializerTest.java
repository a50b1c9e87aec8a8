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
        SealedDays weeks = new SealedDays();
        weeks.putDay(20_100, StateSamples.fresh().getToday());
        weeks.putWeek(20_055, StateSamples.busy().getMonth2());
        weeks.putWeek(20_062, StateSamples.busy().getMonth3());
        return new SealedDays[] {new SealedDays(), one, weeks, StateSamples.ninetyDays()};
    }
}
