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
 * and its counters; then the same for the weekly buckets, by their Mondays. Format 2 differs from
 * format 1 (Pulse 0.1) in the counters only; format 3 adds the weeks (before it every sealed day of
 * the retention was a day, and {@link io.pulse.scoring.usage.RollingUsage} folds those older than
 * its daily days into weeks when the subscriber's day next changes).
 */
public final class SealedDaysSerializer extends VersionedSerializer<SealedDays> {
    private static final long serialVersionUID = 1L;
    public static final SealedDaysSerializer INSTANCE = new SealedDaysSerializer();

    @Override
    int currentFormat() {
        return 3;
    }

    @Override
    void writeValue(SealedDays value, DataOutputView out) throws IOException {
        writeBuckets(value.size(), value.days(), out);
        writeBuckets(value.weekCount(), value.weeks(), out);
    }

    private static void writeBuckets(
            int count, Iterable<Map.Entry<Integer, UsageCounters>> buckets, DataOutputView out)
            throws IOException {
        Varints.writeUnsigned(count, out);
        int previous = 0;
        for (Map.Entry<Integer, UsageCounters> bucket : buckets) {
            Varints.writeSigned(bucket.getKey() - previous, out);
            UsageCountersFormat.write(bucket.getValue(), out);
            previous = bucket.getKey();
        }
    }

    @Override
    SealedDays readValue(int format, DataInputView in) throws IOException {
        SealedDays value = new SealedDays();
        int day = 0;
        for (int i = Varints.readCount(in); i > 0; i--) {
            day += (int) Varints.readSigned(in);
            value.putDay(day, UsageCountersFormat.read(in, format));
        }
        if (format >= 3) {
            int monday = 0;
            for (int i = Varints.readCount(in); i > 0; i--) {
                monday += (int) Varints.readSigned(in);
                value.putWeek(monday, UsageCountersFormat.read(in, format));
            }
        }
        return value;
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
