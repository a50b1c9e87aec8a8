package io.pulse.scoring.state;

import io.pulse.scoring.usage.SealedDays;
import io.pulse.state.UsageCounters;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.Map;

/**
 * A subscriber's sealed days as one value: the count, then each day as a gap from the one before
 * and its counters. Format 2 differs from format 1 (Pulse 0.1) in the counters only.
 */
public final class SealedDaysSerializer extends VersionedSerializer<SealedDays> {
    private static final long serialVersionUID = 1L;
    public static final SealedDaysSerializer INSTANCE = new SealedDaysSerializer();

    @Override
    int currentFormat() {
        return 2;
    }

    @Override
    void writeValue(SealedDays value, DataOutputView out) throws IOException {
        Varints.writeUnsigned(value.size(), out);
        int previous = 0;
        for (Map.Entry<Integer, UsageCounters> day : value.days()) {
            Varints.writeSigned(day.getKey() - previous, out);
            UsageCountersFormat.write(day.getValue(), out);
            previous = day.getKey();
        }
    }

    @Override
    SealedDays readValue(int format, DataInputView in) throws IOException {
        SealedDays days = new SealedDays();
        int day = 0;
        for (int i = Varints.readCount(in); i > 0; i--) {
            day += (int) Varints.readSigned(in);
            days.putDay(day, UsageCountersFormat.read(in, format));
        }
        return days;
    }

    @Override
    public SealedDays createInstance() {
        return new SealedDays();
    }

    @Override
    public TypeSerializerSnapshot<SealedDays> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Nothing to configure: the format version travels with each value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SealedDays> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
