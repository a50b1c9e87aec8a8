package io.pulse.scoring.state;

import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A state serializer whose every value starts with its format version. A new format is a new
 * version number and a new read branch; values written in older formats stay readable without a
 * migration, so the serializer is always compatible as is with its earlier self. A value written by
 * a newer Pulse than the running one is refused with a clear error.
 */
abstract class VersionedSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    /** The format this build writes. */
    abstract int currentFormat();

    abstract void writeValue(T value, DataOutputView out) throws IOException;

    abstract T readValue(int format, DataInputView in) throws IOException;

    @Override
    public final void serialize(T value, DataOutputView out) throws IOException {
        out.writeByte(currentFormat());
        writeValue(value, out);
    }

    @Override
    public final T deserialize(DataInputView in) throws IOException {
        int format = in.readUnsignedByte();
        if (format < 1 || format > currentFormat()) {
            throw new IOException(
                    String.format(
                            "%s: state value in format %d, this build reads formats 1 to %d; was it written by a newer Pulse?",
                            getClass().getSimpleName(), format, currentFormat()));
        }
        return readValue(format, in);
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    /** A deep copy, through the format: the heap state backend copies values for its snapshots. */
    @Override
    public final T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }
}
