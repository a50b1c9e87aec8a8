package io.pulse.scoring.state;

import io.pulse.scoring.incidents.AreaWatch;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * An area's watch ({@link AreaWatch.Stored}): its name, its open incident, and its known hours
 * oldest first, each as the gap from the one before (in hours) and its three counts.
 */
public final class AreaWatchSerializer extends VersionedSerializer<AreaWatch.Stored> {
    private static final long serialVersionUID = 1L;
    public static final AreaWatchSerializer INSTANCE = new AreaWatchSerializer();
    private static final long HOUR = 3_600_000L;

    @Override
    int currentFormat() {
        return 1;
    }

    @Override
    void writeValue(AreaWatch.Stored value, DataOutputView out) throws IOException {
        out.writeUTF(value.area());
        out.writeLong(value.incidentStart());
        Varints.writeUnsigned(value.quietHours(), out);
        out.writeLong(value.firstHour());
        long[] hours = value.hours();
        Integer[] order = sortedByHour(hours);
        Varints.writeUnsigned(hours.length, out);
        long previous = 0;
        for (Integer i : order) {
            long hour = hours[i] / HOUR;
            Varints.writeSigned(hour - previous, out);
            Varints.writeUnsigned(value.active()[i], out);
            Varints.writeUnsigned(value.faultReports()[i], out);
            Varints.writeUnsigned(value.droppedCalls()[i], out);
            out.writeBoolean(value.inIncident()[i]);
            previous = hour;
        }
    }

    @Override
    AreaWatch.Stored readValue(int format, DataInputView in) throws IOException {
        String area = in.readUTF();
        long incidentStart = in.readLong();
        int quietHours = Varints.readCount(in);
        long firstHour = in.readLong();
        int n = Varints.readCount(in);
        long[] hours = new long[n];
        int[] active = new int[n];
        int[] faults = new int[n];
        int[] dropped = new int[n];
        boolean[] inIncident = new boolean[n];
        long hour = 0;
        for (int i = 0; i < n; i++) {
            hour += Varints.readSigned(in);
            hours[i] = hour * HOUR;
            active[i] = Varints.readCount(in);
            faults[i] = Varints.readCount(in);
            dropped[i] = Varints.readCount(in);
            inIncident[i] = in.readBoolean();
        }
        return new AreaWatch.Stored(
                area,
                hours,
                active,
                faults,
                dropped,
                inIncident,
                incidentStart,
                quietHours,
                firstHour);
    }

    private static Integer[] sortedByHour(long[] hours) {
        Integer[] order = new Integer[hours.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(hours[a], hours[b]));
        return order;
    }

    @Override
    public AreaWatch.Stored createInstance() {
        return null;
    }

    @Override
    public TypeSerializerSnapshot<AreaWatch.Stored> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Nothing to configure: the format version travels with each value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AreaWatch.Stored> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
